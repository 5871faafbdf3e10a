// SMART on FHIR, end to end (issue 14; SMART-CONTRACT.md): the SMART release build in headless
// Chromium, a real FHIR server (helios-hfs) and a real authorization server (oauth2-mock-server)
// on 127.0.0.1, started by e2e/smart.config.mjs (e2e/smart/testbed.mjs). Nothing in the app is
// replaced: the page discovers, redirects, exchanges the code and reads the record itself, and
// the browser follows every redirect.
//
// Each case is chosen through the launch (`launch=<patient>.<mode>`, see testbed.mjs), as an EHR
// chooses the patient. After every test the bed reports any rule of the contract the page broke
// in its requests (client_id, redirect_uri, S256, aud, state, scopes, PKCE, no secret).
//
// Run: bash scripts/smart-e2e.sh (builds target/dist-smart, starts and stops the servers).

import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AUTH_ORIGIN, CLIENT_ID, FHIR_BASE, RECENT_MRN, ageOn } from "./smart/patients.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SMART_DIST = join(ROOT, process.env.SMART_DIST ?? "target/dist-smart");
const WEIGHT_QUERY = "code=http%3A%2F%2Floinc.org%7C29463-7";
/** Birth dates of the seeded patients (patients.mjs). */
const BIRTH = { "p-recent": "1968-03-09", "p-old-lb": "1951-07-22", "p-none": "1990-01-15" };
/** What a page ends in once the flow is over, whatever its outcome. */
const FINAL_STATES = /^(loaded|offline|error-[a-z]+)$/;

// Not "serial": one failure must not hide the others. One worker (smart.config.mjs) keeps the
// order, which the FHIR-down test needs (it restarts the server before it ends).

async function bed(path, method = "GET") {
  const res = await fetch(`${AUTH_ORIGIN}/_testbed/${path}`, { method });
  if (!res.ok) throw new Error(`test bed ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

let seedDates;
test.beforeAll(async () => {
  seedDates = (await bed("seed")).dates;
});

test.beforeEach(async () => {
  await bed("reset", "POST");
});

test.afterEach(async () => {
  const log = await bed("log");
  expect(log.violations, "rules of the SMART contract the page broke, as the test bed saw them").toEqual([]);
});

/**
 * Records what the page does: page errors, CSP violations, every request (with its headers), the
 * token response's access token, and which responses the service worker answered.
 */
async function watch(page, appOrigin) {
  const seen = { errors: [], requests: [], tokens: [], fromWorker: [] };
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("pageerror", (err) => seen.errors.push(`page error: ${err.message}`));
  page.on("request", (req) => seen.requests.push({ url: req.url(), headers: req.headers(), method: req.method() }));
  page.on("response", async (res) => {
    const url = res.url();
    if (!url.startsWith(appOrigin) && res.fromServiceWorker()) seen.fromWorker.push(url);
    if (url === `${AUTH_ORIGIN}/token` && res.ok()) {
      seen.tokens.push((await res.json().catch(() => ({}))).access_token);
    }
  });
  seen.check = async () => {
    expect(seen.errors, "page errors").toEqual([]);
    expect(await page.evaluate(() => window.__csp ?? []), "CSP violations").toEqual([]);
    const outside = seen.requests
      .map((r) => r.url)
      .filter((u) => !u.startsWith(`${appOrigin}/`) && !u.startsWith(`${FHIR_BASE}/`) && !u.startsWith(`${AUTH_ORIGIN}/`) && !u.startsWith("data:"));
    expect(outside, "requests to origins other than the app, the record and its authorization server").toEqual([]);
    expect(seen.fromWorker, "record or authorization responses answered by the service worker").toEqual([]);
  };
  return seen;
}

const status = (page) => page.locator("#ehr-status");

/** Opens the launch URL an EHR would open, and waits for the flow's outcome. */
async function ehrLaunch(page, launch, iss = FHIR_BASE) {
  await page.goto(`/?${new URLSearchParams({ iss, launch })}`);
  await expect(status(page)).toHaveAttribute("data-ehr-state", FINAL_STATES, { timeout: 60_000 });
}

async function expectManualEntryWorks(page) {
  const weight = page.locator("#weight");
  await expect(weight).toBeEditable();
  await weight.fill("70");
  // The build's profile is the example hospital's: its bolus limit, 0.25 mg/kg, times 70 kg.
  await expect(page.locator("#bolus-range")).toHaveText("up to 17.5 mg");
}

/**
 * Nothing about the patient, and not the token, kept by the browser: not in localStorage,
 * sessionStorage (the verifier and state are gone once back), IndexedDB, Cache Storage (no
 * request to the record cached) or the page's URL (query or fragment).
 */
async function expectNothingKept(page, secrets) {
  const kept = await page.evaluate(async () => {
    const dump = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`);
    const cached = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) cached.push(req.url);
    }
    const profileCopies = [];
    if ((await caches.keys()).includes("ketamine-profiles")) {
      const cache = await caches.open("ketamine-profiles");
      for (const req of await cache.keys()) profileCopies.push(await (await cache.match(req)).text());
    }
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      cached,
      profileCopies,
      url: location.href,
    };
  });
  const everything = [...kept.local, ...kept.session, ...kept.cached, ...kept.profileCopies, kept.url].join("\n");
  for (const secret of secrets.filter(Boolean)) {
    expect(everything.includes(secret), `"${secret.slice(0, 24)}…" kept by the browser:\n${everything.slice(0, 2000)}`).toBe(false);
  }
  expect(kept.indexedDB, "IndexedDB databases").toEqual([]);
  for (const url of kept.cached) {
    expect(url.startsWith(FHIR_BASE) || url.startsWith(AUTH_ORIGIN), `cached: ${url}`).toBe(false);
  }
  const url = new URL(kept.url);
  expect(url.search, "query left in the URL after the return").toBe("");
  return kept;
}

