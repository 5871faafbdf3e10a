// The embed contract (docs/embed-api-v1.md, docs/hospital-web-teams.md), in real
// Chromium with real origins: the calculator (dist/) on one port, the example host page
// (examples/host/) on another, and a plain page on a third, each a different origin.

import { readFileSync } from "node:fs";
import { test, expect } from "@playwright/test";
import {
  DIST,
  HOST_EXAMPLE,
  cspHeader,
  cspViolations,
  foreignRequests,
  startServer,
  watchPage,
} from "./pwa-helpers.mjs";

const EXAMPLE_PROFILE = JSON.parse(readFileSync(new URL("../examples/profile.json", import.meta.url), "utf8"));
const GUIDELINE_STATUS = "Limits: the guideline's. No institution profile is in use.";
const REJECTED_HEADING = "Institution profile not used: the guideline's limits apply";

// Several page loads and service-worker installs per test: more than the default 30 s on a busy
// two-core machine.
test.describe.configure({ timeout: 120_000 });

let app, host, other;

test.beforeAll(async () => {
  host = await startServer(HOST_EXAMPLE);
  other = await startServer(HOST_EXAMPLE, { pages: { "/blank.html": `<!DOCTYPE html><link rel="icon" href="data:,"><title>other origin</title>` } });
  // The calculator as docs/hospital-web-teams.md tells hospitals to serve it: CSP header, framing allowed to listed hosts.
  app = await startServer(DIST, { csp: cspHeader([host.origin, other.origin]) });
});

test.afterAll(async () => {
  await Promise.all([app, host, other].map((s) => s?.close()));
});

/** Every request stayed on these origins, the CSP was never violated and nothing failed. */
async function expectCleanRun(page, log, origins) {
  expect(foreignRequests(log, origins)).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(log.errors).toEqual([]);
}

/**
 * Opens the example host page with the calculator, counting the messages the calculator's frame
 * receives, and adds a second, empty frame of the host's origin (right origin, wrong window).
 */
async function hostWithSibling(page) {
  await page.goto(`${host.origin}/?calculator=${encodeURIComponent(`${app.origin}/`)}`);
  const frame = page.frameLocator("#calculator-slot iframe");
  await expect(page.locator("#result-status")).toHaveText("ok");
  const calculator = page.frames().find((f) => f.url().startsWith(app.origin));
  await countFrameMessages(calculator);
  await page.evaluate(() => document.body.append(document.createElement("iframe")));
  const sibling = page.frames().find((f) => f.url() === "about:blank");
  return { frame, calculator, sibling };
}

/** Records, in the top page only, every message it receives. */
async function recordMessages(page) {
  await page.addInitScript(() => {
    if (window !== window.top) return;
    window.__messages = [];
    window.addEventListener("message", (event) => {
      window.__messages.push({ origin: event.origin, data: event.data });
    });
  });
}

/** Records, in every frame (not the top page), every message it receives. */
async function recordFrameMessages(page) {
  await page.addInitScript(() => {
    if (window === window.top) return;
    window.__messages = [];
    window.addEventListener("message", (event) => {
      window.__messages.push({ origin: event.origin, data: event.data });
    });
  });
}

const messages = (page, type) =>
  page.evaluate((t) => window.__messages.filter((m) => !t || m.data?.type === t), type);

/** Opens the plain page on `other` with the calculator in an iframe at this fragment. */
async function frameOnOtherOrigin(page, fragment) {
  await page.goto(`${other.origin}/blank.html`);
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.style.width = "800px";
    frame.style.height = "600px";
    document.body.append(frame);
  }, `${app.origin}/#${fragment}`);
  const frame = page.frameLocator("iframe");
  await expect(frame.locator("#weight")).toBeEditable();
  return frame;
}

/**
 * Resolves once every message the frame posted before now has reached the top page: a probe
 * posted by the frame afterwards arrives after them (messages from one window keep their order).
 */
async function drainMessages(page) {
  const child = page.frames().find((f) => f !== page.mainFrame());
  await child.evaluate(() => window.parent.postMessage("probe", "*"));
  await expect.poll(() => page.evaluate(() => window.__messages.some((m) => m.data === "probe"))).toBe(true);
}

