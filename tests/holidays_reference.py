"""The independent source for the built-in holiday sets: the PyPI `holidays` package (pinned in
.ci/install-deps.sh). Prints, as one JSON object, every date each set's country has from FROM to
TO (inclusive years): {"public:it": ["2026-01-01", ...], ...}. Fails when the package is
missing: the test that runs it must not pass without it."""

import json
import sys

import holidays

FROM, TO = int(sys.argv[1]), int(sys.argv[2])
years = list(range(FROM - 1, TO + 2))
SETS = {
    "public:it": holidays.country_holidays("IT", years=years),
    "public:de": holidays.country_holidays("DE", years=years),
    "public:fr": holidays.country_holidays("FR", years=years),
    # England and Wales: the package's "ENG" subdivision of GB (Wales has the same days).
    "public:gb-eng": holidays.country_holidays("GB", subdiv="ENG", years=years),
    "public:us": holidays.country_holidays("US", years=years),
}
out = {
    set_id: sorted(d.isoformat() for d in days if FROM <= d.year <= TO)
    for set_id, days in SETS.items()
}
out["version"] = holidays.__version__
print(json.dumps(out))
