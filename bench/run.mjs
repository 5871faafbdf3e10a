// The performance benchmark: the calculator against two floors measured in the same run, a static
// page of the same text and an empty Leptos app, in headless Chromium on 127.0.0.1. Prints
// figures, ratios and every budget of issue 15 as met or not; only ratios from one run compare,
// since these machines are noisy. Each site is served on a free port the system picks, so runs
// in parallel never clash.
// Usage (via scripts/bench.sh): node bench/run.mjs <app dist> <empty-app dist> <static dir> [runs]

import { chromium } from "@playwright/test";
import { mkdir, readdir, copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serveSite } from "./serve.mjs";
import { siteSizes, kb } from "./sizes.mjs";

const [appDir, emptyDir, staticDir, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 15);
const PREFILL = "#weight=70";
/// The fields typed into for input latency, each with two values typed and erased in turn, so
/// that every keystroke changes what the page shows (valid, invalid, empty, another value).
const TYPED_FIELDS = [
  ["weight", "70", "85"],
  ["height", "170", "155"],
  ["age", "40", "67"],
  ["bolus", "0.3", "0.2"],
  ["rate", "0.5", "1.2"],
  ["duration_min", "60", "45"],
];
/// Every entry filled, so that each typed field changes a computed figure.
const LATENCY_PREFILL = "#weight=70&height=170&sex=female&age=40&bolus=0.3&rate=0.5&duration_min=60&conc=10";

/// Issue 15's budgets.
const BUDGET_FIRST_VISIT_BROTLI = 100_000;
const BUDGET_COLD_VS_STATIC = 2;
const BUDGET_LATENCY_P99_MS = 10;
const LONG_TASK_MS = 50;

const ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
];

// Recorded in the page from its first script on: when the first result appears (performance.now,
// from navigation start), the main thread's long tasks and the bytes received until then, and for
// each keystroke in a field the time to the last DOM change it caused.
const INSTRUMENT = () => {
  const bench = (window.__bench = { firstResult: null, longTasks: [], keys: [] });
  // Compressed bodies (what crossed the wire) of the page and of every file requested before the
  // first result: what a first visit needs before it can compute. Read once the page has loaded,
  // so that a page still streaming when its text appears (the static floor) counts whole.
  bench.bytesBefore = (until) => {
    const out = { total: 0, byType: {}, other: {} };
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
    for (const e of entries) {
      if (e.entryType === "resource" && e.startTime > until) continue;
      const ext = new URL(e.name, location.href).pathname.match(/\.([a-z0-9]+)$/)?.[1] ?? "html";
      const counted = ["html", "js", "mjs", "css", "wasm"].includes(ext);
      const into = counted ? out.byType : out.other;
      into[ext] = (into[ext] ?? 0) + e.encodedBodySize;
      if (counted) out.total += e.encodedBodySize;
    }
    return out;
  };
  // Long tasks are read at the first result: buffered, so those before the first script count too.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  const hasResult = () => /\d\s*mg/.test(document.querySelector("[data-bench=first-result]")?.textContent ?? "");
  const watch = new MutationObserver((records) => {
    const now = performance.now();
    if (bench.firstResult === null && hasResult()) bench.firstResult = now;
    const key = bench.keys[bench.keys.length - 1];
    if (key) {
      key.last = now;
      key.mutations += records.length;
      // Where each change landed: the nearest element with an id, to find what re-renders on a
      // keystroke that did not need to.
      for (const r of records) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const at = el?.closest("[id]")?.id ?? "(no id)";
        key.where[at] = (key.where[at] ?? 0) + 1;
      }
    }
  });
  watch.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  // Capture on window: runs before any listener of the page.
  window.addEventListener("keydown", (e) => {
    if (e.target instanceof HTMLInputElement) bench.keys.push({ field: e.target.id, start: performance.now(), last: null, mutations: 0, where: {} });
  }, true);
};

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * q))];
}
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");