/** Resolves once the calculator frame has dispatched every message posted to it before now. */
async function countFrameMessages(frame) {
  await frame.evaluate(() => {
    window.__received = 0;
    window.addEventListener("message", () => (window.__received += 1));
  });
}

test("the example host page embeds the calculator and receives its result", async ({ page }) => {
  const log = await watchPage(page);
  await recordMessages(page);
  await page.goto(`${host.origin}/?calculator=${encodeURIComponent(`${app.origin}/`)}`);

  // The host's form starts at 70 kg, iv; the fragment carries them into the frame.
  await expect(page.locator("#result-status")).toHaveText("ok");
  await expect(page.locator("#result-bolus")).toContainText("24.5");
  const [first] = await messages(page, "ketamine-calculator/result");
  expect(first.origin).toBe(app.origin);
  expect(first.data.version).toBe(1);
  const result = first.data.result;
  expect(result.status).toBe("ok");
  expect(result.errors).toEqual([]);
  expect(result.route).toBe("iv");
  expect(result.dosing_weight_kg).toBe(70);
  expect(result.bolus_range_mg.max).toBe(24.5);
  for (const key of ["infusion_range_mg_per_h", "plan", "targets", "monitoring_tier", "alerts", "pre_infusion_tests", "response", "versions"]) {
    expect(result, key).toHaveProperty(key);
  }

  // The frame reports its height, and the host sizes the iframe to it.
  await expect.poll(async () => (await messages(page, "ketamine-calculator/height")).length).toBeGreaterThan(0);
  const lastHeight = async () => (await messages(page, "ketamine-calculator/height")).at(-1).data;
  expect(await lastHeight()).toMatchObject({ type: "ketamine-calculator/height", version: 1 });
  expect((await lastHeight()).height).toBeGreaterThan(100);
  await expect
    .poll(async () => (await page.locator("iframe").getAttribute("style")) === `height: ${(await lastHeight()).height}px;`)
    .toBe(true);

  // Compact layout inside the frame.
  const frame = page.frameLocator("iframe");
  await expect(frame.locator("html")).toHaveClass(/\bembed\b/);
  await expect(frame.locator("#weight")).toHaveValue("70");

  // A prefill message from the host replaces the entries; a new result follows.
  await page.locator("#host-weight").fill("80");
  await page.getByRole("button", { name: "Send prefill message" }).click();
  await expect(frame.locator("#weight")).toHaveValue("80");
  await expect(page.locator("#result-bolus")).toContainText("28");
  const latest = (await messages(page, "ketamine-calculator/result")).at(-1).data.result;
  expect(latest.dosing_weight_kg).toBe(80);
  expect(latest.bolus_range_mg.max).toBe(28);

  // Every message came from the calculator's origin; every request went to one of the two.
  expect(new Set((await messages(page)).map((m) => m.origin))).toEqual(new Set([app.origin]));
  await expectCleanRun(page, log, [host.origin, app.origin]);
});

