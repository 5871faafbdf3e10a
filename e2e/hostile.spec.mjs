// Hostile and malformed messages to the embed listener (src/embed.rs), in real Chromium with real
// origins: the calculator (dist/), the example host page (examples/host/) and a page of another
// origin. Every message here is wrong in at least one way known in advance, so none may be
// applied: from the host page (right origin, right window) each gets exactly one
// `ketamine-calculator/rejected` reply naming what was wrong; from a sibling frame of the host's
// origin (wrong window) or from a page of another origin, nothing at all. Afterwards the
// calculator still calculates.
//
// The messages are made in the browser (structured clone carries NaN, undefined, dates, typed
// arrays and own "__proto__" keys, which Playwright's arguments would not), by a seeded generator:
// a failure names its seed and index, and the same seed makes the same messages.

import { test, expect } from "@playwright/test";
import { DIST, HOST_EXAMPLE, cspHeader, cspViolations, foreignRequests, startServer, watchPage } from "./pwa-helpers.mjs";

test.describe.configure({ timeout: 180_000 });

const SEED = Number(process.env.HOSTILE_SEED ?? 20261127);
const RANDOM_MESSAGES = 400;
const GUIDELINE_STATUS = "Limits: the guideline's. No institution profile is in use.";

/**
 * Runs in the browser: returns [{ message, expect }] where `expect` is the key the rejection must
 * name first ("message", "type", "version", "values", "values.<key>" or "profile").
 * Self-contained (it is sent to the page as text).
 */
function hostileMessages(seed, count) {
  let state = seed >>> 0;
  const rand = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const PREFILL = "ketamine-calculator/prefill";
  const PROFILE = "ketamine-calculator/profile";
  // Contract keys a prefill may set (not the frame keys embed, parent_origin, profile).
  const FIELDS = ["weight", "weight_unit", "height", "sex", "age", "route", "protocol", "bolus", "rate", "rate_unit", "duration_min", "conc", "risk", "pain_before", "pain_after"];
  const KEYS = [...FIELDS, "embed", "parent_origin", "profile", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "type", "version", "values", "", "x".repeat(100)];
  // Own properties, even "__proto__" (an assignment would set the prototype instead).
  const put = (object, key, value) =>
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  const primitive = () =>
    pick([
      null, undefined, true, false, 0, -0, 1, 70, -70, 1e308, 5e-324, 2 ** 53 + 1, NaN, Infinity, -Infinity,
      "", " ", "70", "1e3", "0x46", "NaN", "70 kg", "<img src=x onerror=alert(1)>", "\u0000", "\ud800", "😀".repeat(9),
      PREFILL, PROFILE, "ketamine-calculator/result", "ketamine-calculator/rejected",
    ]);
  const junk = (depth = 0) => {
    const roll = Math.floor(rand() * (depth > 3 ? 3 : 6));
    if (roll <= 1) return primitive();
    if (roll === 2) return pick([new Date(0), new Uint8Array(3), new Map([["weight", 80]]), new Set([80]), /weight/]);
    if (roll === 3) return Array.from({ length: Math.floor(rand() * 4) }, () => junk(depth + 1));
    const object = {};
    for (let i = Math.floor(rand() * 5); i > 0; i -= 1) put(object, pick(KEYS), junk(depth + 1));
    return object;
  };
  // Not a plain object ({} made by structured clone or JSON.parse).
  const notRecord = () => pick([null, undefined, 0, 70, "weight=80", true, [], [{ weight: 80 }], new Date(0), new Uint8Array(8), new Map([["weight", 80]])]);
  const badType = () => pick([undefined, null, 7, true, [PREFILL], { type: PREFILL }, "", "prefill", "KETAMINE-CALCULATOR/PREFILL", `${PREFILL} `, "ketamine-calculator/result", "ketamine-calculator/error", "x".repeat(65)]);
  const badVersion = () => pick([undefined, null, "1", " 1", 2, 0, -1, 1.5, 1 + 1e-9, NaN, Infinity, [1], { version: 1 }, true]);
  const badValue = () => pick([true, false, {}, { value: 80 }, [], [80], NaN, Infinity, -Infinity, new Date(0), new Uint8Array(2), "7".repeat(257)]);
  const nest = (levels, leaf) => (levels === 0 ? leaf : { a: nest(levels - 1, leaf) });
  const badProfile = () =>
    pick([
      () => notRecord(),
      () => nest(40, 1),
      () => ({ list: new Array(20_001).fill(0) }),
      () => ({ sparse: Object.assign([], { length: 4_000_000_000 }) }),
      () => ({ text: "x".repeat(70_000) }),
      () => ({ limits: new Float64Array(4) }),
      () => ({ review_date: new Date(0) }),
    ])();
  const object = (entries) => {
    const out = {};
    for (const [key, value] of entries) put(out, key, value);
    // Noise beside the defect: own prototype-looking keys and other junk.
    for (let i = Math.floor(rand() * 3); i > 0; i -= 1) {
      const key = pick(["__proto__", "constructor", "prototype", "toString", "x".repeat(100)]);
      if (!Object.hasOwn(out, key)) put(out, key, junk(1));
    }
    return out;
  };

  const kinds = [
    () => ({ message: notRecord(), expect: "message" }),
    () => ({ message: object([["type", badType()], ["version", 1], ["values", { weight: "80" }]]), expect: "type" }),
    () => ({ message: object([["type", pick([PREFILL, PROFILE])], ["version", badVersion()], ["values", { weight: "80" }]]), expect: "version" }),
    () => ({ message: object([["type", PREFILL], ["version", 1], ["values", notRecord()]]), expect: "values" }),
    () => {
      const key = pick(FIELDS);
      const values = {};
      for (let i = Math.floor(rand() * 4); i > 0; i -= 1) put(values, pick(KEYS), junk(1));
      put(values, key, badValue());
      return { message: object([["type", PREFILL], ["version", 1], ["values", values]]), expect: `values.${key}` };
    },
    () => ({ message: object([["type", PROFILE], ["version", 1], ["profile", badProfile()]]), expect: "profile" }),
  ];
  const out = [];
  for (let i = 0; i < count; i += 1) out.push(pick(kinds)());
  // And the huge ones, each once: they must be refused by their size, and fast.
  out.push({ message: { type: "y".repeat(5_000_000), version: 1 }, expect: "type" });
  out.push({ message: { type: PREFILL, version: 1, values: { weight: "7".repeat(5_000_000) } }, expect: "values.weight" });
  const manyKeys = {};
  for (let i = 0; i < 200_000; i += 1) manyKeys[`k${i}`] = i;
  out.push({ message: { type: PREFILL, version: 1, values: manyKeys }, expect: "values" });
  out.push({ message: { type: PROFILE, version: 1, profile: manyKeys }, expect: "profile" });
  out.push({ message: { type: PROFILE, version: 1, profile: nest(1_000, "deep") }, expect: "profile" });
  out.push({ message: { type: PROFILE, version: 1, profile: { list: new Array(2_000_000).fill("x") } }, expect: "profile" });
  out.push({ message: JSON.parse('{"type":"ketamine-calculator/prefill","version":1,"values":{"__proto__":{"weight":"80"},"weight":true}}'), expect: "values.weight" });
  return out;
}