/** The authorization request the page made, as the AS received it. */
async function onlyAuthorization() {
  const log = await bed("log");
  expect(log.authorize).toHaveLength(1);
  return log;
}

// ---------------------------------------------------------------------------------------------

/**
 * The flow a SMART app runs, done by hand from Node against the same servers: authorize (no
 * redirect followed), then, when a code came back, the token exchange. For the bed's own tests.
 */
async function flowByHand(launch, { verifier = randomBytes(48).toString("base64url"), tokenVerifier = verifier } = {}) {
  const state = randomBytes(16).toString("base64url");
  const redirectUri = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`;
  const authorize = await fetch(
    `${AUTH_ORIGIN}/authorize?${new URLSearchParams({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: redirectUri,
      scope: "launch openid fhirUser patient/Patient.rs patient/Observation.rs",
      state,
      aud: FHIR_BASE,
      launch,
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    })}`,
    { redirect: "manual" },
  );
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get("location"));
  const result = { state, back, token: null, body: null };
  if (back.searchParams.has("code")) {
    result.token = await fetch(`${AUTH_ORIGIN}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: back.searchParams.get("code"),
        redirect_uri: redirectUri,
        code_verifier: tokenVerifier,
        client_id: CLIENT_ID,
      }),
    });
    result.body = result.token.ok ? await result.token.json() : null;
  }
  return result;
}

