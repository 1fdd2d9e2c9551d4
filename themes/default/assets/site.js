/* supportbook default theme: "open now" from the calendars, and the route finder.
   No external requests: data comes from this site (embedded JSON and api/finder/). */
(function () {
  "use strict";
  var dataEl = document.getElementById("sb-hours");
  var data = dataEl ? JSON.parse(dataEl.textContent) : { words: {}, calendars: {} };
  var W = data.words || {};
  function word(k, args) {
    var s = W[k] || k;
    Object.keys(args || {}).forEach(function (a) { s = s.split("{" + a + "}").join(args[a]); });
    return s;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* ---- Time in a calendar's zone ---- */
  var fmtCache = {};
  function parts(date, tz) {
    var f = fmtCache[tz] || (fmtCache[tz] = new Intl.DateTimeFormat("en-US", {
      timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    }));
    var p = {};
    f.formatToParts(date).forEach(function (x) { p[x.type] = x.value; });
    return { y: +p.year, m: +p.month, d: +p.day, min: (+p.hour % 24) * 60 + +p.minute, s: +p.second };
  }
  function ymd(y, m, d) { return y + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0"); }
  function addDays(y, m, d, n) {
    var t = new Date(Date.UTC(y, m - 1, d + n));
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), wd: (t.getUTCDay() + 6) % 7 };
  }
  function hm(s) { var a = s.split(":"); return +a[0] * 60 + +a[1]; }
  function label(min) { return String(Math.floor(min / 60) % 24).padStart(2, "0") + ":" + String(min % 60).padStart(2, "0"); }
  /* The instant at wall-clock time `min` of day y-m-d in `tz`. */
  function instant(y, m, d, min, tz) {
    var guess = Date.UTC(y, m - 1, d, Math.floor(min / 60), min % 60);
    for (var i = 0; i < 2; i++) {
      var p = parts(new Date(guess), tz);
      var wall = Date.UTC(p.y, p.m - 1, p.d, Math.floor(p.min / 60), p.min % 60);
      guess += Date.UTC(y, m - 1, d, Math.floor(min / 60), min % 60) - wall;
    }
    return new Date(guess);
  }
  function fillIn(template, args) {
    var s = template || "";
    Object.keys(args).forEach(function (a) { s = s.split("{" + a + "}").join(args[a]); });
    return s;
  }

  /* ---- When a first response is due: the same computation as `route --at` ---- */
  /* The offset of `tz` at instant `t` (ms), in ms east of UTC. */
  function offsetAt(t, tz) {
    var p = parts(new Date(t), tz);
    return Date.UTC(p.y, p.m - 1, p.d, 0, p.min, p.s) - Math.floor(t / 1000) * 1000;
  }
  /* The instant (ms) of wall-clock minute `min` (up to 1440, the next midnight) of `day` in
     `tz`. A time skipped by a daylight-saving change is read with the offset before it, a
     repeated one is its first occurrence: jiff's "compatible" rule, which `route` uses. */
  function wallInstant(day, min, tz) {
    if (min >= 1440) { day = addDays(day.y, day.m, day.d, 1); min -= 1440; }
    var wall = Date.UTC(day.y, day.m - 1, day.d, 0, min);
    var before = offsetAt(wall - 86400000, tz), after = offsetAt(wall + 86400000, tz);
    var found = [before, after].map(function (o) { return wall - o; })
      .filter(function (t) { return wall - offsetAt(t, tz) === t; });
    return found.length ? Math.min.apply(null, found) : wall - before;
  }
  /* When a case opened at `opened` (ms) is due under `target` ({minutes, always}): the clock
     runs in the calendar's staffed intervals (holidays closed, reduced hours), or all the
     time; null when the calendar is not staffed for 400 days. */
  function dueAt(cal, target, opened) {
    if (target.bd) return businessDaysDue(cal, target.bd, opened);
    var ms = target.minutes * 60000;
    if (target.always || cal.always_open) return opened + ms;
    var p = parts(new Date(opened), cal.timezone), remaining = ms, last = 0;
    for (var n = 0; n - last <= 400; n++) {
      var day = addDays(p.y, p.m, p.d, n), hours = dayHours(cal, day), staffed = false;
      for (var i = 0; i < hours.length; i++) {
        var s = wallInstant(day, hours[i][0], cal.timezone), e = wallInstant(day, hours[i][1], cal.timezone);
        if (e <= s || e <= opened) continue;
        s = Math.max(s, opened);
        staffed = true;
        if (e - s >= remaining) return s + remaining;
        remaining -= e - s;
      }
      if (staffed) last = n;
    }
    return null;
  }
  /* `Nbd`, as `route --at`: the end of the last staffed interval of the N-th business day (a
     local date with a staffed interval) after the date of opening, which never counts; on an
     always-open calendar the midnight ending the N-th day after it; null after 400 days
     without a business day. */
  function businessDaysDue(cal, n, opened) {
    var p = parts(new Date(opened), cal.timezone);
    if (cal.always_open) return wallInstant(addDays(p.y, p.m, p.d, n), 1440, cal.timezone);
    var last = 0, counted = 0;
    for (var k = 1; k - last <= 400; k++) {
      var day = addDays(p.y, p.m, p.d, k), hours = dayHours(cal, day), close = null;
      for (var i = 0; i < hours.length; i++) {
        var s = wallInstant(day, hours[i][0], cal.timezone), e = wallInstant(day, hours[i][1], cal.timezone);
        if (e > s && (close === null || e > close)) close = e;
      }
      if (close === null) continue;
      last = k;
      if (++counted === n) return close;
    }
    return null;
  }
  function pad2(n) { return String(n).padStart(2, "0"); }
  /* RFC 3339 with the zone's offset: 2026-12-24T11:30:00+01:00 (as `route --at` prints it). */
  function rfc3339(t, tz) {
    var o = offsetAt(t, tz), a = Math.abs(o) / 60000;
    return new Date(t + o).toISOString().slice(0, 19) + (o < 0 ? "-" : "+") + pad2(Math.floor(a / 60)) + ":" + pad2(a % 60);
  }

  function dayHours(cal, day) {
    var date = ymd(day.y, day.m, day.d);
    var hol = (cal.holidays || []).filter(function (h) { return h.date === date; })[0];
    var list = hol ? hol.hours : cal.weekly[day.wd];
    return (list || []).map(function (iv) { return [hm(iv[0]), hm(iv[1])]; });
  }
  /* { open, change: {day, min, offset} } for a calendar at `now`. */
  function state(cal, now) {
    if (cal.always_open) return { open: true, always: true };
    var p = parts(now, cal.timezone);
    var today = addDays(p.y, p.m, p.d, 0);
    var hours = dayHours(cal, today);
    for (var i = 0; i < hours.length; i++) {
      if (hours[i][0] <= p.min && p.min < hours[i][1]) {
        var end = hours[i][1];
        return { open: true, change: { day: today, min: end, offset: 0 } };
      }
    }
    for (var n = 0; n < 15; n++) {
      var day = addDays(p.y, p.m, p.d, n);
      var h = dayHours(cal, day);
      for (var j = 0; j < h.length; j++) {
        if (n > 0 || h[j][0] > p.min) return { open: false, change: { day: day, min: h[j][0], offset: n } };
      }
    }
    return { open: false };
  }
  var visitorTz = (Intl.DateTimeFormat().resolvedOptions().timeZone) || "";
  var lang = document.documentElement.lang || "en";
  /* The detail line: when the status next changes, in the calendar's zone and, named, the visitor's. */
  function describe(cal, st) {
    if (st.always || !st.change) return "";
    var text = "";
    var c = st.change, t = label(c.min);
    var when;
    if (st.open) {
      when = word("closes_at", { time: t });
    } else {
      var dayName = c.offset === 0 ? word("today") : c.offset === 1 ? word("tomorrow") : (W.days || [])[c.day.wd] || "";
      when = word("opens_at", { day: dayName, time: t });
    }
    text += when + " (" + zoneName(cal.timezone) + ")";
    if (visitorTz && visitorTz !== cal.timezone) {
      var at = instant(c.day.y, c.day.m, c.day.d, c.min, cal.timezone);
      var local = new Intl.DateTimeFormat(lang, { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
      text += " · " + word("your_time", { zone: visitorZoneName(at), time: local });
    }
    return text;
  }
  /* A calendar's zone as people say it ("Italy Time"), from the build. */
  function zoneName(tz) { return (data.zones || {})[tz] || tz; }
  /* The visitor's own zone as their browser names it ("Eastern Time"). */
  function visitorZoneName(at) {
    if (/^(Etc\/)?(UTC|GMT)$/.test(visitorTz)) return "UTC";
    try {
      var p = new Intl.DateTimeFormat(lang, { timeZoneName: "longGeneric" }).formatToParts(at)
        .filter(function (x) { return x.type === "timeZoneName"; })[0];
      return p ? p.value : visitorTz;
    } catch (e) { return visitorTz; }
  }
  /* "Get help now": the contacts a customer can reach now first (any of a contact's hours
     open), the first of them in the large card; the page's own order otherwise. */
  function orderHelp(now) {
    var box = document.querySelector("[data-help-now]");
    if (!box) return;
    var first = box.querySelector(".help-first"), more = box.querySelector(".help-more");
    if (!first || !more) return;
    var cards = Array.prototype.slice.call(box.querySelectorAll(".help-card"));
    cards.forEach(function (c, i) { if (!c.hasAttribute("data-order")) c.setAttribute("data-order", i); });
    function open(card) {
      return card.getAttribute("data-calendars").split(" ").some(function (id) {
        var cal = data.calendars[id];
        return cal && state(cal, now || new Date()).open;
      });
    }
    var ranked = cards.map(function (c) { return { card: c, open: open(c), order: +c.getAttribute("data-order") }; })
      .sort(function (a, b) { return (b.open - a.open) || (a.order - b.order); });
    ranked.forEach(function (r) { r.card.setAttribute("data-open", r.open ? "true" : "false"); });
    var now_ = cards.map(function (c) { return c.getAttribute("data-order"); }).join();
    if (now_ === ranked.map(function (r) { return r.order; }).join()) return; /* focus stays put */
    ranked.forEach(function (r, i) { (i === 0 ? first : more).appendChild(r.card); });
  }
  function updateStatus(root, now) {
    (root || document).querySelectorAll(".status[data-calendar]").forEach(function (s) {
      var cal = data.calendars[s.getAttribute("data-calendar")];
      if (!cal) return;
      var st = state(cal, now || new Date());
      s.setAttribute("data-status", st.open ? "open" : "closed");
      var t = s.querySelector(".status-text"), d = s.querySelector(".status-detail");
      if (t) t.textContent = st.open ? word("open_now") : word("closed_now");
      if (d) d.textContent = describe(cal, st);
    });
    if (!root) orderHelp(now);
  }
  /* Holidays already past in the calendar's zone are hidden: the list shows what is upcoming. */
  function hidePastHolidays(now) {
    document.querySelectorAll(".calendar[data-calendar]").forEach(function (c) {
      var cal = data.calendars[c.getAttribute("data-calendar")];
      if (!cal) return;
      var p = parts(now || new Date(), cal.timezone), today = ymd(p.y, p.m, p.d);
      c.querySelectorAll("tr[data-date]").forEach(function (tr) {
        tr.hidden = tr.getAttribute("data-date") < today;
      });
    });
  }
  /* ---- The header's menu on narrow screens: the button opens and closes the list of links;
     Escape or a click elsewhere closes it. Without this script the links simply wrap. ---- */
  (function menu() {
    var header = document.querySelector(".site-header");
    var button = header && header.querySelector(".menu-button");
    var panel = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) return;
    function isOpen() { return button.getAttribute("aria-expanded") === "true"; }
    function set(open) { button.setAttribute("aria-expanded", open ? "true" : "false"); }
    header.classList.add("has-menu");
    /* On wide screens, one line when everything fits on it. */
    var inner = header.querySelector(".header-inner");
    var narrow = window.matchMedia("(max-width: 48rem)");
    function fit() {
      inner.classList.add("one-line");
      if (narrow.matches) return;
      var line = header.querySelector(".brand").getBoundingClientRect();
      var wrapped = Array.prototype.some.call(inner.children, function (e) {
        return e.offsetParent !== null && e.getBoundingClientRect().top >= line.bottom;
      });
      if (wrapped || panel.scrollWidth > panel.clientWidth + 1) inner.classList.remove("one-line");
    }
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; fit(); });
    });
    fit();
    button.addEventListener("click", function () { set(!isOpen()); });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !isOpen()) return;
      var inside = panel.contains(document.activeElement);
      set(false);
      if (inside) button.focus();
    });
    document.addEventListener("click", function (e) {
      if (isOpen() && !header.contains(e.target)) set(false);
    });
  })();

  window.supportbook = { state: state, updateStatus: updateStatus };
  hidePastHolidays();
  updateStatus();
  setInterval(updateStatus, 60000);

  /* ---- Route finder ---- */
  var form = document.getElementById("finder");
  if (!form) return;
  var out = document.getElementById("finder-answer");
  var api = form.closest("[data-api]").getAttribute("data-api");
  var index = null, files = {}, asked = 0;
  function sel(name) { return form.elements[name]; }
  function val(name) { var s = sel(name); return s ? s.value : ""; }
  function getJSON(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }
  function statusEl(calId) {
    var s = el("span", "status");
    s.setAttribute("data-status", "unknown");
    s.setAttribute("data-calendar", calId);
    var dot = el("span", "status-dot"); dot.setAttribute("aria-hidden", "true");
    s.appendChild(dot); s.appendChild(el("span", "status-text", "")); s.appendChild(el("span", "status-detail", ""));
    return s;
  }
  function stage(id, prod) {
    var tier = index.tiers[id] || { name: id };
    var li = el("li");
    li.appendChild(el("span", "stage-tier", tier.name));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", "stage-who", prod.responsible[id] || ""));
    if (tier.partner_only) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "badge", W.on_your_behalf || ""));
    } else if (index.contacts[tier.contact]) {
      var c = index.contacts[tier.contact];
      li.appendChild(document.createTextNode(" "));
      var a = el("a", "stage-contact", c.name); a.href = c.url; li.appendChild(a);
    }
    return li;
  }
  /* "I don't know" for a plan or a severity: the answer for each value. */
  var UNKNOWN = "?";
  function lists() { return { product: index.products, issue: index.issues, severity: index.severities, plan: index.plans }; }
  /* The case number of a choice (`pick(d)` gives each dimension's id) in a product's file. */
  function caseOf(pick) {
    var L = lists(), k = 0;
    index.dimensions.slice(1).forEach(function (d) {
      var list = L[d], i = list.findIndex(function (x) { return x.id === pick(d); });
      k = k * list.length + Math.max(i, 0);
    });
    return k;
  }
  function planOf(id) { return index.plans.filter(function (x) { return x.id === id; })[0]; }
  function names(d, ids) {
    var L = lists()[d] || [];
    return ids.map(function (id) { var x = L.filter(function (v) { return v.id === id; })[0]; return x ? x.name : id; });
  }
  function joined(items, type) {
    try { return new Intl.ListFormat(lang, { type: type }).format(items); } catch (e) { return items.join(", "); }
  }
  function answer() {
    var product = val("product"), issue = val("issue"), ask = ++asked;
    var params = new URLSearchParams();
    ["product", "issue", "severity", "plan"].forEach(function (k) { if (val(k)) params.set(k, val(k)); });
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
    out.textContent = "";
    if (!product || !issue || !index) return;
    var missing = index.dimensions.filter(function (d) { return !val(d); });
    if (missing.length) {
      out.textContent = word("finder_more", {
        fields: missing.map(function (d) { return sel(d) ? sel(d).labels[0].textContent : d; }).join(", ")
      });
      return;
    }
    /* Products routed alike share one data file: each is fetched once. */
    var entry = index.products.filter(function (x) { return x.id === product; })[0];
    if (!entry) return;
    var file = entry.data;
    if (!files[file]) {
      files[file] = getJSON(api + encodeURIComponent(file))
        .catch(function (e) { delete files[file]; throw e; }); /* a failed download is tried again */
    }
    files[file]
      .then(function (prod) {
        if (ask !== asked) return; /* the choices changed while this product loaded */
        answerEach(prod);
      })
      .catch(function () { if (ask === asked) out.textContent = W.finder_error || ""; });
  }
  /* One answer, or one per group of unknown values that get the same answer. */
  function answerEach(prod) {
    var unknown = ["severity", "plan"].filter(function (d) { return val(d) === UNKNOWN; });
    var combos = [{}];
    unknown.forEach(function (d) {
      var next = [];
      combos.forEach(function (c) {
        (lists()[d] || []).forEach(function (x) { var c2 = Object.assign({}, c); c2[d] = x.id; next.push(c2); });
      });
      combos = next;
    });
    var groups = [], byKey = {};
    combos.forEach(function (c) {
      var pick = function (d) { return c[d] || val(d); };
      var o = prod.cases[caseOf(pick)], plan = planOf(pick("plan"));
      var words = plan ? KINDS.map(function (k) { var t = targetOf(plan, k, pick); return t ? t.words : ""; }) : [];
      var key = o + "|" + (index.outcomes[o].covered && plan ? words.concat([plan.calendar]).join("|") : "");
      if (!byKey[key]) { byKey[key] = { outcome: o, pick: pick, combos: [] }; groups.push(byKey[key]); }
      byKey[key].combos.push(c);
    });
    out.textContent = "";
    groups.forEach(function (g) {
      var box = out;
      if (unknown.length) {
        box = el("section", "finder-case");
        box.appendChild(conditions(unknown, g.combos));
        out.appendChild(box);
      }
      render(index.outcomes[g.outcome], prod, g.pick, box, g.combos, unknown);
    });
    var link = el("a", null, W.finder_link); link.href = location.href;
    var lp = el("p", "small"); lp.appendChild(link); out.appendChild(lp);
    updateStatus(out);
  }
  /* "Severity: A or B · Plan: Premium or Enterprise", one line per set of combinations. */
  function conditions(unknown, combos) {
    var ul = el("ul", "finder-when");
    var lines = {};
    if (unknown.length === 1) {
      lines[""] = combos.map(function (c) { return c[unknown[0]]; });
    } else {
      var byFirst = {};
      combos.forEach(function (c) { (byFirst[c[unknown[0]]] = byFirst[c[unknown[0]]] || []).push(c[unknown[1]]); });
      Object.keys(byFirst).forEach(function (v) {
        var k = byFirst[v].join(" ");
        (lines[k] = lines[k] || []).push(v);
      });
    }
    Object.keys(lines).forEach(function (k) {
      var parts = unknown.length === 1
        ? [[unknown[0], lines[k]]]
        : [[unknown[0], lines[k]], [unknown[1], k.split(" ")]];
      var text = parts.map(function (p) {
        var label = sel(p[0]) ? sel(p[0]).labels[0].textContent : p[0];
        return label + (W.colon || ":") + " " + joined(names(p[0], p[1]), "disjunction");
      }).join(" · ");
      ul.appendChild(el("li", null, text));
    });
    return ul;
  }
  function render(o, prod, pick, box, combos, unknown) {
    var h = el(unknown.length ? "h4" : "h3", null, o.covered ? W.finder_covered : W.finder_not_covered);
    box.appendChild(h);
    if (o.note_html) { var n = el("div", "note"); n.innerHTML = o.note_html; box.appendChild(n); }
    if (!o.covered) { notCovered(prod, pick, box, combos); return; }
    if (o.path.length) {
      var first = index.tiers[o.path[0]];
      var c = first && index.contacts[first.contact];
      box.appendChild(el("h4", null, W.first_contact));
      var p = el("ul", "plain"); p.appendChild(stage(o.path[0], prod)); box.appendChild(p);
      if (c) {
        box.appendChild(statusEl(c.calendar));
        box.appendChild(el("p", "hours", c.hours + (c.zone ? " (" + c.zone + ")" : "")));
        box.appendChild(methods(c));
      }
      if (o.path.length > 1) {
        box.appendChild(el("h4", null, W.escalation));
        var ol = el("ol", "path");
        o.path.slice(1).forEach(function (id) { ol.appendChild(stage(id, prod)); });
        box.appendChild(ol);
      }
    }
    var plan = planOf(pick("plan")), D = index.words || {};
    if (!plan) return;
    KINDS.forEach(function (kind) {
      var r = targetOf(plan, kind, pick);
      if (!r) return;
      var line = el("p", kind === "response" ? "finder-target finder-response" : "finder-target",
        fillIn(D.finder_target, { kind: D["target_" + kind], words: r.words }));
      line.setAttribute("data-kind", kind);
      box.appendChild(line);
      if (kind === "updates" || !index.calendars[plan.calendar]) return;
      var due = el("p", kind === "response" ? "finder-due" : "finder-due finder-resolution-due");
      due.setAttribute("data-calendar", plan.calendar);
      due.setAttribute("data-kind", kind);
      if (r.business_days != null) due.setAttribute("data-bd", r.business_days);
      else due.setAttribute("data-minutes", r.minutes);
      if (r.always) due.setAttribute("data-always", "");
      box.appendChild(due);
      showDue(due);
    });
  }
  /* The kinds of target, in the order they are shown. */
  var KINDS = ["response", "updates", "resolution"];
  /* The target of `kind` for the case `pick` describes, as Rust resolved it: the first target
     rule that matches the case and names a target of that kind for its severity, else the
     plan's own (its severity's, or the one written for every severity, keyed ""). */
  function targetOf(plan, kind, pick) {
    var sev = pick("severity") || "";
    function from(targets) {
      var list = (targets || {})[kind];
      if (!list) return null;
      return (sev && list[sev]) || list[""] || null;
    }
    function matches(when) {
      return ["product", "issue", "severity"].every(function (d) {
        var ids = when[d];
        return !ids || (pick(d) && ids.indexOf(pick(d)) >= 0);
      });
    }
    var rules = plan.target_rules || [];
    for (var i = 0; i < rules.length; i++) {
      if (!matches(rules[i].when)) continue;
      var t = from(rules[i].targets);
      if (t) return t;
    }
    return from(plan.targets);
  }
  function methods(c) {
    var ul = el("ul", "actions compact-actions");
    c.methods.forEach(function (m) {
      /* A method without an address to open (`other`: "ask your account manager") is shown
         as text. */
      var li = el("li"), a = m.href ? el("a", "button secondary") : el("span", "method-text method-" + m.kind);
      if (m.href) a.href = m.href;
      a.appendChild(el("span", "method-label", m.label)); a.appendChild(document.createTextNode(" "));
      a.appendChild(el("span", "method-value", m.display || m.value));
      li.appendChild(a);
      if (m.hours) {
        var mh = el("span", "method-hours", m.hours + " ");
        if (m.calendar) mh.appendChild(statusEl(m.calendar));
        li.appendChild(mh);
      }
      ul.appendChild(li);
    });
    return ul;
  }
  /* Not covered: which plans do cover the case, and whom to ask (the plan's contacts); no
     response target. */
  function notCovered(prod, pick, box, combos) {
    var covering = index.plans.filter(function (p) {
      var o = index.outcomes[prod.cases[caseOf(function (d) { return d === "plan" ? p.id : pick(d); })]];
      return o && o.covered;
    }).map(function (p) { return p.name; });
    var routedByPlan = index.dimensions.indexOf("plan") >= 0;
    box.appendChild(el("p", "finder-covered-by", covering.length && routedByPlan
      ? word("finder_covered_by", { plans: joined(covering, "disjunction") })
      : W.finder_covered_by_none));
    /* The contacts every plan in question includes. */
    var plans = combos.map(function (c) { return c.plan || val("plan"); })
      .filter(function (id, i, all) { return id && id !== UNKNOWN && all.indexOf(id) === i; })
      .map(planOf).filter(Boolean);
    if (!plans.length) plans = index.plans;
    var ids = plans[0] ? plans[0].contacts.filter(function (id) {
      return plans.every(function (p) { return p.contacts.indexOf(id) >= 0; });
    }) : [];
    if (!ids.length) return;
    box.appendChild(el("p", null, W.finder_ask));
    var ul = el("ul", "plain");
    ids.forEach(function (id) {
      var c = index.contacts[id];
      if (!c) return;
      var li = el("li"), a = el("a", null, c.name); a.href = c.url; li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  /* "If you open this case now, expect a first response by Wed 24 Dec, 11:30 (Europe/Rome;
     your time 05:30)"; `data-due` holds the instant (RFC 3339), or "none". */
  function showDue(p) {
    var cal = index.calendars[p.getAttribute("data-calendar")], D = index.words || {};
    var target = { minutes: +p.getAttribute("data-minutes"), bd: +(p.getAttribute("data-bd") || 0),
      always: p.hasAttribute("data-always") };
    var resolution = p.getAttribute("data-kind") === "resolution";
    var now = Math.floor(Date.now() / 1000) * 1000, due = dueAt(cal, target, now);
    if (due == null) {
      p.setAttribute("data-due", "none");
      p.textContent = resolution ? "" : D.finder_due_none || "";
      return;
    }
    p.setAttribute("data-due", rfc3339(due, cal.timezone));
    function when(tz) {
      var x = parts(new Date(due), tz);
      return fillIn(D.due_when, { weekday: (D.days || [])[addDays(x.y, x.m, x.d, 0).wd], day: x.d,
        month: (D.months || [])[x.m - 1], time: label(x.min) });
    }
    var there = when(cal.timezone);
    if (resolution) {
      p.textContent = fillIn(D.finder_resolution_due, { due: there, zone: zoneName(cal.timezone) });
      return;
    }
    if (!visitorTz || visitorTz === cal.timezone) {
      p.textContent = fillIn(D.finder_due, { due: there, zone: zoneName(cal.timezone) });
      return;
    }
    var a = parts(new Date(due), cal.timezone), b = parts(new Date(due), visitorTz);
    var sameDay = a.y === b.y && a.m === b.m && a.d === b.d;
    p.textContent = fillIn(D.finder_due_yours, { due: there, zone: zoneName(cal.timezone), local: sameDay ? label(b.min) : when(visitorTz) });
  }
  /* The page may stay open: "now" moves on. */
  setInterval(function () { out.querySelectorAll(".finder-due[data-calendar]").forEach(showDue); }, 60000);
  var q = new URLSearchParams(location.search);
  ["product", "issue", "severity", "plan"].forEach(function (k) {
    var s = sel(k), v = q.get(k);
    if (s && v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
  });
  form.addEventListener("change", answer);
  form.addEventListener("submit", function (e) { e.preventDefault(); answer(); });
  getJSON(api + "index.json").then(function (i) {
    index = i;
    Object.keys(i.calendars).forEach(function (k) { data.calendars[k] = data.calendars[k] || i.calendars[k]; });
    answer();
  }).catch(function () { out.textContent = W.finder_error || ""; });
})();