test("prefill messages from another origin, or not from the parent window, are ignored", async ({ page }) => {
  const log = await watchPage(page);
  await recordMessages(page);

  // 1. The frame was told its parent is `host`, but it is embedded by `other`: `other`'s
  //    prefill is ignored, and no result reaches `other` (the browser drops messages addressed
  //    to another origin).
  const lied = await frameOnOtherOrigin(page, `embed=1&parent_origin=${encodeURIComponent(host.origin)}&weight=70`);
  await expect(lied.locator("main")).toContainText("24.5 mg");
  const child = page.frames().find((f) => f !== page.mainFrame());
  await countFrameMessages(child);
  await page.evaluate(() =>
    document.querySelector("iframe").contentWindow.postMessage(
      { type: "ketamine-calculator/prefill", version: 1, values: { weight: "80" } },
      "*",
    ),
  );
  await expect.poll(() => child.evaluate(() => window.__received)).toBe(1);
  await expect(lied.locator("#weight")).toHaveValue("70");
  await drainMessages(page);
  expect(await messages(page, "ketamine-calculator/result")).toEqual([]);

  // 2. The example host page, with a second window of its own origin (a sibling frame): right
  //    origin, wrong source. Ignored. Then the host itself sends one: applied.
  const { frame, calculator, sibling } = await hostWithSibling(page);
  // Evaluated in the sibling's realm, so the message's source is the sibling window.
  await sibling.evaluate((appOrigin) => {
    const calculatorWindow = window.parent.document.querySelector("iframe").contentWindow;
    calculatorWindow.postMessage({ type: "ketamine-calculator/prefill", version: 1, values: { weight: "90" } }, appOrigin);
  }, app.origin);
  await expect.poll(() => calculator.evaluate(() => window.__received)).toBe(1);
  await expect(frame.locator("#weight")).toHaveValue("70");

  // Malformed messages from the right window are ignored too.
  await page.evaluate((appOrigin) => {
    const w = document.querySelector("iframe").contentWindow;
    w.postMessage({ type: "ketamine-calculator/prefill", version: 2, values: { weight: "91" } }, appOrigin);
    w.postMessage({ type: "ketamine-calculator/prefill", values: { weight: "92" } }, appOrigin);
    w.postMessage({ type: "other", version: 1, values: { weight: "93" } }, appOrigin);
    w.postMessage("weight=94", appOrigin);
  }, app.origin);
  await expect.poll(() => calculator.evaluate(() => window.__received)).toBe(5);
  await expect(frame.locator("#weight")).toHaveValue("70");

  // A prefill cannot redirect the results: parent_origin in it is ignored.
  await page.evaluate((appOrigin) => {
    document.querySelector("iframe").contentWindow.postMessage(
      { type: "ketamine-calculator/prefill", version: 1, values: { weight: 75, parent_origin: "https://evil.example" } },
      appOrigin,
    );
  }, app.origin);
  await expect(frame.locator("#weight")).toHaveValue("75");
  await expect(page.locator("#result-bolus")).toContainText("26.25");
  const latest = (await messages(page, "ketamine-calculator/result")).at(-1);
  expect(latest.origin).toBe(app.origin);
  expect(latest.data.result.bolus_range_mg.max).toBe(26.25);

  await expectCleanRun(page, log, [host.origin, other.origin, app.origin]);
});

test("nothing is posted without a valid parent_origin", async ({ page }) => {
  const log = await watchPage(page);
  await recordMessages(page);
  const invalid = [
    null, // absent
    "*",
    "null",
    `${other.origin}/`, // trailing slash: not a plain origin
    `${other.origin}/page`,
    `ftp://127.0.0.1`,
    other.origin.toUpperCase(),
    "javascript:alert(1)",
  ];
  for (const origin of invalid) {
    const fragment = `embed=1&weight=70${origin === null ? "" : `&parent_origin=${encodeURIComponent(origin)}`}`;
    const frame = await frameOnOtherOrigin(page, fragment);
    await expect(frame.locator("main")).toContainText("24.5 mg");
    // A change of input: a result would be posted now if any were.
    await frame.locator("#weight").fill("80");
    await expect(frame.locator("main")).toContainText("28 mg");
    await drainMessages(page);
    const received = (await messages(page)).filter((m) => m.data !== "probe");
    expect(received, `parent_origin=${origin}`).toEqual([]);
  }

  // Control: the same page with a valid parent_origin does receive results and heights.
  const frame = await frameOnOtherOrigin(page, `embed=1&weight=70&parent_origin=${encodeURIComponent(other.origin)}`);
  await expect(frame.locator("main")).toContainText("24.5 mg");
  await drainMessages(page);
  const received = await messages(page, "ketamine-calculator/result");
  expect(received.length).toBeGreaterThan(0);
  expect(received.at(-1).data.result.bolus_range_mg.max).toBe(24.5);

  await expectCleanRun(page, log, [other.origin, app.origin]);
});