/** A read of the FHIR server with the given bearer token (none when null). */
const readAs = (bearer, path) =>
  fetch(`${FHIR_BASE}${path}`, {
    headers: { Accept: "application/fhir+json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
  });

test.describe("the test bed itself, without the page", () => {
  // These prove the bed would catch a page that read the wrong record or ignored an expiry. Their
  // own requests are not the page's: the log is cleared before afterEach reads it.
  test.afterEach(async () => {
    await bed("reset", "POST");
  });

  test("discovery names the authorization server and S256", async () => {
    const smart = await (await fetch(`${FHIR_BASE}/.well-known/smart-configuration`)).json();
    expect(smart.authorization_endpoint).toBe(`${AUTH_ORIGIN}/authorize`);
    expect(smart.token_endpoint).toBe(`${AUTH_ORIGIN}/token`);
    expect(smart.code_challenge_methods_supported).toContain("S256");
  });

  test("no token 401, the launch patient 200, another patient 403 and none of its weights", async () => {
    const { state, back, body } = await flowByHand("p-recent");
    expect(back.searchParams.get("state")).toBe(state);
    expect(body).toMatchObject({ patient: "p-recent", token_type: "Bearer" });
    const token = body.access_token;
    expect((await readAs(null, "/Patient/p-recent")).status, "no token").toBe(401);
    expect((await readAs(token, "/Patient/p-recent")).status, "the launch patient").toBe(200);
    expect((await readAs(token, "/Patient/p-other")).status, "another patient").toBe(403);
    const latest = await (await readAs(token, `/Observation?patient=p-recent&${WEIGHT_QUERY}&_sort=-date&_count=50`)).json();
    const standing = latest.entry.filter((e) => e.resource.status === "final");
    expect(standing.map((e) => e.resource.valueQuantity)[0]).toEqual(expect.objectContaining({ value: 82.4, code: "kg" }));
    const other = await readAs(token, `/Observation?patient=p-other&${WEIGHT_QUERY}`);
    const entries = other.ok ? ((await other.json()).entry ?? []).filter((e) => e.resource.resourceType === "Observation") : [];
    expect(entries, "another patient's weights").toEqual([]);
  });

  test("a wrong PKCE verifier gets no token", async () => {
    const { token } = await flowByHand("p-recent", { tokenVerifier: randomBytes(48).toString("base64url") });
    expect(token.status).toBe(400);
  });

  test("a request that breaks the contract is refused and reported", async () => {
    const bad = await fetch(
      `${AUTH_ORIGIN}/authorize?${new URLSearchParams({
        response_type: "code",
        client_id: CLIENT_ID,
        redirect_uri: `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`,
        scope: "launch openid fhirUser patient/Patient.rs patient/Observation.rs",
        state: randomBytes(16).toString("base64url"),
        aud: `${FHIR_BASE}/somewhere-else`,
        launch: "p-recent",
        code_challenge: "plain-verifier-used-as-its-own-challenge-0000",
        code_challenge_method: "plain",
      })}`,
      { redirect: "manual" },
    );
    const back = new URL(bad.headers.get("location"));
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.has("code")).toBe(false);
    expect((await bed("log")).violations).toEqual([expect.stringContaining("code_challenge_method")]);
  });

  test("each mode the page is tested with does what its test relies on", async () => {
    const refused = await flowByHand("p-recent.refuse");
    expect(refused.back.searchParams.get("error")).toBe("access_denied");
    expect(refused.back.searchParams.has("code")).toBe(false);

    const badState = await flowByHand("p-recent.bad-state");
    expect(badState.back.searchParams.get("state")).not.toBe(badState.state);

    const expired = await flowByHand("p-recent.expired");
    expect(expired.body.expires_in).toBeGreaterThan(0);
    expect((await readAs(expired.body.access_token, "/Patient/p-recent")).status, "expired JWT").toBe(401);
    const atOnce = await flowByHand("p-recent.expires-at-once");
    expect(atOnce.body.expires_in).toBe(0);
    expect((await readAs(atOnce.body.access_token, "/Patient/p-recent")).status, "expired JWT").toBe(401);

    const other = await flowByHand("p-recent.other-patient");
    expect(other.body.patient).toBe("p-other");
    expect((await readAs(other.body.access_token, "/Patient/p-other")).status, "the patient the response names").toBe(403);
    expect((await readAs(other.body.access_token, "/Patient/p-recent")).status, "the JWT's patient").toBe(200);
  });
});

test("the SMART build widens connect-src to exactly the record's origins and changes nothing else", async () => {
  const csp = (html) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  const smart = csp(await readFile(join(SMART_DIST, "index.html"), "utf8"));
  const plain = csp(await readFile(join(ROOT, "index.html"), "utf8"));
  expect(smart).toBe(plain.replace("connect-src 'self'", `connect-src 'self' ${FHIR_BASE} ${AUTH_ORIGIN}`));
});