/** Makes the messages in `sender` (a page or frame) and posts each, in order, to `target`. */
async function postAll(sender, { targetSelector, targetOrigin }) {
  return sender.evaluate(
    ({ source, seed, count, targetSelector, targetOrigin }) => {
      const make = new Function(`return (${source})`)();
      const target = (window.parent === window ? document : window.parent.document).querySelector(targetSelector).contentWindow;
      const all = make(seed, count);
      for (const { message } of all) target.postMessage(message, targetOrigin);
      return all.map((m) => m.expect);
    },
    { source: hostileMessages.toString(), seed: SEED, count: RANDOM_MESSAGES, targetSelector, targetOrigin },
  );
}

let app, host, other;

test.beforeAll(async () => {
  host = await startServer(HOST_EXAMPLE);
  other = await startServer(HOST_EXAMPLE, {
    pages: { "/blank.html": `<!DOCTYPE html><link rel="icon" href="data:,"><title>other origin</title>` },
  });
  app = await startServer(DIST, { csp: cspHeader([host.origin, other.origin]) });
});

test.afterAll(async () => {
  await Promise.all([app, host, other].map((s) => s?.close()));
});

/** Counts, in the calculator frame, every message it has been handed. */
const countReceived = (frame) =>
  frame.evaluate(() => {
    window.__received = 0;
    window.addEventListener("message", () => (window.__received += 1));
  });