async function firstResult(page) {
  await page.waitForFunction(() => window.__bench?.firstResult !== null, null, { timeout: 30_000 });
  await page.waitForLoadState("load");
  return page.evaluate(() => ({
    t: window.__bench.firstResult,
    longTasks: window.__bench.longTasks.filter((l) => l.start < window.__bench.firstResult).map((l) => l.duration),
    firstVisit: window.__bench.bytesBefore(window.__bench.firstResult),
  }));
}

async function transferred(page, action) {
  const bytes = {};
  const onResponse = async (response) => {
    try {
      const sizes = await response.request().sizes();
      const type = response.headers()["content-type"]?.split(";")[0] ?? "other";
      bytes[type] = (bytes[type] ?? 0) + sizes.responseBodySize + sizes.responseHeadersSize;
    } catch {}
  };
  page.on("response", onResponse);
  await action();
  await page.waitForTimeout(300);
  page.off("response", onResponse);
  return bytes;
}

/// Cold (fresh profile), warm (same profile, second visit) and, for a site with a service worker,
/// offline (network cut, reload) times to the first result.
async function measureStarts(browser, url, { offline }) {
  const cold = [], warm = [], off = [], longTasks = [], longTotal = [], longest = [], firstVisit = [];
  let bytes = null;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    await context.addInitScript(INSTRUMENT);
    const page = await context.newPage();
    const measured = await transferred(page, () => page.goto(url + PREFILL));
    const first = await firstResult(page);
    if (run === 0) bytes = measured;
    cold.push(first.t);
    longTasks.push(first.longTasks.length);
    longTotal.push(first.longTasks.reduce((a, b) => a + b, 0));
    longest.push(Math.max(0, ...first.longTasks));
    firstVisit.push(first.firstVisit);
    await page.goto("about:blank");
    await page.goto(url + PREFILL);
    warm.push((await firstResult(page)).t);
    if (offline) {
      const controlled = await page.evaluate(async () => {
        if (!("serviceWorker" in navigator)) return false;
        await navigator.serviceWorker.ready;
        return !!navigator.serviceWorker.controller;
      });
      if (controlled) {
        await context.setOffline(true);
        await page.goto("about:blank");
        await page.goto(url + PREFILL);
        off.push((await firstResult(page)).t);
      }
    }
    await context.close();
  }
  return { cold, warm, off, longTasks, longTotal, longest, firstVisit, bytes };
}

/// Types into every field of TYPED_FIELDS; for each keystroke, the time from keydown to the last
/// DOM change it caused (keystrokes 60 ms apart, far more than any one takes).
async function measureInputLatency(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.goto(url + LATENCY_PREFILL);
  await firstResult(page);
  for (const [id, a, b] of TYPED_FIELDS) {
    const field = page.locator(`#${id}`);
    await field.click();
    await page.keyboard.press("End");
    const keys = [];
    for (const value of [a, b]) {
      for (let i = 0; i < value.length; i++) keys.push("Backspace");
      keys.push(...value.split(""));
    }
    for (let i = 0; i < b.length; i++) keys.push("Backspace");
    keys.push(...a.split(""));
    // Two rounds: the first warms the code paths; both count.
    for (const key of [...keys, ...keys]) {
      await page.keyboard.press(key);
      await page.waitForTimeout(60);
    }
  }
  const keys = await page.evaluate(() => window.__bench.keys);
  await context.close();
  return keys;
}

/// The static floor: the calculator's own page as rendered for the prefill, with every script and
/// preload removed, beside the same stylesheets.
async function buildStaticFloor(browser, appUrl) {
  const page = await browser.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(appUrl + PREFILL);
  await firstResult(page);
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true);
    doc.querySelectorAll("script, link[rel=modulepreload], link[rel=preload], link[rel=manifest]").forEach((n) => n.remove());
    return "<!DOCTYPE html>\n" + doc.outerHTML;
  });
  await page.close();
  await mkdir(staticDir, { recursive: true });
  await writeFile(join(staticDir, "index.html"), html);
  for (const name of await readdir(appDir)) {
    if (name.endsWith(".css")) await copyFile(join(appDir, name), join(staticDir, name));
  }
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
const app = await serveSite(appDir);
await buildStaticFloor(browser, app.url);
const floorStatic = await serveSite(staticDir);
const floorEmpty = await serveSite(emptyDir);