test("EHR launch for p-recent: weight 82.4 kg and height 178 cm from the record, with source and date", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");

  await expect(page.locator("#weight")).toHaveValue("82.4");
  const weightSource = page.locator("#weight-source");
  await expect(weightSource).toContainText("From the record");
  await expect(weightSource).toContainText("82.4 kg");
  await expect(weightSource).toContainText(`measured ${seedDates.recentWeight}`);
  await expect(weightSource).not.toHaveAttribute("data-old", "true");
  await expect(page.locator("#height")).toHaveValue("178");
  await expect(page.locator("#height-source")).toContainText("178 cm");
  await expect(page.locator("#height-source")).toContainText(`measured ${seedDates.recentHeight}`);
  await expect(page.locator("#height-source")).not.toHaveAttribute("data-old", "true");
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.locator("#age")).toHaveValue(String(ageOn(BIRTH["p-recent"], today)));
  await expect(page.locator("#sex")).toHaveValue("female");
  await expect(page.locator("#age-source")).toContainText("From the record");
  await expect(page.locator("#sex-source")).toContainText("From the record");
  // B3: whose values these are: name, birth date and the record's identifier, in memory only.
  await expect(page.locator("#ehr-patient-details")).toHaveText(`Test Recent, born ${BIRTH["p-recent"]}, MRN ${RECENT_MRN}`);

  // What the page asked for, as the authorization server saw it.
  const log = await onlyAuthorization();
  const auth = log.authorize[0];
  expect(auth).toMatchObject({ launch: "p-recent", aud: FHIR_BASE, code_challenge_method: "S256", client_id: CLIENT_ID, redirect_uri: `${baseURL}/` });
  expect(log.token).toEqual([
    expect.objectContaining({ origin: baseURL, grant_type: "authorization_code", client_id: CLIENT_ID, client_secret: false }),
  ]);
  // The reads of the contract, each with the bearer token, none answered by the worker.
  const fhirReads = seen.requests.filter((r) => r.url.startsWith(FHIR_BASE) && r.method === "GET" && !r.url.includes("/.well-known/"));
  const paths = fhirReads.map((r) => r.url.slice(FHIR_BASE.length));
  expect(paths).toContain("/Patient/p-recent");
  expect(paths.some((p) => p.startsWith("/Observation?") && p.includes("patient=p-recent") && p.includes("29463-7") && p.includes("_sort=-date"))).toBe(true);
  // M4: many entries, the engine chooses by date (the seed's newest is entered-in-error).
  expect(paths.filter((p) => p.startsWith("/Observation?")).every((p) => p.includes("_count=50"))).toBe(true);
  expect(paths.some((p) => p.startsWith("/Observation?") && p.includes("8302-2"))).toBe(true);
  for (const r of fhirReads) expect(r.headers.authorization, r.url).toMatch(/^Bearer .+/);
  await seen.check();

  await expectNothingKept(page, [seen.tokens[0], auth.state, "82.4", "p-recent", "Recent", BIRTH["p-recent"], seedDates.recentWeight, RECENT_MRN]);
});

test("the filled fields stay editable, and the calculator uses what is typed", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");
  await expect(page.locator("#weight")).toHaveValue("82.4");
  await expectManualEntryWorks(page);
  // The line beside the field no longer claims the typed value came from the record.
  await expect(page.locator("#weight-source")).not.toContainText("From the record");
  await page.locator("#height").fill("170");
  await expect(page.locator("#height")).toHaveValue("170");
  await page.locator("#age").fill("40");
  await expect(page.locator("#age")).toHaveValue("40");
  await page.locator("#sex").selectOption("male");
  await expect(page.locator("#sex")).toHaveValue("male");
  await seen.check();
});

test("an EHR whose iss ends in a slash is the same record", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent", `${FHIR_BASE}/`);
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");
  await expect(page.locator("#weight")).toHaveValue("82.4");
  await seen.check();
});