test(`malformed messages from the host are answered one by one and change nothing (seed ${SEED})`, async ({ page }) => {
  const log = await watchPage(page);
  await page.addInitScript(() => {
    if (window !== window.top) return;
    window.__messages = [];
    window.addEventListener("message", (event) => window.__messages.push({ origin: event.origin, data: event.data }));
  });
  await page.goto(`${host.origin}/?calculator=${encodeURIComponent(`${app.origin}/`)}`);
  const frame = page.frameLocator("#calculator-slot iframe");
  await expect(page.locator("#result-status")).toHaveText("ok");
  await expect(frame.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  const calculator = page.frames().find((f) => f.url().startsWith(app.origin));
  await countReceived(calculator);
  await page.evaluate(() => document.body.append(document.createElement("iframe")));
  const sibling = page.frames().find((f) => f.url() === "about:blank");
  const messageCount = () => page.evaluate(() => window.__messages.length);
  const drain = async () => {
    await calculator.evaluate(() => window.parent.postMessage("probe", "*"));
    await expect.poll(() => page.evaluate(() => window.__messages.some((m) => m.data === "probe"))).toBe(true);
    await page.evaluate(() => (window.__messages = window.__messages.filter((m) => m.data !== "probe")));
  };
  const unchanged = async (after) => {
    await expect(frame.locator("#weight"), after).toHaveValue("70");
    await expect(frame.locator("#bolus-range"), after).toHaveText("up to 24.5 mg");
    await expect(frame.locator("#profile-status"), after).toHaveText(GUIDELINE_STATUS);
    await expect(page.locator("#result-bolus"), after).toHaveText("0 to 24.5");
  };

  // 1. From a sibling frame of the host's origin: right origin, wrong window. No answer at all.
  await drain();
  const before = await messageCount();
  const expected = await postAll(sibling, { targetSelector: "#calculator-slot iframe", targetOrigin: app.origin });
  await expect.poll(() => calculator.evaluate(() => window.__received), { timeout: 60_000 }).toBe(expected.length);
  await drain();
  expect(await messageCount(), "messages posted to the host after the sibling's").toBe(before);
  await unchanged("after the sibling's messages");

  // 2. From the host page itself: one rejection each, in order, naming what was wrong.
  const sent = await postAll(page, { targetSelector: "#calculator-slot iframe", targetOrigin: app.origin });
  expect(sent).toEqual(expected);
  // Every kind of defect is among them.
  expect(new Set(sent.map((key) => key.split(".")[0]))).toEqual(new Set(["message", "type", "version", "values", "profile"]));
  expect(sent.filter((key) => key.startsWith("values.")).length).toBeGreaterThan(20);
  const replies = () =>
    page.evaluate(() => window.__messages.filter((m) => m.data?.type === "ketamine-calculator/rejected"));
  await expect.poll(async () => (await replies()).length, { timeout: 60_000 }).toBe(sent.length);
  await drain();
  const all = await page.evaluate(() => window.__messages);
  const answers = all.slice(before);
  // Nothing but the rejections: no result, no height (nothing changed on the page).
  expect(answers.filter((m) => m.data?.type !== "ketamine-calculator/rejected")).toEqual([]);
  answers.forEach((reply, i) => {
    const label = `seed ${SEED}, message ${i} (expected a rejection of ${sent[i]})`;
    expect(reply.origin, label).toBe(app.origin);
    expect(Object.keys(reply.data).sort(), label).toEqual(["errors", "rejected", "type", "version"]);
    expect(reply.data.version, label).toBe(1);
    expect(reply.data.errors.length, label).toBeGreaterThan(0);
    expect(reply.data.errors.map((e) => e.key), label).toContain(sent[i]);
    for (const error of reply.data.errors) {
      expect(typeof error.message, label).toBe("string");
      expect(error.message.startsWith(`${error.key}: `), label).toBe(true);
      // Bounded: nothing of a huge message is echoed back.
      expect(error.message.length, label).toBeLessThan(300);
    }
    expect(reply.data.rejected === null || reply.data.rejected.length <= 64, label).toBe(true);
  });
  await unchanged("after the host's malformed messages");
  await expect(page.locator("#last-rejection")).not.toHaveText("none");

  // 3. Still alive: a valid prefill applies, and its result reaches the host.
  await page.locator("#host-weight").fill("80");
  await page.getByRole("button", { name: "Send prefill message" }).click();
  await expect(frame.locator("#bolus-range")).toHaveText("up to 28 mg");
  await expect(page.locator("#result-bolus")).toHaveText("0 to 28");
  await frame.locator("#weight").fill("60");
  await expect(frame.locator("#bolus-range")).toHaveText("up to 21 mg");

  expect(foreignRequests(log, [host.origin, app.origin])).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test(`malformed messages from another origin are not answered and change nothing (seed ${SEED})`, async ({ page }) => {
  const log = await watchPage(page);
  // The frame is told its host is `host`, but `other` embeds it.
  await page.goto(`${other.origin}/blank.html`);
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.id = "calculator";
    frame.src = src;
    document.body.append(frame);
  }, `${app.origin}/#embed=1&parent_origin=${encodeURIComponent(host.origin)}&weight=70`);
  const frame = page.frameLocator("#calculator");
  await expect(frame.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  const calculator = page.frames().find((f) => f.url().startsWith(app.origin));
  await countReceived(calculator);

  const sent = await postAll(page, { targetSelector: "#calculator", targetOrigin: "*" });
  await expect.poll(() => calculator.evaluate(() => window.__received), { timeout: 60_000 }).toBe(sent.length);
  await expect(frame.locator("#weight")).toHaveValue("70");
  await expect(frame.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  await expect(frame.locator("#profile-status")).toHaveText(GUIDELINE_STATUS);
  // Still alive.
  await frame.locator("#weight").fill("80");
  await expect(frame.locator("#bolus-range")).toHaveText("up to 28 mg");
  expect(log.errors).toEqual([]);
});