console.log(`benchmark: ${RUNS} runs each, Chromium headless, 127.0.0.1, precompressed static hosting\n`);

const sites = [
  ["calculator", appDir, app.url, true],
  ["static page", staticDir, floorStatic.url, false],
  ["empty Leptos", emptyDir, floorEmpty.url, false],
];
const results = {};
console.log("bytes on disk by type (KB): raw / gzip / brotli");
for (const [name, dir, url, offline] of sites) {
  const sizes = await siteSizes(dir);
  const line = Object.entries(sizes.byType).map(([t, s]) => `${t} ${kb(s.raw)}/${kb(s.gzip)}/${kb(s.brotli)}`).join("  ");
  console.log(`  ${name.padEnd(13)} ${line}  | total ${kb(sizes.total.raw)}/${kb(sizes.total.gzip)}/${kb(sizes.total.brotli)}`);

  results[name] = { sizes, ...(await measureStarts(browser, url, { offline })) };
}

console.log("\nbytes transferred on a cold visit, by content type (KB, brotli on the wire)");
for (const [name] of sites) {
  const b = results[name].bytes ?? {};
  const total = Object.values(b).reduce((a, x) => a + x, 0);
  console.log(`  ${name.padEnd(13)} ${Object.entries(b).map(([t, x]) => `${t} ${kb(x)}`).join("  ")}  | total ${kb(total)}`);
  results[name].transfer = total;
}

console.log("\ntime from navigation to the first computed result (ms): median / p95");
for (const [name] of sites) {
  const r = results[name];
  const off = r.off.length ? `  offline ${ms(median(r.off))} / ${ms(quantile(r.off, 0.95))}` : "";
  console.log(`  ${name.padEnd(13)} cold ${ms(median(r.cold))} / ${ms(quantile(r.cold, 0.95))}  warm ${ms(median(r.warm))} / ${ms(quantile(r.warm, 0.95))}${off}`);
}

console.log("\nfirst visit: compressed bodies of the page, scripts, stylesheets and wasm requested before the first result (KB, cold, median of runs)");
for (const [name] of sites) {
  const visits = results[name].firstVisit.filter(Boolean);
  const totals = visits.map((v) => v.total);
  const typical = visits.find((v) => v.total === median(totals)) ?? { byType: {} };
  results[name].firstVisitBytes = median(totals);
  const other = Object.entries(typical.other ?? {}).map(([t, x]) => `${t} ${kb(x)}`).join("  ");
  console.log(`  ${name.padEnd(13)} ${Object.entries(typical.byType).map(([t, x]) => `${t} ${kb(x)}`).join("  ")}  | total ${kb(median(totals))}${other ? `  (not counted: ${other})` : ""}`);
}

console.log(`\nlong tasks (over ${LONG_TASK_MS} ms) on the main thread before the first result: count and total ms (median), longest, runs with one`);
for (const [name] of sites) {
  const r = results[name];
  const withOne = r.longTasks.filter((n) => n > 0).length;
  console.log(`  ${name.padEnd(13)} ${median(r.longTasks)}  ${ms(median(r.longTotal))}  longest ${ms(Math.max(...r.longest))}  ${withOne} of ${r.longTasks.length} runs`);
}

const keys = await measureInputLatency(browser, app.url);
const timed = keys.filter((k) => k.last !== null);
const latencies = timed.map((k) => k.last - k.start);
console.log(`\ninput latency, keydown in a field to the last DOM change it caused (ms; ${timed.length} of ${keys.length} keystrokes changed the page)`);
console.log(`  all fields    p50 ${ms(quantile(latencies, 0.5))}  p95 ${ms(quantile(latencies, 0.95))}  p99 ${ms(quantile(latencies, 0.99))}  max ${ms(Math.max(...latencies))}  DOM changes per keystroke (median) ${median(timed.map((k) => k.mutations))}`);
for (const [id] of TYPED_FIELDS) {
  const own = timed.filter((k) => k.field === id);
  const l = own.map((k) => k.last - k.start);
  console.log(`  ${id.padEnd(13)} p50 ${ms(quantile(l, 0.5))}  p99 ${ms(quantile(l, 0.99))}  DOM changes ${median(own.map((k) => k.mutations))}`);
}