test("p-old-lb: 181.7 lb shown as 82.4 kg with the pound figure, flagged as old", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-old-lb");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");
  await expect(page.locator("#weight")).toHaveValue("82.4");
  const source = page.locator("#weight-source");
  await expect(source).toContainText("181.7 lb");
  await expect(source).toContainText("82.4 kg");
  await expect(source).toContainText(`measured ${seedDates.oldLbWeight}`);
  await expect(source).toHaveAttribute("data-old", "true");
  await expect(source).toContainText(/weigh/i);
  // No height in this record: nothing invented.
  await expect(page.locator("#height")).toHaveValue("");
  await seen.check();
  await expectNothingKept(page, [seen.tokens[0], "181.7", "p-old-lb", "Old-Pounds", seedDates.oldLbWeight]);
});

test("p-none: no weight in the record leaves the weight empty with a note, never a default", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-none");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");
  await expect(page.locator("#weight")).toHaveValue("");
  const source = page.locator("#weight-source");
  await expect(source).toContainText(/no body weight/i);
  await expect(source).toContainText(/weigh/i);
  await expect(page.locator("#bolus-range")).not.toContainText("mg");
  await expect(page.locator("#sex")).toHaveValue("female");
  await expectManualEntryWorks(page);
  await seen.check();
});

test("standalone launch from the button reads the patient the authorization server picks", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await bed("standalone?patient=p-old-lb", "POST");
  await page.goto("/");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "idle");
  const button = page.locator("#ehr-launch");
  await expect(button).toHaveText(/Load from the health record/);
  await button.click();
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded", { timeout: 60_000 });
  await expect(page.locator("#weight")).toHaveValue("82.4");
  await expect(page.locator("#weight-source")).toContainText("181.7 lb");
  // B3: the sign-in server's picker chose the patient: the banner names who it was.
  await expect(page.locator("#ehr-patient-details")).toHaveText(`Test Old-Pounds, born ${BIRTH["p-old-lb"]}`);
  const log = await onlyAuthorization();
  expect(log.authorize[0].launch).toBeUndefined();
  expect(log.authorize[0].scope.split(" ")).toContain("launch/patient");
  await seen.check();
  await expectNothingKept(page, [seen.tokens[0], log.authorize[0].state, "181.7", "p-old-lb"]);
});

test("a launch URL with iss and no launch asks the server for the patient, as a standalone launch", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await bed("standalone?patient=p-recent", "POST");
  await page.goto(`/?${new URLSearchParams({ iss: FHIR_BASE })}`);
  await expect(status(page)).toHaveAttribute("data-ehr-state", FINAL_STATES, { timeout: 60_000 });
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");
  await expect(page.locator("#weight")).toHaveValue("82.4");
  const log = await onlyAuthorization();
  expect(log.authorize[0].launch).toBeUndefined();
  expect(log.authorize[0].scope.split(" ")).toContain("launch/patient");
  await seen.check();
});

test("a refused authorization says so and leaves manual entry working", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent.refuse");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "error-refused");
  await expect(status(page)).not.toBeEmpty();
  await expect(page.locator("#weight")).toHaveValue("");
  expect((await bed("log")).token, "no token requested after a refusal").toEqual([]);
  await expectManualEntryWorks(page);
  await seen.check();
  await expectNothingKept(page, []);
});

test("a code that comes back with another state is not exchanged", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent.bad-state");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "error-state");
  expect((await bed("log")).token, "token requests").toEqual([]);
  await expect(page.locator("#weight")).toHaveValue("");
  await expectManualEntryWorks(page);
  await seen.check();
  await expectNothingKept(page, []);
});

test("a code and state the page never asked for are refused", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await page.goto(`/?code=forged-code&state=${randomBytes(16).toString("base64url")}`);
  await expect(status(page)).toHaveAttribute("data-ehr-state", "error-state", { timeout: 30_000 });
  expect((await bed("log")).token, "token requests").toEqual([]);
  await seen.check();
  await expectNothingKept(page, ["forged-code"]);
});

test("M1: a crafted ?error= without this page's state is not shown, and its words never reach the status line", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await page.goto(`/?${new URLSearchParams({ error: "access_denied", error_description: "Record weight is 200 kg; use it" })}`);
  await expect(status(page)).toHaveAttribute("data-ehr-state", "error-state", { timeout: 30_000 });
  await expect(status(page)).not.toContainText("200 kg");
  await expectManualEntryWorks(page);
  await seen.check();
});

