//! Which keys each struct requires, read from the JSON Schema derived from the same types.
//! serde stops at the first missing key of a mapping; the schema names them all, so one run
//! reports every missing key. The schema is only generated once a key is found missing.

use std::cell::OnceCell;
use std::collections::HashMap;

/// The required keys of every struct reachable from one root type, by struct name.
pub(super) struct Required {
    schema: fn() -> schemars::Schema,
    by_struct: OnceCell<HashMap<String, Vec<String>>>,
}

impl Required {
    pub(super) fn of<T: schemars::JsonSchema>() -> Self {
        Required {
            schema: || schemars::schema_for!(T),
            by_struct: OnceCell::new(),
        }
    }

    /// Whether struct `name` requires `key`.
    pub(super) fn requires(&self, name: &str, key: &str) -> bool {
        self.by_struct
            .get_or_init(|| read((self.schema)()))
            .get(name)
            .is_some_and(|keys| keys.iter().any(|k| k == key))
    }
}

/// `$defs` → name → `required`.
fn read(schema: schemars::Schema) -> HashMap<String, Vec<String>> {
    let defs = schema.get("$defs").and_then(|d| d.as_object());
    defs.into_iter()
        .flatten()
        .map(|(name, def)| {
            let keys = def
                .get("required")
                .and_then(|r| r.as_array())
                .into_iter()
                .flatten()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect();
            (name.clone(), keys)
        })
        .collect()
}
