/* supportbook default theme: the search box (spec section 10). It reads the index `build`
   writes for the page's language (its folder is the box's data-index): the small manifest
   first, then only the term files of the words typed and the document files of the results
   shown. Every file comes from this site.

   A term file holds the stems that start with its key, each with its documents and weights,
   and the words of the pages that differ from their stem (`fatture` → `fattur`), so a word of
   the pages is found by its stem exactly; a word the pages do not have is found by the
   longest stem it starts with (`fatturati` → `fattur`); the word still being typed also
   finds the words it begins. */
(function () {
  "use strict";
  var box = document.querySelector(".search[data-index]");
  if (!box || !window.fetch) return;
  var input = box.querySelector("input");
  var list = box.querySelector("[role=listbox]");
  var status = box.querySelector("[role=status]");
  var base = box.getAttribute("data-index");
  var SHOWN = 8; /* results shown */
  var WAIT = 100; /* ms after a key before searching: typing fetches little in between */
  var cache = {}, manifest = null, results = [], active = -1, asked = 0, timer = 0;
  var WORD = /[^\p{Alphabetic}\p{N}]+/u;

  function get(name) {
    var url = base + name;
    if (!cache[url]) {
      cache[url] = fetch(url)
        .then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); })
        .catch(function (e) { delete cache[url]; throw e; }); /* tried again on the next key */
    }
    return cache[url];
  }
  function words(text) {
    return text.toLowerCase().split(WORD).filter(function (w) {
      var n = Array.from(w).length;
      return n >= 2 && n <= 40;
    });
  }

  /* ---- The index ---- */
  /* The term files a word needs: the one of the longest key it starts with, or, for a word
     shorter than every key, the first few whose keys start with it. */
  function termFiles(m, w) {
    var best = -1, len = 0, longer = [];
    m.keys.forEach(function (k, i) {
      if (k.length > len && w.indexOf(k) === 0) { best = i; len = k.length; }
      else if (k.indexOf(w) === 0 && longer.length < 4) longer.push(i);
    });
    var which = (best >= 0 ? [best] : longer).map(function (i) { return m.key_files[i]; });
    which = which.filter(function (n, i) { return which.indexOf(n) === i; });
    return Promise.all(which.map(function (n) { return get(m.term_files[n]).then(parse); }));
  }
  /* A term file with maps for lookup, made once. */
  function parse(f) {
    if (!f.stemMap) {
      f.stemMap = new Map(f.stems);
      f.wordMap = new Map(f.words);
    }
    return f;
  }
  /* The documents of a stem, as a Map doc → weight. */
  function postings(m, stem) {
    return termFiles(m, stem).then(function (fs) {
      var out = new Map();
      fs.forEach(function (f) {
        var p = f.stemMap.get(stem), d = 0;
        for (var i = 0; p && i < p.length; i += 2) { d += p[i]; out.set(d, p[i + 1]); }
      });
      return out;
    });
  }
  /* The stems a query word stands for, each with how well it matches (1 exactly). */
  function stems(m, w, typing) {
    return termFiles(m, w).then(function (fs) {
      var found = new Map();
      function add(s, f) { if (!(found.get(s) >= f)) found.set(s, f); }
      fs.forEach(function (f) {
        if (f.stemMap.has(w)) add(w, 1);
        if (f.wordMap.has(w)) add(f.wordMap.get(w), 1);
      });
      if (!found.size) {
        var best = "";
        fs.forEach(function (f) {
          f.stems.forEach(function (e) {
            var s = e[0];
            if (s.length > best.length && s.length >= 3 && w.length - s.length <= 3 && w.indexOf(s) === 0) best = s;
          });
        });
        if (best) add(best, 0.9);
      }
      if (typing) {
        var n = 0;
        fs.forEach(function (f) {
          f.stems.forEach(function (e) { if (n < 40 && e[0].indexOf(w) === 0) { add(e[0], 0.6); n++; } });
          f.words.forEach(function (e) { if (n < 40 && e[0].indexOf(w) === 0) { add(e[1], 0.6); n++; } });
        });
      }
      return found;
    });
  }
  /* Every document a query word finds, with its score: weight × match × rarity. */
  function scores(m, w, typing) {
    return stems(m, w, typing).then(function (found) {
      var keys = Array.from(found.keys());
      return Promise.all(keys.map(function (s) { return postings(m, s); })).then(function (lists) {
        var out = new Map();
        lists.forEach(function (p, i) {
          var rarity = Math.log(1 + m.documents / Math.max(1, p.size)), f = found.get(keys[i]);
          p.forEach(function (weight, d) {
            var s = weight * f * rarity;
            if (!(out.get(d) >= s)) out.set(d, s);
          });
        });
        return { stems: keys, docs: out };
      });
    });
  }
  /* The best documents for a query: those every word finds, else those any word finds. */
  function search(text, done) {
    var ws = words(text), typing = !done && !/[\s\p{P}]$/u.test(text);
    /* A word still being typed counts from its third letter. */
    if (typing && ws.length && Array.from(ws[ws.length - 1]).length < 3) ws.pop();
    if (!ws.length) return Promise.resolve(null);
    manifest = manifest || get("index.json");
    return manifest.then(function (m) {
      return Promise.all(ws.map(function (w, i) { return scores(m, w, typing && i === ws.length - 1); }))
        .then(function (per) {
          var total = new Map(), hits = new Map();
          per.forEach(function (r) {
            r.docs.forEach(function (s, d) { total.set(d, (total.get(d) || 0) + s); hits.set(d, (hits.get(d) || 0) + 1); });
          });
          var all = Array.from(total.keys()).filter(function (d) { return hits.get(d) === per.length; });
          if (!all.length) all = Array.from(total.keys());
          all.sort(function (a, b) { return total.get(b) - total.get(a) || a - b; });
          var top = all.slice(0, SHOWN);
          var needles = ws.concat.apply(ws, per.map(function (r) { return r.stems; }));
          return Promise.all(top.map(function (d) {
            return get(m.doc_files[Math.floor(d / m.docs_per_file)]).then(function (rows) {
              var r = rows[d % m.docs_per_file];
              return { url: r[0], title: r[1], section: r[2], text: r[3] };
            });
          })).then(function (docs) { return { docs: docs, needles: needles }; });
        });
    });
  }

  /* ---- Showing results ---- */
  function matches(word, needles) {
    var w = word.toLowerCase();
    return w.length >= 2 && needles.some(function (n) { return w.indexOf(n) === 0; });
  }
  /* `text` into `parent`, the words the query found in <mark>. */
  function marked(parent, text, needles) {
    text.split(/([^\p{Alphabetic}\p{N}]+)/u).forEach(function (part, i) {
      if (i % 2 === 0 && matches(part, needles)) {
        var m = document.createElement("mark"); m.textContent = part; parent.appendChild(m);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }
  /* A few words of `text` where most of the query's words are found. */
  function excerpt(text, needles) {
    var parts = text.split(/([^\p{Alphabetic}\p{N}]+)/u), SPAN = 56, best = 0, most = 0;
    var hit = parts.map(function (p, i) {
      if (i % 2) return null;
      var w = p.toLowerCase();
      return w.length >= 2 ? needles.filter(function (n) { return w.indexOf(n) === 0; })[0] || null : null;
    });
    for (var i = 0; i < parts.length; i += 2) {
      if (!hit[i]) continue;
      var seen = new Set();
      for (var k = i; k < Math.min(parts.length, i + SPAN); k += 2) if (hit[k]) seen.add(hit[k]);
      if (seen.size > most) { most = seen.size; best = i; }
    }
    var from = Math.max(0, best - 12), to = Math.min(parts.length, from + SPAN);
    from -= from % 2;
    var s = parts.slice(from, to).join("").trim();
    return (from > 0 ? "… " : "") + s + (to < parts.length ? " …" : "");
  }
  function el(tag, cls) { var e = document.createElement(tag); if (cls) e.className = cls; return e; }
  function fill(key, args) {
    var s = box.getAttribute("data-" + key) || "";
    Object.keys(args).forEach(function (a) { s = s.split("{" + a + "}").join(args[a]); });
    return s;
  }
  function show(found, query) {
    list.textContent = "";
    list.setAttribute("data-query", query); /* what the list shows (for tests and benchmarks) */
    results = found ? found.docs : [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    results.forEach(function (r, i) {
      var li = el("li", "search-result");
      li.id = "sb-search-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var t = el("span", "search-title"); marked(t, r.title, found.needles); li.appendChild(t);
      li.appendChild(el("span", "search-section")).textContent = r.section;
      if (r.text) { var x = el("span", "search-excerpt"); marked(x, excerpt(r.text, found.needles), found.needles); li.appendChild(x); }
      li.addEventListener("mousedown", function (e) { e.preventDefault(); }); /* keeps the focus in the box */
      li.addEventListener("click", function () { open(i); });
      list.appendChild(li);
    });
    if (!found) {
      status.textContent = "";
    } else if (!results.length) {
      var none = el("li", "search-none");
      none.setAttribute("role", "option");
      none.setAttribute("aria-disabled", "true");
      none.setAttribute("aria-selected", "false");
      none.textContent = fill("none", { query: query.trim() });
      list.appendChild(none);
      status.textContent = none.textContent;
    } else {
      status.textContent = results.length === 1 ? fill("one", {}) : fill("many", { n: results.length });
    }
    expand(!!found);
  }
  function expand(on) {
    on = on && list.childElementCount > 0;
    list.hidden = !on;
    box.classList.toggle("search-open", on);
  }
  function select(i) {
    var items = list.querySelectorAll(".search-result");
    if (!items.length) return;
    active = Math.max(-1, Math.min(items.length - 1, i));
    items.forEach(function (li, k) { li.setAttribute("aria-selected", k === active ? "true" : "false"); });
    if (active < 0) { input.removeAttribute("aria-activedescendant"); return; }
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }
  function open(i) { if (results[i]) location.assign(results[i].url); }
  function run(done) {
    var query = input.value, ask = ++asked;
    if (!words(query).length) { show(null, query); return; }
    search(query, done === true).then(function (found) { if (ask === asked) show(found, query); })
      .catch(function () { if (ask === asked) show({ docs: [], needles: [] }, query); });
  }

  /* ---- Keys ---- */
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, WAIT); });
  input.addEventListener("focus", function () { if (results.length) expand(true); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) { expand(true); if (list.hidden) return; }
      e.preventDefault();
      select(active + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(timer);
      if (results.length) open(Math.max(active, 0)); else run(true);
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); expand(false); select(-1); }
      else if (!input.value) input.blur();
    }
  });
  box.addEventListener("focusout", function (e) {
    if (box.contains(e.relatedTarget)) return;
    expand(false);
    /* The caret leaves with the focus: text typed elsewhere (a choice's type-ahead) cannot land here. */
    var sel = window.getSelection();
    if (sel && sel.rangeCount && box.contains(sel.anchorNode)) sel.removeAllRanges();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
  box.hidden = false;
})();