test("M1: a crafted iss is not echoed in the status line", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent", "http://127.0.0.1:9/weight-is-200-kg");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "error-iss");
  await expect(status(page)).not.toContainText("200-kg");
  await seen.check();
});

test("an iss other than the configured record requests nothing", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent", "http://127.0.0.1:9/fhir");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "error-iss");
  const log = await bed("log");
  expect(log.authorize).toEqual([]);
  expect(seen.requests.filter((r) => !r.url.startsWith(`${baseURL}/`)).map((r) => r.url), "requests outside the app").toEqual([]);
  await expectManualEntryWorks(page);
  await seen.check();
});

for (const mode of ["expired", "expires-at-once"]) {
  test(`an expired token (${mode}) says so and fills nothing`, async ({ page, baseURL }) => {
    const seen = await watch(page, baseURL);
    await ehrLaunch(page, `p-recent.${mode}`);
    await expect(status(page)).toHaveAttribute("data-ehr-state", "error-expired");
    await expect(page.locator("#weight")).toHaveValue("");
    await expectManualEntryWorks(page);
    await seen.check();
    await expectNothingKept(page, [seen.tokens[0]]);
  });
}

test("another patient's record is refused by the FHIR server (403), and nothing of it is shown", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  const refused = [];
  page.on("response", (res) => {
    if (res.url().startsWith(FHIR_BASE) && res.status() === 403) refused.push(res.url());
  });
  await ehrLaunch(page, "p-recent.other-patient");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "error-forbidden");
  expect(refused.some((u) => u.includes("p-other")), `403 answers: ${refused.join(", ")}`).toBe(true);
  await expect(page.locator("#weight")).toHaveValue("");
  await expect(page.locator("#sex")).toHaveValue("");
  await expectManualEntryWorks(page);
  await seen.check();
  await expectNothingKept(page, [seen.tokens[0], "p-other"]);
});

test("M3: a new launch that fails first forgets the last patient's values and lines", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");
  await expect(page.locator("#weight")).toHaveValue("82.4");
  await bed("fhir/stop", "POST");
  try {
    await page.locator("#ehr-launch").click();
    await expect(status(page)).toHaveAttribute("data-ehr-state", "error-server", { timeout: 60_000 });
    await expect(page.locator("#weight")).toHaveValue("");
    await expect(page.locator("#height")).toHaveValue("");
    await expect(page.locator("#age")).toHaveValue("");
    await expect(page.locator("#sex")).toHaveValue("");
    await expect(page.locator("#weight-source")).toHaveCount(0);
    await expect(page.locator("#ehr-patient")).toHaveCount(0);
  } finally {
    await bed("fhir/start", "POST");
  }
  await seen.check();
});

test("M2: while the form holds the record's values no link is offered, each saying why; the one-screen double check works", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");
  await expect(page.locator("#copy-link")).toBeDisabled();
  await expect(page.locator("#copy-link-why")).toContainText("do not leave this page");
  await expect(page.locator("#copy-check-link")).toBeDisabled();
  await expect(page.locator("#check-link-why")).toContainText("do not leave this page");
  // The double check on this screen: S10, the blind second entry shows nothing of the record.
  await expect(page.locator("#start-double-check")).toBeEnabled();
  await page.locator("#start-double-check").click();
  await expect(page.locator("#weight")).toHaveValue("");
  await expect(page.locator("#weight-source")).toHaveCount(0);
  await expect(page.locator("#age-source")).toHaveCount(0);
  await expect(page.locator("#ehr-patient")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("82.4");
  await seen.check();
});

test("S8: Clear forgets the record: no lines, no banner, links offered again", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await ehrLaunch(page, "p-recent");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "loaded");
  await page.locator("#clear").click();
  await expect(page.locator("#weight")).toHaveValue("");
  await expect(page.locator("#weight-source")).toHaveCount(0);
  await expect(page.locator("#ehr-patient")).toHaveCount(0);
  await expect(status(page)).toHaveAttribute("data-ehr-state", "idle");
  await expect(page.locator("#copy-link")).toBeEnabled();
  await seen.check();
});

