// Helpers of portal.mjs: counting checks, watching pages, the site's pages and words.
import fs from 'node:fs';
import path from 'node:path';
import { watchContext } from './lib.mjs';

/// Counts checks; a check with problems is a failure, reported with every problem.
export class Checks {
  constructor() { this.passed = 0; this.failed = 0; }
  record(name, problems) {
    const list = (problems || []).filter(Boolean);
    if (list.length === 0) {
      this.passed++;
    } else {
      this.failed++;
      console.log(`FAIL ${name}\n${list.map((p) => `    - ${p}`).join('\n')}`);
    }
  }
  /// Runs `fn(problems)`; anything it throws is a problem too.
  async run(name, fn) {
    const problems = [];
    try {
      await fn(problems);
    } catch (e) {
      problems.push(`threw: ${(e && e.message) || e}`);
    }
    this.record(name, problems);
  }
  finish() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exitCode = this.failed > 0 ? 1 : 0;
  }
}

export function watch(context, origin) { return watchContext(context, origin); }

/// Every HTML file under `dir`, relative, sorted.
export function htmlPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/// The URL path (without the leading slash) that serves an HTML file: `plans/index.html` → `plans/`.
export function pagePath(file) {
  return file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
}

/// The theme's words for the site's language (from `<html lang>` of the home page).
export function words(homeHtml, i18nFile) {
  const all = JSON.parse(fs.readFileSync(i18nFile, 'utf8'));
  const lang = (/<html lang="([^"]+)"/.exec(homeHtml) || [])[1] || 'en';
  const table = all[lang] || all[lang.split('-')[0]] || all.en;
  return { ...table, lang, fill(key, args) {
    let s = table[key] ?? key;
    for (const [k, v] of Object.entries(args || {})) s = s.split(`{${k}}`).join(v);
    return s;
  } };
}

/// Markdown as it reads: `**x**` → x, `[x](y)` → x, whitespace collapsed.
export function markdownText(md) {
  return squash(md.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/(\*\*|__|\*|_|`)/g, ''));
}

export function squash(s) { return (s || '').replace(/\s+/g, ' ').trim(); }