test("without embed=1 the page keeps its full layout and posts nothing", async ({ page }) => {
  const log = await watchPage(page);
  await recordMessages(page);
  const frame = await frameOnOtherOrigin(page, `weight=70&parent_origin=${encodeURIComponent(other.origin)}`);
  await expect(frame.locator("main")).toContainText("24.5 mg");
  await expect(frame.locator("html")).not.toHaveClass(/\bembed\b/);
  await drainMessages(page);
  expect((await messages(page)).filter((m) => m.data !== "probe")).toEqual([]);
  expect(log.errors).toEqual([]);
});

// ---- Institution profiles sent by the host page (src/profile.rs, src/embed.rs) ----

test("the example host page sends an institution profile; the calculator applies it and reports it", async ({ page }) => {
  const log = await watchPage(page);
  await recordMessages(page);
  await recordFrameMessages(page);
  await page.goto(`${host.origin}/?calculator=${encodeURIComponent(`${app.origin}/`)}`);
  const frame = page.frameLocator("iframe");
  const calculator = () => page.frames().find((f) => f.url().startsWith(app.origin));
  const latest = async () => (await messages(page, "ketamine-calculator/result")).at(-1).data;

  // Before: the guideline's limits, and the result says so.
  await expect(page.locator("#result-status")).toHaveText("ok");
  await expect(page.locator("#result-profile")).toHaveText("the guideline's (no institution profile)");
  await expect(frame.locator("#profile-status")).toHaveText(GUIDELINE_STATUS);
  const [first] = await messages(page, "ketamine-calculator/result");
  expect(first.data.profile_status).toEqual({ state: "guideline", from: null, errors: [] });
  expect(first.data.result.profile).toBeNull();
  expect(first.data.result.bolus_range_mg.max).toBe(24.5);

  // The host sends examples/profile.json: the frame shows it, and the result carries it.
  await page.getByRole("button", { name: "Send institution profile" }).click();
  const from = `the host page (${host.origin})`;
  await expect(frame.locator("#profile-status")).toContainText("Institution profile: Example General Hospital");
  await expect(frame.locator("#profile-status")).toContainText(
    `Version 2026-1, review date 2027-06-30, approved by Pharmacy and Therapeutics Committee. Loaded from ${from}.`,
  );
  await expect(page.locator("#result-bolus")).toHaveText("0 to 17.5");
  await expect(page.locator("#result-profile")).toHaveText(
    `Example General Hospital, version 2026-1, review date 2027-06-30 (institution profile from ${from})`,
  );
  const active = await latest();
  expect(active.profile_status).toEqual({ state: "active", from, errors: [] });
  expect(active.result.profile).toEqual({
    institution: "Example General Hospital",
    profile_version: "2026-1",
    review_date: "2027-06-30",
    approved_by: "Pharmacy and Therapeutics Committee",
  });
  expect(active.result.bolus_range_mg.max).toBe(17.5);
  // What the host sent is examples/profile.json (host.js keeps a copy), from the host's origin.
  const sent = await calculator().evaluate(() =>
    window.__messages.filter((m) => m.data?.type === "ketamine-calculator/profile"),
  );
  expect(sent).toHaveLength(1);
  expect(sent[0].origin).toBe(host.origin);
  expect(sent[0].data).toEqual({ type: "ketamine-calculator/profile", version: 1, profile: EXAMPLE_PROFILE });

  // A prefill keeps the profile: 80 kg x 0.25 mg/kg.
  await page.locator("#host-weight").fill("80");
  await page.getByRole("button", { name: "Send prefill message" }).click();
  await expect(page.locator("#result-bolus")).toHaveText("0 to 20");
  expect((await latest()).profile_status.state).toBe("active");

  // A profile that crosses a bound: rejected whole, key named, the guideline's limits again.
  const loose = structuredClone(EXAMPLE_PROFILE);
  loose.limits.iv_bolus_mg_per_kg.soft = 0.5;
  await page.locator("#host-profile").fill(JSON.stringify(loose, null, 2));
  await page.getByRole("button", { name: "Send institution profile" }).click();
  await expect(frame.locator("#profile-status").getByRole("heading")).toHaveText(REJECTED_HEADING);
  await expect(frame.locator("#profile-status li")).toContainText("limits.iv_bolus_mg_per_kg.soft: 0.5 is outside 0 to 0.35");
  await expect(page.locator("#result-bolus")).toHaveText("0 to 28");
  await expect(page.locator("#result-profile")).toContainText(
    `the guideline's: the profile from ${from} was rejected: limits.iv_bolus_mg_per_kg.soft: 0.5 is outside 0 to 0.35`,
  );
  const rejected = await latest();
  expect(rejected.profile_status.state).toBe("rejected");
  expect(rejected.profile_status.from).toBe(from);
  expect(rejected.profile_status.errors.map((e) => e.key)).toEqual(["limits.iv_bolus_mg_per_kg.soft"]);
  expect(rejected.result.profile).toBeNull();
  expect(rejected.result.bolus_range_mg.max).toBe(28);

  // Text that is not JSON is not sent at all: the host page says so.
  await page.locator("#host-profile").fill("{");
  await page.getByRole("button", { name: "Send institution profile" }).click();
  await expect(page.locator("#profile-form-error")).toContainText("Not sent: the profile is not valid JSON");

  expect(new Set((await messages(page)).map((m) => m.origin))).toEqual(new Set([app.origin]));
  await expectCleanRun(page, log, [host.origin, app.origin]);
});

