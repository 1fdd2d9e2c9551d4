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

  /* ---- Untranslated catalogue texts ----
     The texts this language's portal shows in the catalogue's own language (its translation
     lacks them) come with the data, as `fallback: {lang, texts}`; whatever the script writes
     is marked as the build marks the static pages (src/render/marks.rs): a text of the list,
     as a whole word sequence, the longest first, in text of the page's own language, is
     wrapped in <span lang>; an <option> made only of such texts takes the attribute itself. */
  var pageLang = document.documentElement.lang || "";
  var fallback = { lang: "", byFirst: Object.create(null) };
  function addFallback(f) {
    if (!f || !f.texts) return;
    fallback.lang = f.lang;
    f.texts.forEach(function (t) {
      var k = firstWord(t, 0), list = fallback.byFirst[k] || (fallback.byFirst[k] = []);
      if (list.indexOf(t) < 0) list.push(t);
    });
    Object.keys(fallback.byFirst).forEach(function (k) {
      fallback.byFirst[k].sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });
    });
  }
  var wordChar = /[\p{L}\p{N}]/u, wordRun = /[\p{L}\p{N}]+/uy;
  /* What texts are looked up by: the letters and digits at `i`, or the one character there. */
  function firstWord(s, i) {
    wordRun.lastIndex = i;
    var m = wordRun.exec(s);
    return m ? m[0] : s.charAt(i);
  }
  /* Where the texts are in `s`: [start, end] pairs in order (code units; texts compare whole). */
  function findFallback(s) {
    var found = [], i = 0;
    while (i < s.length) {
      var hit = -1;
      if (i === 0 || !wordChar.test(s.charAt(i - 1))) {
        var list = fallback.byFirst[firstWord(s, i)] || [];
        for (var j = 0; j < list.length; j++) {
          var end = i + list[j].length;
          if (s.startsWith(list[j], i) && (end === s.length || !wordChar.test(s.charAt(end)))) { hit = end; break; }
        }
      }
      if (hit >= 0) { found.push([i, hit]); i = hit; } else i++;
    }
    return found;
  }
  function markText(node) {
    var parent = node.parentElement;
    if (!parent || /^(SCRIPT|STYLE|TITLE|TEXTAREA)$/.test(parent.tagName)) return;
    var ctx = parent.closest("[lang]");
    if (!ctx || ctx.lang !== pageLang) return;
    var s = node.data, found = findFallback(s);
    if (!found.length) return;
    if (parent.tagName === "OPTION") {
      var rest = s;
      for (var k = found.length - 1; k >= 0; k--) rest = rest.slice(0, found[k][0]) + rest.slice(found[k][1]);
      if (!/[\p{L}\p{N}]/u.test(rest)) parent.lang = fallback.lang;
      return;
    }
    for (var n = found.length - 1; n >= 0; n--) {
      var tail = node.splitText(found[n][0]);
      tail.splitText(found[n][1] - found[n][0]);
      var span = document.createElement("span");
      span.lang = fallback.lang;
      tail.parentNode.replaceChild(span, tail);
      span.appendChild(tail);
    }
  }
  function markFallback(root) {
    if (!fallback.lang) return;
    if (root.nodeType === 3) { markText(root); return; }
    if (root.nodeType !== 1) return;
    var walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), nodes = [];
    while (walk.nextNode()) nodes.push(walk.currentNode);
    nodes.forEach(markText);
  }
  addFallback(data.fallback);
  /* Everything the script writes into the page passes here before it is painted. */
  if (window.MutationObserver && document.body) {
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === "characterData") markFallback(r.target);
        else r.addedNodes.forEach(markFallback);
      });
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
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
  /* Today's holiday of a calendar (the name Rust shipped, in the page's language), if any. */
  function holidayOn(cal, day) {
    var date = ymd(day.y, day.m, day.d);
    return (cal.holidays || []).filter(function (h) { return h.date === date; })[0] || null;
  }
  /* { open, holiday, change: {day, min, offset} } for a calendar at `now`. */
  function state(cal, now) {
    if (cal.always_open) return { open: true, always: true };
    var p = parts(now, cal.timezone);
    var today = addDays(p.y, p.m, p.d, 0);
    var hours = dayHours(cal, today);
    var st = stateOn(cal, p, today, hours);
    st.holiday = holidayOn(cal, today);
    return st;
  }
  function stateOn(cal, p, today, hours) {
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
  /* The visitor's clock reads as zone `tz` does (Europe/Rome in Berlin), now and in half a year:
     nothing to convert. */
  function sameClock(tz) {
    if (!visitorTz || visitorTz === tz) return true;
    var t = Date.now();
    return [0, 182 * 86400000].every(function (d) { return offsetAt(t + d, tz) === offsetAt(t + d, visitorTz); });
  }
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
  /* A contact with several calendars (a method's own hours): the one open now, else the one
     that opens first, speaks for it in the hero's summary. */
  function pickCalendars(now) {
    document.querySelectorAll(".open-summary li[data-calendars]").forEach(function (li) {
      var best = null, t0 = (now || new Date()).getTime();
      li.getAttribute("data-calendars").split(" ").forEach(function (id) {
        var cal = data.calendars[id];
        if (!cal) return;
        var st = state(cal, new Date(t0));
        var at = st.open ? t0 : st.change ? wallInstant(st.change.day, st.change.min, cal.timezone) : Infinity;
        if (!best || at < best.at) best = { id: id, at: at };
      });
      var s = li.querySelector(".status");
      if (best && s) s.setAttribute("data-calendar", best.id);
      /* A method's own hours speak: the line says whose ("Chat: opens today at 07:00"), as
         the card says it beside that method. */
      var labels = [], shown = null;
      li.querySelectorAll(".status-method").forEach(function (m) {
        var mine = best && m.getAttribute("data-calendar") === best.id;
        if (mine) { labels.push(m.getAttribute("data-label")); shown = shown || m; }
        if (!mine || m !== shown) { m.hidden = true; m.textContent = ""; }
      });
      if (shown) { shown.textContent = labels.join(", ") + (W.colon || ":"); shown.hidden = false; }
    });
  }
  function updateStatus(root, now) {
    if (!root) pickCalendars(now);
    (root || document).querySelectorAll(".status[data-calendar]").forEach(function (s) {
      var cal = data.calendars[s.getAttribute("data-calendar")];
      if (!cal) return;
      var st = state(cal, now || new Date());
      s.setAttribute("data-status", st.open ? "open" : "closed");
      var t = s.querySelector(".status-text"), d = s.querySelector(".status-detail");
      if (t) t.textContent = statusText(st);
      if (d) d.textContent = describe(cal, st);
    });
    if (!root) orderHelp(now);
  }
  /* "Open now", "Closed now"; on a holiday "Closed today: Christmas Day", and on a reduced-hours
     day once closed "Closed now: Christmas Eve, reduced hours". */
  function statusText(st) {
    if (st.open) return word("open_now");
    if (st.holiday) {
      return word(st.holiday.hours.length ? "closed_reduced" : "closed_holiday", { holiday: st.holiday.name });
    }
    return word("closed_now");
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

  /* ---- Hours in the visitor's own zone, when it is not the calendar's: a typical week (the
     calendar's weekly intervals, from the coming Monday) as instants, read in the visitor's zone,
     split at their midnights and grouped by day as the build writes hours. ---- */
  function localWeek(cal, now) {
    var p = parts(now, cal.timezone), today = addDays(p.y, p.m, p.d, 0);
    var monday = addDays(p.y, p.m, p.d, (7 - today.wd) % 7);
    var byDay = [[], [], [], [], [], [], []];
    for (var i = 0; i < 7; i++) {
      var day = addDays(monday.y, monday.m, monday.d, i);
      (cal.weekly[i] || []).forEach(function (iv) {
        var s = wallInstant(day, hm(iv[0]), cal.timezone), e = wallInstant(day, hm(iv[1]), cal.timezone);
        while (s < e) {
          var x = parts(new Date(s), visitorTz), d = addDays(x.y, x.m, x.d, 0);
          var midnight = wallInstant(addDays(x.y, x.m, x.d, 1), 0, visitorTz);
          var end = Math.min(e, midnight);
          var endMin = end === midnight ? 1440 : parts(new Date(end), visitorTz).min;
          var list = byDay[d.wd], last = list[list.length - 1];
          if (last && last[1] === x.min) last[1] = endMin; else list.push([x.min, endMin]);
          s = end;
        }
      });
    }
    var days = W.days || [], groups = [];
    byDay.forEach(function (list, wd) {
      if (!list.length) return;
      var key = list.map(function (iv) { return iv.join("-"); }).join(",");
      var g = groups[groups.length - 1];
      if (g && g.key === key && g.last === wd - 1) g.last = wd; else groups.push({ key: key, first: wd, last: wd, list: list });
    });
    return groups.map(function (g) {
      var name = g.first === g.last ? days[g.first] : days[g.first] + "–" + days[g.last];
      return name + " " + g.list.map(function (iv) { return label(iv[0]) + "–" + (iv[1] === 1440 ? "24:00" : label(iv[1])); }).join(", ");
    }).join("; ");
  }
  function hoursInVisitorZone(now) {
    if (!visitorTz) return;
    document.querySelectorAll("[data-calendar].hours, .calendar[data-calendar] > .tz").forEach(function (e) {
      var host = e.classList.contains("tz") ? e.parentNode : e;
      var cal = data.calendars[host.getAttribute("data-calendar")];
      if (!cal || cal.always_open || sameClock(cal.timezone)) return;
      var text = localWeek(cal, now || new Date());
      if (!text) return;
      var p = e.nextElementSibling && e.nextElementSibling.classList.contains("hours-local") ? e.nextElementSibling : null;
      if (!p) { p = el("p", "hours-local"); e.parentNode.insertBefore(p, e.nextSibling); }
      p.textContent = word("hours_yours", { zone: visitorZoneName(now || new Date()), hours: text });
    });
  }
  hoursInVisitorZone();

  /* ---- The language switcher keeps the page's state: the finder's case (query string) and
     the anchor, so the other language opens on the same answer. ---- */
  function syncSwitcher() {
    document.querySelectorAll(".site-header nav.languages a[hreflang]").forEach(function (a) {
      var base = a.getAttribute("data-path") || a.getAttribute("href");
      a.setAttribute("data-path", base);
      a.setAttribute("href", base.split(/[?#]/)[0] + location.search + location.hash);
    });
  }
  syncSwitcher();
  window.addEventListener("hashchange", syncSwitcher);

  window.supportbook = { state: state, updateStatus: updateStatus };
  hidePastHolidays();
  updateStatus();
  setInterval(updateStatus, 60000);

  /* ---- A product typed by its name, on sites with too many products for a list to choose
     from: the field suggests the few products whose name (or id) has every word typed, from
     the finder's index, fetched when the field is first used (a long suggestion list makes
     every key slow); what is typed is a product when it is one's name (any case) or id. ---- */
  var productLists = {};
  var SUGGESTED = 12;
  /* Each product's name as suggested: with its id when another product has the same name. */
  function productNames(products) {
    var count = {};
    products.forEach(function (p) { var k = p.name.toLowerCase(); count[k] = (count[k] || 0) + 1; });
    return products.map(function (p) {
      var label = count[p.name.toLowerCase()] > 1 ? p.name + " (" + p.id + ")" : p.name;
      return { id: p.id, label: label, key: (label + " " + p.id).toLowerCase() };
    });
  }
  function productOf(list, text) {
    var t = (text || "").trim().toLowerCase();
    if (!t || !list) return null;
    return list.filter(function (p) { return p.label.toLowerCase() === t; })[0] ||
      list.filter(function (p) { return p.id === t; })[0] || null;
  }
  /* The products to suggest for `text`: those whose name starts with it first. */
  function suggestions(list, text) {
    var t = text.trim().toLowerCase(), words = t.split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var first = [], then = [];
    for (var i = 0; i < list.length && first.length < SUGGESTED; i++) {
      var p = list[i];
      if (!words.every(function (w) { return p.key.indexOf(w) >= 0; })) continue;
      (p.key.indexOf(t) === 0 ? first : then).push(p);
    }
    return first.concat(then).slice(0, SUGGESTED);
  }
  function productList(input) {
    var src = input.getAttribute("data-product-search") + "index.json";
    if (!productLists[src]) {
      productLists[src] = fetch(src)
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (i) { return productNames(i.products); })
        .catch(function (e) { delete productLists[src]; throw e; }); /* tried again on the next use */
    }
    return productLists[src];
  }
  document.querySelectorAll("input[data-product-search]").forEach(function (input) {
    var dl = document.getElementById(input.getAttribute("list")), shown = "";
    function use() {
      productList(input).then(function (list) {
        var found = suggestions(list, input.value);
        var ids = found.map(function (p) { return p.id; }).join(" ");
        if (dl && ids !== shown) {
          shown = ids;
          dl.textContent = "";
          found.forEach(function (p) { var o = document.createElement("option"); o.value = p.label; dl.appendChild(o); });
        }
        input.setCustomValidity(input.value.trim() && !productOf(list, input.value) ? (W.finder_pick_product || "") : "");
      }).catch(function () { input.setCustomValidity(""); });
    }
    input.addEventListener("focus", use);
    input.addEventListener("input", use);
    if (input.value) use();
  });

  /* ---- Route finder ---- */
  var form = document.getElementById("finder");
  if (!form) return;
  var out = document.getElementById("finder-answer");
  var api = form.closest("[data-api]").getAttribute("data-api");
  var index = null, named = null, files = {}, asked = 0;
  function sel(name) { return form.elements[name]; }
  function val(name) {
    var s = sel(name);
    if (!s) return "";
    if (s.hasAttribute("data-product-search")) { var p = productOf(named, s.value); return p ? p.id : ""; }
    return s.value;
  }
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
      var a = el("a", "stage-contact", c.name); a.href = c.url;
      li.appendChild(a);
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
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
    syncSwitcher();
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
  /* ---- Where to go now (the format's section 14, as `route --at` works it out): the path's
     first contact if it is staffed now, else the first of the plan's contacts staffed now. A
     contact is staffed when one of its calendars is open (its own hours, or a method's own);
     the calendars are the intervals and dated holidays the build shipped. When none is
     staffed: the one that opens first, and when. ---- */
  function candidates(o, plan) {
    var ids = [], first = o.path.length ? index.tiers[o.path[0]] : null;
    if (first && !first.partner_only && first.contact) ids.push(first.contact);
    (plan ? plan.contacts : []).forEach(function (id) { if (ids.indexOf(id) < 0) ids.push(id); });
    return ids.filter(function (id) { return index.contacts[id]; });
  }
  /* The instant (ms) calendar `id` next opens after `now`; `now` itself when open. */
  function nextOpen(id, now) {
    var cal = data.calendars[id];
    if (!cal) return null;
    var st = state(cal, new Date(now));
    if (st.open) return now;
    return st.change ? wallInstant(st.change.day, st.change.min, cal.timezone) : null;
  }
  /* { id, open: true } or { id, opens (ms), calendar } or null. */
  function contactNow(o, plan, now) {
    var best = null;
    var ids = candidates(o, plan);
    for (var i = 0; i < ids.length; i++) {
      var c = index.contacts[ids[i]];
      var cals = c.calendars && c.calendars.length ? c.calendars : [c.calendar];
      for (var j = 0; j < cals.length; j++) {
        var t = nextOpen(cals[j], now);
        if (t === now) return { id: ids[i], open: true };
        if (t != null && (!best || t < best.opens)) best = { id: ids[i], opens: t, calendar: cals[j] };
      }
    }
    return best;
  }
  function nowMs() { return Math.floor(Date.now() / 1000) * 1000; }
  /* The contact now as a card: its name, open status, call buttons and (for one case) when the
     first response is due, so that all of it fits the first screen of a phone. */
  function nowCard(now, heading, due, first) {
    var c = index.contacts[now.id];
    var card = el("section", "finder-now card");
    card.setAttribute("data-contact-now", now.id);
    card.setAttribute("data-open", now.open ? "true" : "false");
    var h = el(heading, "finder-now-title", now.open ? W.contact_now : W.nobody_now);
    card.appendChild(h);
    var name = el("p", "finder-now-name"), a = el("a", null, c.name); a.href = c.url;
    name.appendChild(a); card.appendChild(name);
    if (now.open) {
      var st = statusEl(c.calendar);
      /* Staffed through a method's own hours (a chat open longer): that calendar's status. */
      if (!state(data.calendars[c.calendar], new Date(nowMs())).open) {
        var own = (c.calendars || []).filter(function (id) { return data.calendars[id] && state(data.calendars[id], new Date(nowMs())).open; })[0];
        if (own) st = statusEl(own);
      }
      card.appendChild(st);
    } else {
      /* Closed: the status of the calendar that opens first says when (and names a holiday). */
      card.setAttribute("data-opens", rfc3339(now.opens, data.calendars[now.calendar].timezone));
      card.appendChild(statusEl(now.calendar));
    }
    card.appendChild(el("p", now.id === first ? "hours" : "finder-now-hours", c.hours + (c.zone ? " (" + c.zone + ")" : "")));
    if (due) card.appendChild(due);
    card.appendChild(methods(c, true));
    return card;
  }
  /* One answer; with "I don't know" for the plan or the severity, one block per contact to
     reach now and the differences as a short table. */
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
    var groups = [], byKey = {}, now = nowMs();
    combos.forEach(function (c) {
      var pick = function (d) { return c[d] || val(d); };
      var o = prod.cases[caseOf(pick)], plan = planOf(pick("plan"));
      var words = plan ? KINDS.map(function (k) { var t = targetOf(plan, k, pick); return t ? t.words : ""; }) : [];
      var covered = index.outcomes[o].covered;
      var cn = covered && plan ? contactNow(index.outcomes[o], plan, now) : null;
      var key = o + "|" + (covered && plan ? words.concat([plan.calendar]).join("|") : "") + "|" + (cn ? cn.id : "");
      if (!byKey[key]) { byKey[key] = { outcome: o, pick: pick, combos: [], now: cn, response: covered && plan ? targetOf(plan, "response", pick) : null, plan: plan }; groups.push(byKey[key]); }
      byKey[key].combos.push(c);
    });
    out.textContent = "";
    if (!unknown.length) {
      render(index.outcomes[groups[0].outcome], prod, groups[0].pick, out, groups[0].combos, unknown, groups[0].now);
    } else {
      collapsed(prod, groups, unknown);
    }
    var link = el("a", null, W.finder_link); link.href = location.href;
    var lp = el("p", "small"); lp.appendChild(link); out.appendChild(lp);
    updateStatus(out);
    /* The contact now, its buttons and the due time on the screen (a phone's first screen). */
    var card = out.querySelector(".finder-now");
    if (card) {
      var r = card.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) card.scrollIntoView({ block: "start" });
    }
  }
  /* "I don't know": the covered cases grouped by the contact to reach now (open ones first,
     then by when they open), each contact once with its buttons and the cases it serves; the
     differences (first response, due time) in one table; the cases not covered in one block. */
  function collapsed(prod, groups, unknown) {
    var covered = groups.filter(function (g) { return index.outcomes[g.outcome].covered; });
    var uncovered = groups.filter(function (g) { return !index.outcomes[g.outcome].covered; });
    var blocks = [], byContact = {};
    covered.forEach(function (g) {
      var o = index.outcomes[g.outcome];
      var first = o.path.length ? index.tiers[o.path[0]] : null;
      var id = g.now ? g.now.id : (first && !first.partner_only && index.contacts[first.contact] ? first.contact : "");
      if (!byContact[id]) { byContact[id] = { id: id, now: g.now, combos: [], groups: [] }; blocks.push(byContact[id]); }
      byContact[id].combos = byContact[id].combos.concat(g.combos);
      byContact[id].groups.push(g);
    });
    var rank = function (b) { return !b.now ? Infinity : b.now.open ? -1 : b.now.opens; };
    blocks.sort(function (a, b) { return rank(a) - rank(b); });
    if (covered.length) out.appendChild(el("h3", null, W.finder_covered));
    blocks.forEach(function (b) {
      var box;
      if (b.now) {
        box = nowCard(b.now, "h4");
      } else {
        box = el("section", "finder-now card");
        var c = index.contacts[b.id];
        box.appendChild(el("h4", "finder-now-title", c ? c.name : W.first_contact));
        if (c) { box.appendChild(statusEl(c.calendar)); box.appendChild(methods(c)); }
      }
      box.classList.add("finder-case");
      box.insertBefore(conditions(unknown, b.combos), box.children[1]);
      out.appendChild(box);
    });
    if (covered.length) out.appendChild(differences(covered, unknown));
    /* The escalation paths: once when every case shares one, else each with its cases. */
    var paths = [], byPath = {};
    covered.forEach(function (g) {
      var o = index.outcomes[g.outcome], k = o.path.slice(1).join(" ");
      if (o.path.length < 2) return;
      if (!byPath[k]) { byPath[k] = { path: o.path.slice(1), combos: [] }; paths.push(byPath[k]); }
      byPath[k].combos = byPath[k].combos.concat(g.combos);
    });
    paths.forEach(function (p) {
      out.appendChild(el("h4", null, W.escalation));
      if (paths.length > 1) out.appendChild(conditions(unknown, p.combos));
      var ol = el("ol", "path");
      p.path.forEach(function (id) { ol.appendChild(stage(id, prod)); });
      out.appendChild(ol);
    });
    if (uncovered.length) {
      var box = el("section", "finder-case");
      var all = [];
      uncovered.forEach(function (g) { all = all.concat(g.combos); });
      box.appendChild(conditions(unknown, all));
      render(index.outcomes[uncovered[0].outcome], prod, uncovered[0].pick, box, all, unknown, null);
      out.appendChild(box);
    }
  }
  /* The differences between the cases as a short table: a row per plan (or severity), a
     column per severity when both are unknown; each cell the first-response target and when
     it is due if the case is opened now, in the calendar's zone (and the visitor's). */
  function differences(groups, unknown) {
    var D = index.words || {};
    var rowsDim = unknown.indexOf("plan") >= 0 ? "plan" : "severity";
    var colDim = unknown.length > 1 ? "severity" : null;
    var cell = {};
    groups.forEach(function (g) {
      g.combos.forEach(function (c) { cell[(c[rowsDim] || "") + "|" + (colDim ? c[colDim] : "")] = g; });
    });
    var wrap = el("div", "table-scroll");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", W.finder_differences);
    var table = el("table", "compact finder-table");
    table.appendChild(el("caption", "visually-hidden", W.finder_differences));
    var head = el("thead"), hr = el("tr");
    var corner = el("th", null, sel(rowsDim) ? sel(rowsDim).labels[0].textContent : rowsDim); corner.scope = "col"; hr.appendChild(corner);
    var cols = colDim ? (lists()[colDim] || []) : [null];
    cols.forEach(function (x) {
      var th = el("th"); th.scope = "col";
      if (x) {
        th.appendChild(document.createTextNode(x.id));
        th.appendChild(el("span", "visually-hidden", " · " + x.name));
      } else {
        th.textContent = W.finder_first_response;
      }
      hr.appendChild(th);
    });
    head.appendChild(hr); table.appendChild(head);
    var body = el("tbody"), zones = {};
    (lists()[rowsDim] || []).forEach(function (row) {
      var tr = el("tr"), th = el("th", null, row.name); th.scope = "row";
      tr.appendChild(th);
      cols.forEach(function (x) {
        var g = cell[row.id + "|" + (x ? x.id : "")], td = el("td");
        if (!g || !g.response) {
          td.textContent = g ? W.not_covered || "—" : "—";
          td.className = "none";
        } else {
          td.appendChild(el("span", "finder-within", g.response.words));
          var cal = index.calendars[g.plan.calendar];
          var due = cal ? dueAt(cal, { minutes: g.response.minutes, bd: g.response.business_days || 0, always: g.response.always }, nowMs()) : null;
          if (due != null) {
            zones[cal.timezone] = true;
            var p = el("span", "finder-due");
            p.setAttribute("data-due", rfc3339(due, cal.timezone));
            p.appendChild(document.createTextNode(shortWhen(due, cal.timezone)));
            if (!sameClock(cal.timezone)) p.appendChild(el("span", "finder-due-local", " (" + shortWhen(due, visitorTz) + ")"));
            td.appendChild(p);
          }
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    var box = el("div", "finder-differences");
    box.appendChild(el("h4", null, W.finder_differences));
    box.appendChild(wrap);
    var zs = Object.keys(zones);
    if (zs.length) {
      var z = zs.map(zoneName).join(", ");
      box.appendChild(el("p", "small", zs.some(function (x) { return !sameClock(x); })
        ? fillIn(D.finder_table_yours, { zone: z, local: visitorZoneName(new Date()) })
        : fillIn(D.finder_table, { zone: z })));
    }
    return box;
  }
  /* "Mon 03:30": the weekday and time of instant `t` in zone `tz`. */
  function shortWhen(t, tz) {
    var D = index.words || {}, x = parts(new Date(t), tz);
    return (D.days || [])[addDays(x.y, x.m, x.d, 0).wd] + " " + label(x.min);
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
  /* The due time of a case opened now under `plan`'s target `r`, or null. */
  /* The due time of target `r` of `kind` ("response", "resolution") for a case opened now. */
  function dueEl(plan, r, kind) {
    if (!r || !index.calendars[plan.calendar]) return null;
    var due = el("p", kind === "resolution" ? "finder-due finder-resolution-due" : "finder-due");
    due.setAttribute("data-calendar", plan.calendar);
    due.setAttribute("data-kind", kind);
    if (r.business_days != null) due.setAttribute("data-bd", r.business_days);
    else due.setAttribute("data-minutes", r.minutes);
    if (r.always) due.setAttribute("data-always", "");
    showDue(due);
    return due;
  }
  function render(o, prod, pick, box, combos, unknown, now) {
    var h = el(unknown.length ? "h4" : "h3", null, o.covered ? W.finder_covered : W.finder_not_covered);
    box.appendChild(h);
    if (o.note_html) { var n = el("div", "note"); n.innerHTML = o.note_html; box.appendChild(n); }
    if (!o.covered) { notCovered(prod, pick, box, combos); return; }
    var plan = planOf(pick("plan"));
    var r = plan && targetOf(plan, "response", pick);
    /* First: whom to reach now, with the due time beside the buttons. */
    if (now) {
      var firstTier = o.path.length ? index.tiers[o.path[0]] : null;
      var card = nowCard(now, "h4", plan && dueEl(plan, r, "response"), firstTier && firstTier.contact);
      box.appendChild(card);
    }
    if (o.path.length) {
      var first = index.tiers[o.path[0]];
      var c = first && index.contacts[first.contact];
      box.appendChild(el("h4", null, W.first_contact));
      var p = el("ul", "plain"); p.appendChild(stage(o.path[0], prod)); box.appendChild(p);
      /* The first contact's buttons, unless the card above already shows them. */
      if (c && (!now || now.id !== first.contact)) {
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
    if (plan) targets(plan, pick, box, now ? card : null);
  }
  /* The plan's targets for the case, in words, each with its due time; in the contact-now
     card, the response target goes with the due time the card already shows. */
  function targets(plan, pick, box, card) {
    var D = index.words || {};
    KINDS.forEach(function (kind) {
      var r = targetOf(plan, kind, pick);
      if (!r) return;
      var line = el("p", kind === "response" ? "finder-target finder-response" : "finder-target",
        fillIn(D.finder_target, { kind: D["target_" + kind], words: r.words }));
      line.setAttribute("data-kind", kind);
      if (kind === "response" && card) { card.appendChild(line); return; }
      box.appendChild(line);
      if (kind === "updates") return;
      var due = dueEl(plan, r, kind);
      if (due) box.appendChild(due);
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
  /* A contact's methods as buttons; in the contact-now card, calling is the main action. */
  function methods(c, main) {
    var ul = el("ul", "actions compact-actions");
    c.methods.forEach(function (m) {
      /* A method without an address to open (`other`: "ask your account manager") is shown
         as text; in the contact-now card, calling is the main action. */
      var li = el("li"), a = m.href ? el("a", main && m.kind === "phone" ? "button method-phone" : "button secondary")
        : el("span", "method-text method-" + m.kind);
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
    var now = nowMs(), due = dueAt(cal, target, now);
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
    if (s && v && s.options && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
  });
  form.addEventListener("change", answer);
  /* A product typed by name: answered as soon as the text is a product's. */
  form.addEventListener("input", function (e) { if (e.target.hasAttribute("data-product-search")) answer(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); answer(); });
  getJSON(api + "index.json").then(function (i) {
    index = i;
    named = productNames(i.products);
    var typed = form.querySelector("input[data-product-search]");
    if (typed) {
      /* A product given by id or name (the home page's field sends what was typed): its name. */
      var p = productOf(named, q.get("product") || typed.value);
      if (p) typed.value = p.label;
    }
    addFallback(i.fallback);
    Object.keys(i.calendars).forEach(function (k) { data.calendars[k] = data.calendars[k] || i.calendars[k]; });
    answer();
  }).catch(function () { out.textContent = W.finder_error || ""; });
})();
