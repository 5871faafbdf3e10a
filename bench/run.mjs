// The performance benchmark: the calculator against two floors measured in the same run, a static
// page of the same text and an empty Leptos app, in headless Chromium on 127.0.0.1. Prints
// figures, ratios and budgets; only ratios from one run compare, since these machines are noisy.
// Usage (via scripts/bench.sh): node bench/run.mjs <app dist> <empty-app dist> <static dir> [runs]

import { chromium } from "@playwright/test";
import { mkdir, readdir, copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serveSite } from "./serve.mjs";
import { siteSizes, kb } from "./sizes.mjs";

const [appDir, emptyDir, staticDir, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 15);
const KEYSTROKES = 60;
const PREFILL = "#weight=70";

const ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
];

// Recorded in the page from its first script on: when the first result appears (performance.now,
// from navigation start), and the main thread's long tasks until then.
const INSTRUMENT = () => {
  const bench = (window.__bench = { firstResult: null, longTasks: [], keys: [], latencies: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  const hasResult = () => /\d\s*mg/.test(document.querySelector("[data-bench=first-result]")?.textContent ?? "");
  const watch = new MutationObserver(() => {
    if (bench.firstResult === null && hasResult()) bench.firstResult = performance.now();
    if (bench.keys.length > bench.latencies.length) bench.latencies.push(performance.now() - bench.keys[bench.latencies.length]);
  });
  watch.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  document.addEventListener("keydown", (e) => { if (e.target.id === "weight") bench.keys.push(performance.now()); }, true);
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
  return page.evaluate(() => ({ t: window.__bench.firstResult, longTasks: window.__bench.longTasks }));
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
  const cold = [], warm = [], off = [], longTasks = [], longTotal = [];
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
  return { cold, warm, off, longTasks, longTotal, bytes };
}

async function measureInputLatency(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.goto(url);
  const field = page.locator("#weight");
  await field.waitFor();
  await field.click();
  // Alternate valid weights so that every keystroke changes what is rendered.
  const keys = [];
  while (keys.length < KEYSTROKES) keys.push("7", "0", "Backspace", "Backspace", "8", "5", "Backspace", "Backspace");
  for (const key of keys.slice(0, KEYSTROKES)) {
    await page.keyboard.press(key);
    await page.waitForTimeout(40);
  }
  const latencies = await page.evaluate(() => window.__bench.latencies);
  await context.close();
  return latencies;
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

console.log("\nlong tasks on the main thread before the first result: count, total ms (median)");
for (const [name] of sites) {
  const r = results[name];
  console.log(`  ${name.padEnd(13)} ${median(r.longTasks)}  ${ms(median(r.longTotal))}`);
}

const latencies = await measureInputLatency(browser, app.url);
console.log(`\ninput latency, keystroke in the weight field to updated DOM (ms, ${latencies.length} keys): p50 ${ms(quantile(latencies, 0.5))}  p99 ${ms(quantile(latencies, 0.99))}`);

const c = results["calculator"], s = results["static page"], e = results["empty Leptos"];
const ratio = (a, b) => (a / b).toFixed(2);
console.log("\nratios (same run): calculator / floor, cold first result");
console.log(`  / static page  ${ratio(median(c.cold), median(s.cold))}`);
console.log(`  / empty Leptos ${ratio(median(c.cold), median(e.cold))}`);
console.log(`  transfer / empty Leptos ${ratio(c.transfer, e.transfer)}`);

const firstVisitGzip = ["html", "js", "css", "wasm"].reduce((sum, t) => sum + (c.sizes.byType[t]?.gzip ?? 0), 0);
const budgets = [
  [`compressed transfer ${kb(firstVisitGzip)} KB (gzip) <= 150 KB (aim 100 KB)`, firstVisitGzip <= 150_000],
  [`first result cold ${ms(median(c.cold))} ms <= 2 x static floor ${ms(2 * median(s.cold))} ms`, median(c.cold) <= 2 * median(s.cold)],
  [`input latency p99 ${ms(quantile(latencies, 0.99))} ms <= 16 ms`, quantile(latencies, 0.99) <= 16],
  c.off.length
    ? [`offline start ${ms(median(c.off))} ms <= warm start ${ms(median(c.warm))} ms`, median(c.off) <= median(c.warm)]
    : ["offline start: no service worker controlled the page", false],
];
console.log("\nbudgets");
for (const [text, met] of budgets) console.log(`  ${met ? "met    " : "NOT MET"} ${text}`);
if (process.env.ENGINE_BENCH) console.log(`\nnative engine, one full calculation: ${process.env.ENGINE_BENCH}`);

await browser.close();
for (const server of [app, floorStatic, floorEmpty]) server.close();