test("a profile message from another origin or another window is ignored", async ({ page }) => {
  const log = await watchPage(page);
  await recordMessages(page);
  const profileMessage = (version = 1) => ({ type: "ketamine-calculator/profile", version, profile: EXAMPLE_PROFILE });

  // 1. Told its parent is `host`, embedded by `other`: `other`'s profile is ignored.
  const lied = await frameOnOtherOrigin(page, `embed=1&parent_origin=${encodeURIComponent(host.origin)}&weight=70`);
  await expect(lied.locator("#profile-status")).toHaveText(GUIDELINE_STATUS);
  const child = page.frames().find((f) => f !== page.mainFrame());
  await countFrameMessages(child);
  await page.evaluate((message) => document.querySelector("iframe").contentWindow.postMessage(message, "*"), profileMessage());
  await expect.poll(() => child.evaluate(() => window.__received)).toBe(1);
  await expect(lied.locator("#profile-status")).toHaveText(GUIDELINE_STATUS);
  await expect(lied.locator("#bolus-range")).toHaveText("up to 24.5 mg");

  // 2. The host page: a sibling frame of the host's origin (right origin, wrong window), then
  //    malformed messages from the host itself; all ignored. Then the host's own: applied.
  const { frame, calculator, sibling } = await hostWithSibling(page);
  await sibling.evaluate(({ appOrigin, message }) => {
    window.parent.document.querySelector("iframe").contentWindow.postMessage(message, appOrigin);
  }, { appOrigin: app.origin, message: profileMessage() });
  await expect.poll(() => calculator.evaluate(() => window.__received)).toBe(1);
  await page.evaluate(({ appOrigin, good, wrongVersion }) => {
    const w = document.querySelector("iframe").contentWindow;
    w.postMessage(wrongVersion, appOrigin);
    w.postMessage({ type: good.type, profile: good.profile }, appOrigin); // no version
    w.postMessage({ type: "ketamine-calculator/prefill", version: 1, profile: good.profile }, appOrigin);
    w.postMessage(JSON.stringify(good), appOrigin); // text, not an object
  }, { appOrigin: app.origin, good: profileMessage(), wrongVersion: profileMessage(2) });
  await expect.poll(() => calculator.evaluate(() => window.__received)).toBe(5);
  await expect(frame.locator("#profile-status")).toHaveText(GUIDELINE_STATUS);
  await expect(page.locator("#result-profile")).toHaveText("the guideline's (no institution profile)");
  await expect(page.locator("#result-bolus")).toHaveText("0 to 24.5");

  // Control: the same message from the host window is applied.
  await page.evaluate(({ appOrigin, message }) => {
    document.querySelector("iframe").contentWindow.postMessage(message, appOrigin);
  }, { appOrigin: app.origin, message: profileMessage() });
  await expect(frame.locator("#profile-status")).toContainText("Institution profile: Example General Hospital");
  await expect(page.locator("#result-bolus")).toHaveText("0 to 17.5");

  await expectCleanRun(page, log, [host.origin, other.origin, app.origin]);
});

