/* supportbook default theme: the search box (spec section 10, "Search, 1.2"). It reads the
   index `build` writes for the page's language (its folder is the box's data-index): the small
   manifest first, then only the term files of the words typed and the document files of the
   results shown. Every file comes from this site.

   Words are cut, lower-cased and folded exactly as src/search/words.rs does: runs of letters
   and digits of any length, and runs joined by / , . : - next to a digit as one word too
   (`24/7`, `4,50`); accents folded (FOLD, the same string as in words.rs) but for the letters
   the language keeps (the manifest's `keep`).

   A term file holds the stems that start with its key, each with its documents and weights,
   and the words of the pages that differ from their stem (`fatture` → `fattur`). A query word
   finds, best first: its stem exactly (a word of the pages, or a stem); the longest stem it
   starts with (`fatturati` → `fattur`); while it is being typed (from its second letter), the
   words it begins; with one typo (4 letters or more; two from 8), the words of the pages that
   share its first two letters; the members of the synonym groups it belongs to. A document's
   score is the sum over the query's words of its best weight × match × rarity; documents with
   more of the query's words come first; each page is shown once, at its best part. */
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
  var EXACT = 1, STEM = 0.9, PREFIX = 0.6, SYNONYM = 0.7, TYPO = 0.45, TITLE_WORD = 100;
  var cache = {}, manifest = null, results = [], active = -1, asked = 0, timer = 0;
  var FOLD = "ßss àa áa âa ãa äa åa æae çc èe ée êe ëe ìi íi îi ïi ðd ñn òo óo ôo õo öo øo ùu úu ûu üu ýy þth ÿy āa ăa ąa ćc ĉc ċc čc ďd đd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ħh ĩi īi ĭi įi ıi ĵj ķk ĸk ĺl ļl ľl ŀl łl ńn ņn ňn ŋn ōo ŏo őo œoe ŕr ŗr řr śs ŝs şs šs ţt ťt ŧt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ơo ưu ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa ǡa ǣae ǧg ǩk ǫo ǭo ǯʒ ǰj ǵg ǹn ǻa ǽae ǿo ȁa ȃa ȅe ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo ȯo ȱo ȳy ʹʹ ΐι άα έε ήη ίι ΰυ ϊι ϋυ όο ύυ ώω ϓϒ ϔϒ ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ẛſ ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy";
  var FOLDS = new Map(FOLD.split(" ").map(function (p) { var c = Array.from(p)[0]; return [c, p.slice(c.length)]; }));
  var RUN = /[\p{Alphabetic}\p{N}]+/gu, DIGIT = /\p{N}/u, JOINERS = "/,.:-", MAX = 40;

  function get(name) {
    var url = base + name;
    if (!cache[url]) {
      cache[url] = fetch(url)
        .then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); })
        .catch(function (e) { delete cache[url]; throw e; }); /* tried again on the next key */
    }
    return cache[url];
  }
  function len(w) { return Array.from(w).length; }
  /* A word lower-cased and folded, but for the letters in `keep`. */
  function fold(w, keep) {
    var out = "";
    Array.from(w.toLowerCase()).forEach(function (c) {
      out += c < "\u0080" || keep.indexOf(c) >= 0 || !FOLDS.has(c) ? c : FOLDS.get(c);
    });
    return out;
  }
  /* The words of `text` in order, as the index cut them; a word joined from several runs
     (`24/7`) comes with its runs as `parts`. */
  function tokens(text, keep) {
    var runs = [], m;
    RUN.lastIndex = 0;
    while ((m = RUN.exec(text))) runs.push({ s: m.index, e: m.index + m[0].length, w: m[0] });
    var out = [], chain = null;
    function flush() {
      if (!chain) return;
      if (chain.parts.length > 1 && len(text.slice(chain.s, chain.e)) <= MAX) {
        out.push({ word: fold(text.slice(chain.s, chain.e), keep), parts: chain.parts });
      } else {
        chain.parts.forEach(function (p) { out.push({ word: p, parts: [] }); });
      }
    }
    runs.forEach(function (r, k) {
      var word = fold(r.w, keep), joined = false;
      if (k > 0) {
        var p = runs[k - 1], between = text.slice(p.e, r.s);
        joined = between.length === 1 && JOINERS.indexOf(between) >= 0 &&
          (DIGIT.test(Array.from(p.w).pop()) || DIGIT.test(Array.from(r.w)[0]));
      }
      if (joined) { chain.e = r.e; if (len(word) <= MAX) chain.parts.push(word); }
      else { flush(); chain = { s: r.s, e: r.e, parts: len(word) <= MAX ? [word] : [] }; }
    });
    flush();
    return out.filter(function (t) { return t.word && (t.parts.length || len(t.word) <= MAX); });
  }
  function words(text) { return tokens(text, "").map(function (t) { return t.word; }); }

  /* ---- The index ---- */
  /* The numbers of the term files whose keys a word needs: the longest key it starts with, or,
     for a word shorter than every key, those that start with it; with `wide`, every key that
     starts with its first two letters (for typos). */
  function fileNumbers(m, w, wide) {
    var best = -1, blen = 0, longer = [], two = Array.from(w).slice(0, 2).join("");
    m.keys.forEach(function (k, i) {
      if (k.length > blen && w.indexOf(k) === 0) { best = i; blen = k.length; }
      else if (k.indexOf(w) === 0 && longer.length < 2) longer.push(i);
      else if (wide && (k.indexOf(two) === 0 || two.indexOf(k) === 0)) longer.push(i);
    });
    var which = (best >= 0 && !wide ? [best] : longer.concat(best >= 0 ? [best] : [])).map(function (i) { return m.key_files[i]; });
    which = which.filter(function (n, i) { return which.indexOf(n) === i; });
    return which.slice(0, 4);
  }
  function termFiles(m, w, wide) {
    return Promise.all(fileNumbers(m, w, wide).map(function (n) { return get(m.term_files[n]).then(parse); }));
  }
  /* The numbers of a term file (a stem's documents and weights, a title word's documents), as
     src/search/index.rs writes them: base 32, most significant group first, every group but
     the last shifted by 32, each group one of DIGITS. */
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", DIGIT_OF = {};
  Array.from(DIGITS).forEach(function (c, i) { DIGIT_OF[c] = i; });
  function numbers(s) {
    var out = [], n = 0;
    for (var i = 0; s && i < s.length; i++) {
      var v = DIGIT_OF[s[i]];
      if (v >= 32) n = n * 32 + v - 32;
      else { out.push(n * 32 + v); n = 0; }
    }
    return out;
  }
  /* A term file with maps for lookup, made once. */
  function parse(f) {
    if (!f.stemMap) {
      f.stemMap = new Map(f.stems);
      f.wordMap = new Map(f.words);
      f.titledMap = new Map(f.titled || []);
    }
    return f;
  }
  /* The documents of a stem, as a Map doc → weight. */
  function postings(m, stem) {
    return termFiles(m, stem).then(function (fs) {
      var out = new Map();
      fs.forEach(function (f) {
        var p = numbers(f.stemMap.get(stem)), d = 0;
        for (var i = 0; i < p.length; i += 2) { d += p[i]; out.set(d, p[i + 1]); }
      });
      return out;
    });
  }
  /* The edit distance of two words (a swap of two letters is one edit), up to `most` + 1. */
  function distance(a, b, most) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur.push(d);
        if (d < low) low = d;
      }
      if (low > most) return most + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  /* The typos a word of `n` letters may have. */
  function typos(n) { return n >= 8 ? 2 : n >= 4 ? 1 : 0; }
  /* The stems a query word stands for, each with how well it matches. */
  function stems(m, w, typing, known) {
    return termFiles(m, w).then(function (fs) {
      var found = new Map();
      function add(s, f) { if (!(found.get(s) >= f)) found.set(s, f); }
      found.titled = [];
      fs.forEach(function (f) {
        var t = numbers(f.titledMap.get(w)), d = 0;
        for (var i = 0; i < t.length; i++) { d += t[i]; found.titled.push(d); }
        if (f.stemMap.has(w)) add(w, EXACT);
        if (f.wordMap.has(w)) add(f.wordMap.get(w), EXACT);
      });
      if (!found.size && !DIGIT.test(w)) {
        var best = "";
        fs.forEach(function (f) {
          f.stems.forEach(function (e) {
            var s = e[0];
            if (s.length > best.length && s.length >= 3 && w.length - s.length <= 3 && w.indexOf(s) === 0) best = s;
          });
        });
        if (best) add(best, STEM);
      }
      if (typing && len(w) >= 2) {
        var n = 0;
        fs.forEach(function (f) {
          f.stems.forEach(function (e) { if (n < 40 && e[0] !== w && e[0].indexOf(w) === 0) { add(e[0], PREFIX); n++; } });
          f.words.forEach(function (e) { if (n < 40 && e[0].indexOf(w) === 0) { add(e[1], PREFIX); n++; } });
        });
      }
      var most = DIGIT.test(w) ? 0 : typos(len(w));
      if (found.size || !most || known) return found;
      /* No word of the pages is this one: those one or two letters away. */
      return termFiles(m, w, true).then(function (wide) {
        wide.forEach(function (f) {
          f.words.forEach(function (e) { var d = distance(w, e[0], most); if (d <= most) add(e[1], TYPO / d); });
          f.stems.forEach(function (e) { var d = distance(w, e[0], most); if (d <= most && len(e[0]) >= 4) add(e[0], TYPO / d); });
        });
        return found;
      });
    });
  }
  /* The synonyms of a query word (or phrase): the stems of the other members of its groups
     that the index has. `found` holds the stems the word itself found. */
  function synonyms(m, w, found) {
    var out = new Map();
    (m.synonyms || []).forEach(function (group) {
      var hit = group.some(function (s) { return s[0] === w || (s[1] && found.get(s[1]) === EXACT); });
      if (!hit) return;
      /* At most four more stems: each costs a term file. */
      group.forEach(function (s) { if (s[2] && !found.has(s[1]) && !out.has(s[1]) && out.size < 4) out.set(s[1], SYNONYM); });
    });
    return out;
  }
  /* Every document a query word finds, with its score: weight × match × rarity. */
  function scores(m, slot, typing) {
    var w = slot.word;
    var member = (m.synonyms || []).some(function (g) { return g.some(function (s) { return s[0] === w; }); });
    return Promise.all(slot.words.map(function (x) { return stems(m, x, typing && x === w, member); })).then(function (each) {
      var found = new Map(), titled = [];
      each.forEach(function (f) {
        f.forEach(function (v, s) { if (!(found.get(s) >= v)) found.set(s, v); });
        titled = titled.concat(f.titled || []);
      });
      if (!found.size && slot.parts.length) return null; /* `24/7` not written so: its parts */
      synonyms(m, w, found).forEach(function (v, s) { if (!found.has(s)) found.set(s, v); });
      var keys = Array.from(found.keys());
      return Promise.all(keys.map(function (s) { return postings(m, s); })).then(function (lists) {
        var out = new Map();
        lists.forEach(function (p, i) {
          var rarity = Math.log(1 + m.documents / Math.max(1, p.size)), f = found.get(keys[i]);
          p.forEach(function (weight, d) {
            var s = weight * f * rarity, had = out.get(d);
            if (!had || had.score < s) out.set(d, { score: s, hit: Math.max(f > TYPO ? 1 : 0.5, had ? had.hit : 0) });
            else if (f > TYPO) had.hit = 1;
          });
        });
        /* The very word typed in a title weighs as much again as a title. */
        var rare = Math.log(1 + m.documents / Math.max(1, titled.length));
        titled.forEach(function (d) { var had = out.get(d); if (had) had.score += TITLE_WORD * rare; });
        return { stems: keys.filter(function (s) { return found.get(s) > TYPO || found.get(s) === SYNONYM; }), docs: out };
      });
    });
  }
  /* The query's slots: each word, a joined word with its parts to fall back on, and the
     phrases of synonym groups (`non funziona`) as one slot of their words. */
  function slots(m, text, keep) {
    var ts = tokens(text, keep), out = [];
    var phrases = [];
    (m.synonyms || []).forEach(function (g) { g.forEach(function (s) { if (s[0].indexOf(" ") > 0) phrases.push(s[0]); }); });
    for (var i = 0; i < ts.length; i++) {
      var taken = false;
      for (var k = 0; k < phrases.length && !taken; k++) {
        var ws = phrases[k].split(" ");
        if (ts.slice(i, i + ws.length).map(function (t) { return t.word; }).join(" ") === phrases[k]) {
          out.push({ word: phrases[k], words: ws.filter(function (w) { return len(w) > 2; }), parts: [] });
          i += ws.length - 1;
          taken = true;
        }
      }
      if (!taken) out.push({ word: ts[i].word, words: [ts[i].word], parts: ts[i].parts });
    }
    return out;
  }
  /* The page each document belongs to (its first document's number). */
  function pageOf(m) {
    if (!m.pageStart) {
      var starts = new Array(m.documents), d = 0;
      (m.pages || []).forEach(function (run) {
        for (var r = 0; r < run[1]; r++) { for (var k = 0; k < run[0]; k++) starts[d + k] = d; d += run[0]; }
      });
      m.pageStart = starts;
    }
    return m.pageStart;
  }
  /* The best documents for a query: those with the most of its words first, then by score;
     each page once. */
  function search(text, done) {
    var typing = !done && !/[\s\p{P}]$/u.test(text);
    manifest = manifest || get("index.json");
    return manifest.then(function (m) {
      var keep = m.keep || "";
      var ss = slots(m, text, keep);
      /* A word still being typed counts from its second letter (a number from its first). */
      var last = ss[ss.length - 1];
      if (typing && last && len(last.word) < 2 && !DIGIT.test(last.word)) ss.pop();
      if (!ss.length) return null;
      return Promise.all(ss.map(function (s, i) { return scores(m, s, typing && i === ss.length - 1); }))
        .then(function (per) {
          /* A joined word the pages do not have counts as its parts. */
          var more = [];
          per.forEach(function (r, i) { if (r === null) ss[i].parts.forEach(function (p) { more.push({ word: p, words: [p], parts: [] }); }); });
          per = per.filter(function (r) { return r !== null; });
          if (!more.length) return per;
          return Promise.all(more.map(function (s) { return scores(m, s, false); })).then(function (extra) {
            return per.concat(extra.filter(function (r) { return r !== null; }));
          });
        })
        .then(function (per) {
          var total = new Map(), hits = new Map();
          per.forEach(function (r) {
            r.docs.forEach(function (s, d) { total.set(d, (total.get(d) || 0) + s.score); hits.set(d, (hits.get(d) || 0) + s.hit); });
          });
          var all = Array.from(total.keys());
          all.sort(function (a, b) { return hits.get(b) - hits.get(a) || total.get(b) - total.get(a) || a - b; });
          var page = pageOf(m), seen = new Set(), top = [];
          for (var i = 0; i < all.length && top.length < SHOWN; i++) {
            var p = page[all[i]];
            if (p === undefined) p = all[i];
            if (!seen.has(p)) { seen.add(p); top.push(all[i]); }
          }
          var needles = [];
          ss.forEach(function (s) { s.words.forEach(function (w) { needles.push(w); }); });
          per.forEach(function (r) { r.stems.forEach(function (s) { needles.push(s); }); });
          return Promise.all(top.map(function (d) {
            return get(m.doc_file_names.replace("{n}", Math.floor(d / m.docs_per_file))).then(function (rows) {
              var r = rows[d % m.docs_per_file];
              return { url: r[0], title: r[1], section: r[2], text: r[3] };
            });
          })).then(function (docs) { return { docs: docs, needles: needles, keep: keep }; });
        });
    });
  }

  /* ---- Showing results ---- */
  var KEEP = "";
  /* Whether a word of a result is one the query found: it starts with a needle (a word typed
     or a stem found), compared folded; a needle of one letter or digit only as the whole word. */
  function matches(word, needles) {
    var w = fold(word, KEEP);
    return w.length > 0 && needles.some(function (n) { return n.length > 1 ? w.indexOf(n) === 0 : w === n; });
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
      var w = fold(p, KEEP);
      return w ? needles.filter(function (n) { return n.length > 1 ? w.indexOf(n) === 0 : w === n; })[0] || null : null;
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
  /* One option of the list: a link (it opens, in a new tab too, and can be copied), chosen
     with the arrows while the focus stays in the box. */
  function option(cls, href) {
    var li = el("li");
    li.setAttribute("role", "none");
    var a = el("a", cls);
    a.href = href;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    a.addEventListener("mousedown", function (e) { if (e.button === 0) e.preventDefault(); }); /* keeps the focus in the box */
    li.appendChild(a);
    list.appendChild(li);
    return a;
  }
  function show(found, query) {
    list.textContent = "";
    list.setAttribute("data-query", query); /* what the list shows (for tests and benchmarks) */
    results = found ? found.docs : [];
    KEEP = found ? found.keep || "" : "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var n = 0;
    results.forEach(function (r) {
      var a = option("search-result", r.url);
      a.id = "sb-search-" + n++;
      var t = el("span", "search-title"); marked(t, r.title, found.needles); a.appendChild(t);
      a.appendChild(el("span", "search-section")).textContent = r.section;
      if (r.text) { var x = el("span", "search-excerpt"); marked(x, excerpt(r.text, found.needles), found.needles); a.appendChild(x); }
    });
    if (found && !results.length) {
      var none = el("li", "search-none");
      none.setAttribute("role", "none");
      none.textContent = fill("none", { query: query.trim() });
      list.appendChild(none);
    }
    if (found) {
      /* Every list, and the empty one, offers the route finder and the contact page. */
      [["finder", "finder-label"], ["contact", "contact-label"]].forEach(function (k) {
        var a = option("search-result search-more", box.getAttribute("data-" + k[0]));
        a.id = "sb-search-" + n++;
        a.appendChild(el("span", "search-title")).textContent = box.getAttribute("data-" + k[1]);
      });
    }
    if (!found) {
      status.textContent = "";
    } else if (!results.length) {
      status.textContent = fill("none", { query: query.trim() }) + " " + fill("none-help", {});
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
  function items() { return list.querySelectorAll("[role=option]"); }
  function select(i) {
    var all = items();
    if (!all.length) return;
    active = Math.max(-1, Math.min(all.length - 1, i));
    all.forEach(function (a, k) { a.setAttribute("aria-selected", k === active ? "true" : "false"); });
    if (active < 0) { input.removeAttribute("aria-activedescendant"); return; }
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }
  function open(i) { var all = items(); if (all[i]) location.assign(all[i].href); }
  function run(done) {
    var query = input.value, ask = ++asked;
    if (!words(query).length) { show(null, query); return; }
    search(query, done === true).then(function (found) { if (ask === asked) show(found, query); })
      .catch(function () { if (ask === asked) show({ docs: [], needles: [] }, query); });
  }

  /* ---- Keys ---- */
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, WAIT); });
  input.addEventListener("focus", function () { expand(true); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) { expand(true); if (list.hidden) return; }
      e.preventDefault();
      select(active + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(timer);
      if (active >= 0 || results.length) open(Math.max(active, 0)); else run(true);
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