test("S2: a FHIR read that never answers ends in error-server after the time limit", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const seen = await watch(page, baseURL);
  // The network holds the Patient read for ever (the app itself is untouched).
  await page.route(`${FHIR_BASE}/Patient/**`, () => {});
  await ehrLaunch(page, "p-recent");
  await expect(status(page)).toHaveAttribute("data-ehr-state", "error-server", { timeout: 5_000 });
  await expect(status(page)).toContainText("did not answer in time");
  await expect(page.locator("#ehr-launch")).toBeEnabled();
  await expectManualEntryWorks(page);
  // Not seen.check(): with page.route on, Playwright reports the authorize navigation as answered
  // by the service worker (its routing goes through the worker), which the worker test covers.
  expect(seen.errors, "page errors").toEqual([]);
  expect(await page.evaluate(() => window.__csp ?? []), "CSP violations").toEqual([]);
});

test("the FHIR server down: the page says so and manual entry works", async ({ page, baseURL }) => {
  const seen = await watch(page, baseURL);
  await bed("fhir/stop", "POST");
  try {
    await ehrLaunch(page, "p-recent");
    await expect(status(page)).toHaveAttribute("data-ehr-state", "error-server");
    await expect(status(page)).not.toBeEmpty();
    expect((await bed("log")).authorize, "authorization requested from a record that did not answer").toEqual([]);
    await expectManualEntryWorks(page);
  } finally {
    await bed("fhir/start", "POST");
  }
  await seen.check();
});

test("offline: the page says the record needs the network, and manual entry works", async ({ page, context, baseURL }) => {
  const seen = await watch(page, baseURL);
  await page.goto("/");
  await expect(page.locator("#weight")).toBeEditable();
  // The worker must hold the app before the network goes.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active.state !== "activated") {
      await new Promise((r) => reg.active.addEventListener("statechange", r, { once: true }));
    }
  });
  await context.setOffline(true);
  try {
    await page.goto(`/?${new URLSearchParams({ iss: FHIR_BASE, launch: "p-recent" })}`);
    await expect(status(page)).toHaveAttribute("data-ehr-state", "offline", { timeout: 60_000 });
    await expect(page.locator("#weight")).toHaveValue("");
    await expectManualEntryWorks(page);
    await page.goto("/");
    await page.locator("#ehr-launch").click();
    await expect(status(page)).toHaveAttribute("data-ehr-state", "offline");
  } finally {
    await context.setOffline(false);
  }
  expect((await bed("log")).authorize, "authorization requests while offline").toEqual([]);
  await seen.check();
});

test("the service worker never answers a request with its own Authorization, nor a .well-known document", async ({ page }) => {
  // A hospital may serve its FHIR base from the calculator's own origin: such reads must go to the
  // network untouched, never into or out of the worker's caches. index.html is in the cache, so a
  // worker that answered these would answer them from it.
  await page.goto("/");
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active.state !== "activated") {
      await new Promise((r) => reg.active.addEventListener("statechange", r, { once: true }));
    }
  });
  await page.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller), "page controlled by the worker").toBe(true);
  const answered = [];
  // Only this test's fetch() calls: the page itself may still be loading its icons.
  page.on("response", (res) => {
    if (res.request().resourceType() === "fetch") answered.push({ url: new URL(res.url()).pathname, worker: res.fromServiceWorker() });
  });
  await page.evaluate(async () => {
    await fetch("index.html");
    await fetch("index.html", { headers: { Authorization: "Bearer not-a-real-token" } });
    await fetch(".well-known/smart-configuration", { headers: { Accept: "application/json" } });
  });
  await expect.poll(() => answered.length).toBeGreaterThanOrEqual(3);
  // The control: without Authorization the worker does answer from its cache.
  expect(answered[0]).toEqual({ url: "/index.html", worker: true });
  expect(answered.slice(1)).toEqual([
    { url: "/index.html", worker: false },
    { url: "/.well-known/smart-configuration", worker: false },
  ]);
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  expect(cached).not.toContain("/.well-known/smart-configuration");
});