test("with profile=message the host page sends its profile once the calculator asks; nothing is calculated before", async ({ page }) => {
  const log = await watchPage(page);
  await recordMessages(page);
  await page.goto(`${host.origin}/?profile=message&calculator=${encodeURIComponent(`${app.origin}/`)}`);
  const frame = page.frameLocator("iframe");
  await expect(frame.locator("#profile-status")).toContainText("Institution profile: Example General Hospital");
  await expect(page.locator("#result-bolus")).toHaveText("0 to 17.5");

  const results = (await messages(page, "ketamine-calculator/result")).map((m) => m.data);
  const firstActive = results.findIndex((m) => m.profile_status.state === "active");
  // The calculator's first word was that it waits, and it gave no figure while it waited.
  expect(firstActive).toBeGreaterThan(0);
  expect(results[0].profile_status).toEqual({ state: "loading", from: "the host page", errors: [] });
  for (const waiting of results.slice(0, firstActive)) {
    expect(waiting.profile_status.state).toBe("loading");
    expect(waiting.result.status).toBe("invalid");
    expect(waiting.result.bolus_range_mg).toBeNull();
    expect(waiting.result.errors.map((e) => e.field)).toEqual(["profile"]);
  }
  expect(results[firstActive].result.bolus_range_mg.max).toBe(17.5);
  expect(results.slice(firstActive).every((m) => m.profile_status.state === "active")).toBe(true);

  await expectCleanRun(page, log, [host.origin, app.origin]);
});

test("with profile=message and no profile sent, the calculator waits 10 s, then falls back to the guideline", async ({ page }) => {
  const log = await watchPage(page);
  await recordMessages(page);
  const frame = await frameOnOtherOrigin(page, `embed=1&parent_origin=${encodeURIComponent(other.origin)}&weight=70&profile=message`);
  await expect(frame.locator("#profile-status")).toHaveText("Loading the institution profile from the host page…");
  await expect(frame.locator(".alerts")).toContainText(
    "Institution profile: waiting for the profile from the host page; nothing is calculated until it is read.",
  );
  await expect(frame.locator("#bolus-range")).toHaveText("");
  const waiting = (await messages(page, "ketamine-calculator/result")).at(-1).data;
  expect(waiting.profile_status).toEqual({ state: "loading", from: "the host page", errors: [] });
  expect(waiting.result.bolus_range_mg).toBeNull();

  // Still waiting well into the 10 s.
  await page.waitForTimeout(5_000);
  await expect(frame.locator("#profile-status")).toHaveText("Loading the institution profile from the host page…");

  await expect(frame.locator("#profile-status").getByRole("heading")).toHaveText(REJECTED_HEADING, { timeout: 10_000 });
  await expect(frame.locator("#profile-status li")).toHaveText("profile: nothing arrived from the host page within 10 s");
  await expect(frame.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  const fellBack = (await messages(page, "ketamine-calculator/result")).at(-1).data;
  expect(fellBack.profile_status).toEqual({
    state: "rejected",
    from: "the host page",
    errors: [{ key: "profile", message: "profile: nothing arrived from the host page within 10 s" }],
  });
  expect(fellBack.result.bolus_range_mg.max).toBe(24.5);

  // A profile the host sends later still applies.
  await page.evaluate(
    ({ appOrigin, profile }) =>
      document.querySelector("iframe").contentWindow.postMessage({ type: "ketamine-calculator/profile", version: 1, profile }, appOrigin),
    { appOrigin: app.origin, profile: EXAMPLE_PROFILE },
  );
  await expect(frame.locator("#profile-status")).toContainText("Institution profile: Example General Hospital");
  await expect(frame.locator("#bolus-range")).toHaveText("up to 17.5 mg");
  expect(foreignRequests(log, [other.origin, app.origin])).toEqual([]);
  expect(log.errors).toEqual([]);
});
