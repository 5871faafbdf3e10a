// A crash never leaves a figure on screen (pwa/guard.js, src/crash.rs), on the release build.
//
// The deliberate faults cannot happen in production:
// - a real trap of the release wasm, reached from a test script through the raw wasm exports
//   (the page's own Content-Security-Policy lets no script but the app's run): wasm-bindgen's
//   allocator aborts on an impossible request, exactly as a panic does under panic=abort or
//   -Cpanic=immediate-abort: the instance traps with no Rust panic hook involved;
// - builds broken on purpose: the wasm corrupted or missing, its JavaScript glue missing, and a
//   browser without WebAssembly.
// The Rust panic hook itself is tested in tests/crash.rs, where a test build may panic.

import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DIST, HOST_EXAMPLE, cspHeader, cspViolations, startServer, watchPage } from "./pwa-helpers.mjs";

test.describe.configure({ timeout: 120_000 });

const STOPPED = "The calculator stopped working";
const NOT_STARTED = "The calculator could not start";

/** Everything the page still shows, prints and tells a screen reader, to look for figures in. */
async function whatRemains(frame) {
  const body = frame.locator("body");
  return {
    text: await body.innerText(),
    accessible: await body.ariaSnapshot(),
  };
}

/** Asserts that no figure remains in the page (or frame): not on screen, not in the tree. */
async function expectNoFigure(frame, label) {
  const { text, accessible } = await whatRemains(frame);
  expect(text, `${label}: text on screen`).not.toMatch(/\d/);
  expect(accessible.replace(/\[level=\d\]/g, ""), `${label}: accessibility tree`).not.toMatch(/\d/);
}

/** A copy of the build with one file changed (`write(dir, files)`), served on its own origin. */
async function brokenBuild(write) {
  const dir = await mkdtemp(join(tmpdir(), "ketamine-broken-"));
  await cp(DIST, dir, { recursive: true });
  await write(dir, await readdir(dir));
  return dir;
}

/** Records what the top page receives, and hands the calculator frame its raw wasm exports. */
async function instrument(page) {
  await page.addInitScript(() => {
    if (window === window.top) {
      window.__messages = [];
      window.addEventListener("message", (event) => window.__messages.push({ origin: event.origin, data: event.data }));
    }
    // Trunk's loader announces the instance with its exports (see the boot script in dist/).
    window.addEventListener("TrunkApplicationStarted", (event) => (window.__wasm = event.detail.wasm));
  });
}

/** Makes the release wasm trap, from a task of the page's own (so the trap is uncaught, as a real one). */
async function trap(frame) {
  await frame.evaluate(() => {
    const wasm = window.__wasm;
    const malloc = Object.keys(wasm).find((name) => /^__wbindgen_malloc$/.test(name));
    if (!malloc) throw new Error(`no __wbindgen_malloc among ${Object.keys(wasm).join(", ")}`);
    // Alignment 3 is no power of two: wasm-bindgen's allocator aborts, the instance traps.
    setTimeout(() => wasm[malloc](8, 3));
  });
}

let app, host, other;

test.beforeAll(async () => {
  host = await startServer(HOST_EXAMPLE);
  other = await startServer(HOST_EXAMPLE, {
    pages: { "/blank.html": `<!DOCTYPE html><link rel="icon" href="data:,"><title>other origin</title><iframe></iframe>` },
  });
  app = await startServer(DIST, { csp: cspHeader([host.origin, other.origin]) });
});

test.afterAll(async () => {
  await Promise.all([app, host, other].map((s) => s?.close()));
});

test("a trap of the wasm replaces every figure with a message to reload, on screen, in print and for screen readers", async ({ page }) => {
  const log = await watchPage(page);
  await instrument(page);
  await page.goto(`${app.origin}/#weight=70&bolus=0.2&rate=0.5&duration_min=150&conc=1`);
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  await expect(page.locator("#plan-bolus-mg")).toHaveText("14 mg");

  await trap(page);
  await expect(page.getByRole("heading", { name: STOPPED })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("any dose it showed before may be wrong");
  await expect(page.getByRole("button", { name: "Reload the page" })).toBeVisible();
  await expect(page.getByRole("heading", { name: STOPPED })).toBeFocused();
  await expect(page.locator("#bolus-range")).toHaveCount(0);
  await expectNoFigure(page, "screen");
  await page.emulateMedia({ media: "print" });
  await expectNoFigure(page, "print");
  const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
  expect(pdf).not.toContain("24.5");
  await page.emulateMedia({ media: "screen" });

  // A link pasted afterwards brings nothing back: the app's nodes are gone from the page.
  await page.evaluate(() => (location.hash = "weight=80"));
  await expect(page.getByRole("heading", { name: STOPPED })).toBeVisible();
  await expectNoFigure(page, "after a hash change");

  // The reload button starts the calculator afresh.
  await page.getByRole("button", { name: "Reload the page" }).click();
  await expect(page.locator("#bolus-range")).toHaveText("up to 28 mg");
  expect(await cspViolations(page)).toEqual([]);
  // The trap's own report, and the guard's: expected here, nothing else.
  expect(log.errors.filter((e) => !/unreachable|ketamine-calculator: crashed/.test(e))).toEqual([]);
});

test("in a host page, a trap posts ketamine-calculator/error and nothing after it", async ({ page }) => {
  await instrument(page);
  await page.goto(`${host.origin}/?calculator=${encodeURIComponent(`${app.origin}/`)}`);
  await expect(page.locator("#result-bolus")).toHaveText("0 to 24.5");
  const calculator = page.frames().find((f) => f.url().startsWith(app.origin));
  await expect.poll(() => calculator.evaluate(() => window.__wasm !== undefined)).toBe(true);

  await trap(calculator);
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("heading", { name: STOPPED })).toBeVisible();
  await expectNoFigure(calculator, "frame");
  const error = () => page.evaluate(() => window.__messages.filter((m) => m.data?.type === "ketamine-calculator/error"));
  await expect.poll(async () => (await error()).length).toBe(1);
  const [posted] = await error();
  expect(posted.origin).toBe(app.origin);
  expect(posted.data).toEqual({
    type: "ketamine-calculator/error",
    version: 1,
    reason: "crashed",
    message: expect.stringContaining("Reload the page"),
  });
  // The example host forgets the figures it had.
  await expect(page.locator("#result-status")).toContainText("calculator stopped (crashed)");
  await expect(page.locator("#result-bolus")).toHaveText("");

  // A prefill afterwards is not applied and not answered; no result follows the error.
  const count = () => page.evaluate(() => window.__messages.length);
  const before = await count();
  await page.locator("#host-weight").fill("80");
  await page.getByRole("button", { name: "Send prefill message" }).click();
  await calculator.evaluate(() => window.parent.postMessage("probe", "*"));
  await expect.poll(() => page.evaluate(() => window.__messages.some((m) => m.data === "probe"))).toBe(true);
  const after = (await page.evaluate(() => window.__messages)).slice(before).map((m) => m.data);
  expect(after).toEqual(["probe"]);
  await expectNoFigure(calculator, "frame after a prefill");
});