// What changed on keystrokes: for each element (nearest id), the share of keystrokes that changed
// it and the DOM changes in all; the most frequent first.
const places = {};
for (const k of timed) {
  for (const [at, n] of Object.entries(k.where ?? {})) {
    const p = (places[at] ??= { keys: 0, changes: 0 });
    p.keys += 1;
    p.changes += n;
  }
}
console.log(`\nwhere keystrokes changed the page (nearest element with an id: keystrokes that changed it of ${timed.length}, DOM changes)`);
for (const [at, p] of Object.entries(places).sort((a, b) => b[1].keys - a[1].keys).slice(0, 30)) {
  console.log(`  ${at.padEnd(32)} ${String(p.keys).padStart(4)}  ${p.changes}`);
}

const c = results["calculator"], s = results["static page"], e = results["empty Leptos"];
const ratio = (a, b) => (a / b).toFixed(2);
console.log("\nratios (same run): calculator / floor, cold first result");
console.log(`  / static page  ${ratio(median(c.cold), median(s.cold))}`);
console.log(`  / empty Leptos ${ratio(median(c.cold), median(e.cold))}`);
console.log(`  transfer / empty Leptos ${ratio(c.transfer, e.transfer)}`);

// The size budget counts what arrived before the first result (the page, scripts, wasm and
// stylesheets it needed), brotli as served; the same types on disk are printed beside it as a
// check that nothing was missed.
const onDiskBrotli = ["html", "js", "css", "wasm"].reduce((sum, t) => sum + (c.sizes.byType[t]?.brotli ?? 0), 0);
const firstVisit = c.firstVisitBytes;
const p99 = quantile(latencies, 0.99);
const budgets = [
  [`first visit before the first result ${kb(firstVisit)} KB brotli <= ${kb(BUDGET_FIRST_VISIT_BROTLI)} KB (html+js+css+wasm on disk: ${kb(onDiskBrotli)} KB brotli)`, firstVisit <= BUDGET_FIRST_VISIT_BROTLI],
  [`first result cold ${ms(median(c.cold))} ms <= ${BUDGET_COLD_VS_STATIC} x static page ${ms(BUDGET_COLD_VS_STATIC * median(s.cold))} ms (${ratio(median(c.cold), median(s.cold))} x)`, median(c.cold) <= BUDGET_COLD_VS_STATIC * median(s.cold)],
  [`input latency p99 ${ms(p99)} ms <= ${BUDGET_LATENCY_P99_MS} ms (${latencies.length} keystrokes in ${TYPED_FIELDS.length} fields)`, latencies.length > 0 && p99 <= BUDGET_LATENCY_P99_MS],
  [`long tasks over ${LONG_TASK_MS} ms before the first result: ${median(c.longTasks)} (median of ${c.longTasks.length} cold runs; ${c.longTasks.filter((n) => n > 0).length} runs had one, longest ${ms(Math.max(...c.longest))} ms)`, median(c.longTasks) === 0],
  c.off.length
    ? [`offline start ${ms(median(c.off))} ms <= warm start ${ms(median(c.warm))} ms`, median(c.off) <= median(c.warm)]
    : ["offline start: no service worker controlled the page", false],
];
console.log("\nbudgets (issue 15)");
for (const [text, met] of budgets) console.log(`  ${met ? "met    " : "NOT MET"} ${text}`);
console.log(`  ${budgets.filter(([, met]) => met).length} of ${budgets.length} budgets met`);
if (process.env.ENGINE_BENCH) console.log(`\nnative engine, one full calculation: ${process.env.ENGINE_BENCH}`);

await browser.close();
for (const server of [app, floorStatic, floorEmpty]) server.close();
