// Offline use, safe updates and installability, against the release build in dist/.
//
// Each test starts its own server (pwa-helpers.mjs) on a free port: its own origin, so its own
// service worker and caches, and a server that can be stopped or switched to another build.

import { test, expect, chromium } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DIST,
  buildIdOf,
  cspHeader,
  cspViolations,
  foreignRequests,
  makeVariant,
  startServer,
  waitForOffline,
  watchPage,
} from "./pwa-helpers.mjs";

// Several page loads and service-worker installs per test: more than the default 30 s on a busy
// two-core machine.
test.describe.configure({ timeout: 120_000 });

/** The build id the running page was loaded from. */
const pageBuildId = (page) => page.locator('meta[name="build-id"]').getAttribute("content");
/** The marker a variant build puts into its stylesheet ("" for dist/ itself). */
const pageVariant = (page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--build-variant").trim());

async function typeWeight(page, kg) {
  const weight = page.locator("#weight");
  await expect(weight).toBeEditable();
  await weight.fill(kg);
}

test("after one visit the app opens and calculates with no network at all", async ({ page, context }) => {
  const server = await startServer(DIST, { csp: cspHeader() });
  const log = await watchPage(page);
  const id = await buildIdOf(DIST);

  await page.goto(`${server.origin}/`);
  await typeWeight(page, "70");
  await expect(page.locator("main")).toContainText("24.5 mg");
  const sw = await waitForOffline(page);
  expect(sw).toEqual({ state: "activated", caches: [`ketamine-calculator-${id}`] });

  // Every file of the build is in that one cache.
  const cached = await page.evaluate(async (name) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
  }, `ketamine-calculator-${id}`);
  const precached = await page.evaluate(async () => {
    const text = await (await fetch("/sw.js")).text();
    return JSON.parse(text.match(/^const BUILD = (.*);$/m)[1]).assets.map((a) => `/${a}`).sort();
  });
  expect(cached).toEqual(precached);
  for (const file of ["/index.html", "/manifest.webmanifest", "/icons/icon-512.png"]) expect(cached).toContain(file);
  expect(cached.some((f) => f.endsWith(".wasm"))).toBe(true);
  // The crash guard too: offline, a wasm that fails must still leave no figure.
  expect(cached.some((f) => /^\/guard-[0-9a-f]+\.js$/.test(f))).toBe(true);

  // No network: the server is gone and the browser is offline.
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('meta[name="build-id"]')).toHaveAttribute("content", id);
  await typeWeight(page, "70");
  await expect(page.locator("main")).toContainText("24.5 mg");
  await typeWeight(page, "80");
  await expect(page.locator("main")).toContainText("28 mg");

  // A fresh navigation (not a reload), by the other name of the page, with a prefilled fragment.
  await page.goto(`${server.origin}/index.html#weight=82`);
  await expect(page.locator("#weight")).toHaveValue("82");
  await expect(page.locator("main")).toContainText("28.7 mg");

  // The versions are on screen and on paper.
  const versions = page.locator(".version-info");
  await expect(versions).toContainText(`build ${id}`);
  await expect(versions).toContainText(/rules \S+/);
  await page.emulateMedia({ media: "print" });
  await expect(versions).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  expect(foreignRequests(log, [server.origin])).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("an institution profile named by URL keeps applying offline, from the last copy", async ({ page, context }) => {
  const profile = await readFile(new URL("../examples/profile.json", import.meta.url), "utf8");
  const server = await startServer(DIST, { csp: cspHeader(), pages: { "/profiles/pain.json": profile } });
  const log = await watchPage(page);
  const link = `${server.origin}/#profile=profiles%2Fpain.json&weight=70&bolus=0.3`;
  const status = page.locator("#profile-status");

  await page.goto(link);
  await expect(status).toContainText("Institution profile: Example General Hospital");
  await waitForOffline(page);
  // The first visit ran before the worker controlled the page; this load goes through it.
  await page.reload();
  await expect(status).toContainText("Institution profile: Example General Hospital");
  await expect(status).not.toContainText("offline copy");
  const copies = await page.evaluate(async () => (await caches.keys()).filter((n) => n === "ketamine-profiles"));
  expect(copies).toEqual(["ketamine-profiles"]);

  await server.close();
  await context.setOffline(true);
  await page.reload();
  await expect(status).toContainText("Institution profile: Example General Hospital");
  await expect(status).toContainText("Version 2026-1");
  // A clinician offline sees that these are the limits of the day the copy was saved.
  await expect(status).toContainText(/Loaded from the file profiles\/pain\.json \(offline copy saved \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
  // The profile's limit, not the guideline's: 0.3 mg/kg warns only under the profile.
  await expect(page.locator(".alert-soft")).toContainText("institution profile's limit of 0.25 mg/kg");

  // A profile never fetched before has no copy: the page says so and the guideline applies.
  await page.goto(`${server.origin}/#profile=profiles%2Fother.json&weight=70`);
  await expect(status).toContainText("the guideline's limits apply");
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");

  expect(foreignRequests(log, [server.origin])).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test("a new build waits for consent, then reloads into it, and never mixes two builds", async ({ page, context }) => {
  const a = await makeVariant("a");
  const b = await makeVariant("b");
  expect(a.id).not.toEqual(b.id);
  const server = await startServer(a.dir, { csp: cspHeader() });
  const log = await watchPage(page);

  await page.goto(`${server.origin}/#weight=70`);
  await expect(page.locator("#weight")).toHaveValue("70");
  expect(await waitForOffline(page)).toEqual({ state: "activated", caches: [`ketamine-calculator-${a.id}`] });
  expect(await pageBuildId(page)).toBe(a.id);
  expect(await pageVariant(page)).toBe('"a"');
  await expect(page.locator(".build-id")).toHaveText(a.id);
  await expect(page.locator(".update-banner")).toHaveCount(0);

  // Deploy build b. The next load still shows a, whole, and the banner offers b.
  server.setRoot(b.dir);
  const requestsBefore = server.requests.length;
  await page.reload();
  // The page asks for a new sw.js at start; installing b means downloading all of b first.
  await expect(page.locator(".update-banner")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".update-banner")).toContainText("A new version of the calculator is ready");
  expect(await pageBuildId(page)).toBe(a.id);
  expect(await pageVariant(page)).toBe('"a"');
  await expect(page.locator("#weight")).toHaveValue("70");
  // The waiting worker downloaded b's files; nothing of a was asked of the server (it would 404).
  const asked = server.requests.slice(requestsBefore);
  expect(asked).toContain(`/${b.css}`);
  expect(asked).not.toContain(`/${a.css}`);

  // The banner meets WCAG 2.x A and AA, in light and dark mode.
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page })
      .include(".update-status")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
      .analyze();
    expect(axe.violations, colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });

  // Another load while b waits: still a, with the banner again.
  await page.reload();
  expect(await pageBuildId(page)).toBe(a.id);
  expect(await pageVariant(page)).toBe('"a"');
  await expect(page.locator(".update-banner")).toBeVisible();

  // A second tab of the same app, also on a.
  const other = await context.newPage();
  const otherLog = await watchPage(other);
  await other.goto(`${server.origin}/#weight=60`);
  await expect(other.locator(".update-banner")).toBeVisible();
  expect(await pageBuildId(other)).toBe(a.id);
  await other.evaluate(() => (window.__sameDocument = true));

  // Accept: one reload, into b, with the entries kept and a's cache gone.
  const navigated = page.waitForEvent("framenavigated");
  await page.getByRole("button", { name: "Reload to update" }).click();
  await navigated;
  await expect(page.locator(".build-id")).toHaveText(b.id);
  expect(await pageBuildId(page)).toBe(b.id);
  expect(await pageVariant(page)).toBe('"b"');
  await expect(page.locator("#weight")).toHaveValue("70");
  await expect(page.locator(".update-banner")).toHaveCount(0);
  expect(await waitForOffline(page)).toEqual({ state: "activated", caches: [`ketamine-calculator-${b.id}`] });
  // Every stylesheet and script the page runs is b's.
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname),
  );
  expect(loaded).toContain(`/${b.css}`);
  expect(loaded).not.toContain(`/${a.css}`);

  // The other tab is told, and offered a reload, but not reloaded under its user.
  await expect(other.locator(".update-banner")).toContainText("started in another tab");
  expect(await other.evaluate(() => window.__sameDocument)).toBe(true);
  expect(await pageBuildId(other)).toBe(a.id);
  await expect(other.locator("#weight")).toHaveValue("60");
  await other.getByRole("button", { name: "Reload", exact: true }).click();
  await expect(other.locator(".build-id")).toHaveText(b.id);
  expect(await pageVariant(other)).toBe('"b"');
  await expect(other.locator("#weight")).toHaveValue("60");
  expect(otherLog.errors).toEqual([]);
  expect(await cspViolations(other)).toEqual([]);

  await server.close();
  expect(foreignRequests(log, [server.origin])).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("Chromium finds the app installable: manifest, icons, service worker", async ({}, testInfo) => {
  const server = await startServer(DIST, { csp: cspHeader() });
  // A persistent profile: Chromium never offers to install from an incognito-like context.
  const profile = await mkdtemp(join(tmpdir(), "ketamine-profile-"));
  const context = await chromium.launchPersistentContext(profile, testInfo.project.use.launchOptions);
  const page = context.pages()[0] ?? (await context.newPage());
  const log = await watchPage(page);
  await page.goto(`${server.origin}/`);
  await waitForOffline(page);

  const manifest = await (await page.request.get(`${server.origin}/manifest.webmanifest`)).json();
  expect(manifest).toMatchObject({
    id: "./",
    name: "Ketamine dosing calculator",
    short_name: "Ketamine calc",
    start_url: "./",
    scope: "./",
    display: "standalone",
    theme_color: "#0b5d6b",
    background_color: "#f6f7f9",
  });
  for (const icon of manifest.icons) {
    const response = await page.request.get(`${server.origin}/${icon.src}`);
    expect(response.headers()["content-type"]).toBe("image/png");
    const png = await response.body();
    // PNG signature, then the IHDR chunk's width and height.
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const size = `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
    expect(size, icon.src).toBe(icon.sizes);
  }
  const purposes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  expect(purposes).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));

  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);
  const { errors } = await cdp.send("Page.getAppManifest");
  expect(errors).toEqual([]);

  expect(foreignRequests(log, [server.origin])).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(log.errors).toEqual([]);
  await context.close();
  await rm(profile, { recursive: true, force: true });
  await server.close();
});