const BROKEN = {
  "a corrupt wasm": async (dir, files) => {
    const wasm = files.find((f) => f.endsWith(".wasm"));
    await writeFile(join(dir, wasm), Buffer.from("\0asm\x01\0\0\0this is not a module"));
  },
  "a missing wasm": async (dir, files) => rm(join(dir, files.find((f) => f.endsWith(".wasm")))),
  "missing JavaScript glue": async (dir, files) =>
    rm(join(dir, files.find((f) => /^ketamine-calculator-[0-9a-f]+\.js$/.test(f)))),
};

for (const [name, breakIt] of Object.entries(BROKEN)) {
  test(`${name}: the page says it could not start, shows no figure, and tells the host`, async ({ page }) => {
    const dir = await brokenBuild(breakIt);
    const broken = await startServer(dir, { csp: cspHeader([host.origin]) });
    try {
      await instrument(page);
      // Alone: the message, and no figure of the fragment.
      await page.goto(`${broken.origin}/#weight=70`);
      await expect(page.getByRole("heading", { name: NOT_STARTED })).toBeVisible();
      await expect(page.getByRole("alert")).toContainText("No figure was calculated");
      await expectNoFigure(page, name);

      // In the example host page: the error message reaches it.
      await page.goto(`${host.origin}/?calculator=${encodeURIComponent(`${broken.origin}/`)}`);
      await expect(page.frameLocator("iframe").getByRole("heading", { name: NOT_STARTED })).toBeVisible();
      await expect(page.locator("#result-status")).toContainText("calculator stopped (failed-to-start)");
      const posted = await page.evaluate(() => window.__messages.map((m) => ({ origin: m.origin, data: m.data })));
      expect(posted).toEqual([
        {
          origin: broken.origin,
          data: { type: "ketamine-calculator/error", version: 1, reason: "failed-to-start", message: expect.any(String) },
        },
      ]);
    } finally {
      await broken.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test("a browser without WebAssembly: the page says it could not start, accessibly", async ({ page }) => {
  await page.addInitScript(() => delete window.WebAssembly);
  await page.goto(`${app.origin}/#weight=70`);
  await expect(page.getByRole("heading", { name: NOT_STARTED })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("it needs WebAssembly");
  await expectNoFigure(page, "no WebAssembly");
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
      .analyze();
    expect(axe.violations, colorScheme).toEqual([]);
  }
});

test("without embed=1 and a valid parent_origin the error is posted to no one", async ({ page }) => {
  await instrument(page);
  const invalid = [`weight=70`, `embed=1&weight=70`, `embed=1&parent_origin=${encodeURIComponent(`${other.origin}/`)}&weight=70`];
  for (const fragment of invalid) {
    await page.goto(`${other.origin}/blank.html`);
    await page.evaluate((src) => (document.querySelector("iframe").src = src), `${app.origin}/#${fragment}`);
    const calculator = () => page.frames().find((f) => f.url().startsWith(app.origin));
    await expect.poll(async () => (await calculator()?.evaluate(() => window.__wasm !== undefined)) ?? false).toBe(true);
    await trap(calculator());
    await expect(page.frameLocator("iframe").getByRole("heading", { name: STOPPED })).toBeVisible();
    // Messages from one window keep their order: once this probe is in, anything posted before is.
    await calculator().evaluate(() => window.parent.postMessage("probe", "*"));
    await expect.poll(() => page.evaluate(() => window.__messages.some((m) => m.data === "probe"))).toBe(true);
    const posted = await page.evaluate(() => window.__messages.filter((m) => m.data !== "probe"));
    expect(posted, fragment).toEqual([]);
  }
});
