// Institution profiles on the release build: a hospital's profile (examples/profile.json, schema
// in engine/src/profile.rs) named in the link (`#profile=profiles/pain.json&...`) tightens the
// guideline's limits, and the page says whose limits apply. Each state is checked beside its
// control (the same entries without a profile, or under a valid one), so every assertion checks
// a difference the profile makes.
// Embedding, where the host page sends the profile, is in e2e/embed.spec.mjs.
//
// Profiles are served by page.route from copies of examples/profile.json, changed per test.

import { readFileSync } from "node:fs";
import { test as base, expect } from "./fixtures.mjs";

const EXAMPLE = JSON.parse(readFileSync(new URL("../examples/profile.json", import.meta.url), "utf8"));

// No service worker: it would answer the page's fetches itself, and page.route would not see
// them. Playwright's "block" makes navigator.serviceWorker.register() resolve to undefined, which
// no browser does (the app then reads `.waiting` of undefined, a page error); so registration is
// also made to fail as in a browser without service workers: the app warns and goes on.
const test = base.extend({
  page: async ({ page }, use) => {
    await page.addInitScript(() => {
      if (!navigator.serviceWorker) return;
      navigator.serviceWorker.register = () =>
        Promise.reject(new DOMException("service workers are off in this test", "SecurityError"));
    });
    await use(page);
  },
});
test.use({ serviceWorkers: "block" });

/** A copy of the example profile, changed by `change`. */
function profileWith(change) {
  const profile = structuredClone(EXAMPLE);
  change?.(profile);
  return profile;
}

/**
 * Serves each profile at /profiles/<name>.json (an object as JSON, a string as it is); returns
 * the list of profile URLs the page asked for.
 */
async function serveProfiles(page, profiles) {
  const asked = [];
  await page.route("**/profiles/*.json", async (route) => {
    const url = new URL(route.request().url());
    asked.push(url.href);
    const name = url.pathname.replace(/^\/profiles\//, "").replace(/\.json$/, "");
    const body = profiles[name];
    if (body === undefined) return route.fulfill({ status: 404, body: "not found\n" });
    return route.fulfill(
      typeof body === "string" ? { contentType: "application/json", body } : { json: body },
    );
  });
  return asked;
}

/** Loads the page afresh at this fragment (a new document, as when a link is opened). */
async function open(page, fragment) {
  await page.goto("about:blank");
  await page.goto(`/#${fragment}`);
  await expect(page.locator("#weight")).toBeEditable();
}

const status = (page) => page.locator("#profile-status");
const softAlerts = (page) => page.locator(".alerts .alert-soft");
const hardAlerts = (page) => page.locator(".alerts .alert-hard");
const GUIDELINE_STATUS = "Limits: the guideline's. No institution profile is in use.";

/**
 * Stops the page's clock (timers run only when the test moves it with clock.fastForward), from
 * the next page load on: a wait of the page is then measured in page time, not in the time a
 * busy machine takes.
 */
async function pauseClock(page) {
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1_000);
}

test("a profile's soft limit warns about a bolus the guideline accepts, and says it is the profile's", async ({ calculator: page }) => {
  await serveProfiles(page, { pain: EXAMPLE });

  // Without a profile: 0.3 mg/kg is within the guideline's bolus (up to 0.35 mg/kg).
  await open(page, "weight=70&bolus=0.3");
  await expect(status(page)).toHaveText(GUIDELINE_STATUS);
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  await expect(page.locator(".alerts")).toBeHidden();
  await expect(softAlerts(page)).toHaveCount(0);

  // The same entries under the profile (soft limit 0.25 mg/kg): a warning to acknowledge.
  await open(page, "profile=profiles/pain.json&weight=70&bolus=0.3");
  await expect(status(page)).toContainText("Institution profile: Example General Hospital");
  await expect(page.locator("#bolus-range")).toHaveText("up to 17.5 mg");
  await expect(softAlerts(page)).toHaveCount(1);
  const warning = softAlerts(page).first();
  await expect(warning).toContainText(/^Warning: Institution profile Bolus 0\.3 mg\/kg is above the institution profile's limit of 0\.25 mg\/kg/);
  await expect(warning.locator(".alert-origin")).toHaveText("Institution profile");
  await expect(warning.locator(".alert-origin")).toHaveClass(/\balert-origin-profile\b/);
  await expect(warning.getByRole("button", { name: "Acknowledge" })).toBeVisible();
  await expect(page.locator(".pending-count")).toHaveText("1 warning needs your acknowledgement with a reason.");
  // The link keeps the profile: a copied link opens under the same limits.
  await expect(page).toHaveURL(/[#&]profile=profiles%2Fpain\.json(&|$)/);
});

test("a profile's hard limit blocks a bolus the guideline only warns about", async ({ calculator: page }) => {
  await serveProfiles(page, { pain: EXAMPLE });

  // Guideline: 0.6 mg/kg is above 0.35 (a warning) and below 0.75 mg/kg (the hard limit).
  await open(page, "weight=70&bolus=0.6");
  await expect(softAlerts(page)).toHaveCount(1);
  await expect(softAlerts(page)).toContainText("Bolus 0.6 mg/kg is above the IV chronic-pain range (up to 0.35 mg/kg).");
  await expect(hardAlerts(page)).toHaveCount(0);
  await expect(page.locator("#problems-heading")).toHaveCount(0);
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  // Without a profile no alert is tagged with whose limit it is.
  await expect(page.locator(".alert-origin")).toHaveCount(0);

  // Profile: hard limit 0.5 mg/kg. The plan is blocked and no dose is shown.
  await open(page, "profile=profiles/pain.json&weight=70&bolus=0.6");
  await expect(status(page)).toContainText("Institution profile: Example General Hospital");
  await expect(page.locator("#problems-heading")).toHaveText("Plan blocked by a hard limit");
  await expect(hardAlerts(page)).toHaveCount(1);
  // The profile's figure, not the guideline's 0.75 mg/kg that no longer applies.
  await expect(hardAlerts(page)).toContainText(
    "Blocked: Institution profile Bolus 0.6 mg/kg is blocked: above the institution profile's hard limit of 0.5 mg/kg.",
  );
  await expect(page.locator(".alerts")).not.toContainText("0.75 mg/kg");
  await expect(hardAlerts(page).locator(".alert-origin")).toHaveText("Institution profile");
  await expect(page.locator("#bolus-range")).toHaveText("");
  await expect(page.locator("main")).not.toContainText(/\d mg(?!\/)/);

  // A limit the profile does not set stays the guideline's, and says so: IM bolus above 2 mg/kg.
  await open(page, "profile=profiles/pain.json&weight=70&route=im&bolus=3");
  await expect(hardAlerts(page)).toHaveCount(1);
  await expect(hardAlerts(page)).toContainText("Bolus 3 mg/kg is blocked: above 2 mg/kg");
  await expect(hardAlerts(page).locator(".alert-origin")).toHaveText("Guideline");
  await expect(page.locator(".alerts .alert-origin-profile")).toHaveCount(0);
});

test("the status block names the institution, version, review date and approver, on screen and in print", async ({ calculator: page }) => {
  await serveProfiles(page, { pain: EXAMPLE });
  await open(page, "weight=70");
  await expect(status(page)).toHaveText(GUIDELINE_STATUS);

  await open(page, "profile=profiles/pain.json&weight=70");
  await expect(page.getByRole("heading", { name: "Institution profile: Example General Hospital" })).toBeVisible();
  await expect(status(page)).toHaveClass(/\bprofile-active\b/);
  await expect(status(page)).toContainText(
    "Version 2026-1, review date 2027-06-30, approved by Pharmacy and Therapeutics Committee. Loaded from the file profiles/pain.json.",
  );
  await expect(status(page).locator(".profile-review-date")).toHaveText("2027-06-30");
  await expect(status(page)).not.toContainText(GUIDELINE_STATUS);

  // On paper too, in one line of the print header (the block itself would push the plan onto a
  // second page): the print style hides the entry fields, not whose limits were used.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".area-entries")).toBeHidden();
  await expect(status(page)).toBeHidden();
  await expect(page.locator("#print-profile")).toBeVisible();
  await expect(page.locator("#print-profile")).toHaveText(
    "Institution profile: Example General Hospital, version 2026-1, review date 2027-06-30.",
  );
  await page.emulateMedia({ media: "screen" });
  await expect(page.locator("#print-profile")).toBeHidden();
  await expect(page.locator(".area-entries")).toBeVisible();
});

test("a review date in the past is flagged, and the profile's limits still apply", async ({ calculator: page }) => {
  await serveProfiles(page, {
    current: profileWith((p) => (p.review_date = "2099-12-31")),
    overdue: profileWith((p) => (p.review_date = "2020-01-31")),
  });

  await open(page, "profile=profiles/current.json&weight=70");
  await expect(status(page).locator(".profile-review-date")).toHaveText("2099-12-31");
  await expect(status(page)).not.toContainText("Review date passed");
  await expect(status(page).locator(".profile-overdue")).toHaveCount(0);

  await open(page, "profile=profiles/overdue.json&weight=70");
  await expect(status(page).locator(".profile-review-date")).toHaveText("2020-01-31");
  await expect(status(page).locator(".profile-overdue")).toHaveText(
    "Review date passed: check with pharmacy that this profile is still current.",
  );
  await expect(page.locator("#bolus-range")).toHaveText("up to 17.5 mg");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("#print-profile")).toContainText("review date 2020-01-31 (review date passed).");
});

test("the review date itself is not overdue; the day after it is", async ({ calculator: page }) => {
  await serveProfiles(page, { pain: EXAMPLE }); // review date 2027-06-30
  await page.clock.install({ time: new Date(2027, 5, 30, 12, 0) }); // local time, as the page reads it
  await open(page, "profile=profiles/pain.json&weight=70");
  await expect(status(page).locator(".profile-review-date")).toHaveText("2027-06-30");
  await expect(status(page).locator(".profile-overdue")).toHaveCount(0);

  await page.clock.setSystemTime(new Date(2027, 6, 1, 12, 0));
  await open(page, "profile=profiles/pain.json&weight=70");
  await expect(status(page).locator(".profile-overdue")).toContainText("Review date passed");
});

test("a rejected profile is named key by key, and the guideline's result is still calculated", async ({ calculator: page }) => {
  await serveProfiles(page, {
    pain: EXAMPLE,
    loose: profileWith((p) => (p.limits.iv_bolus_mg_per_kg.soft = 0.5)),
    twice: profileWith((p) => {
      p.limits.iv_bolus_mg_per_kg.soft = 0.5;
      p.limits.total_mg_per_day.reason = "";
    }),
    broken: '{"schema": "ketamine-calculator-profile", ',
  });

  // Control: the valid profile narrows the bolus range to 0.25 mg/kg.
  await open(page, "profile=profiles/pain.json&weight=70&bolus=0.3");
  await expect(page.locator("#bolus-range")).toHaveText("up to 17.5 mg");
  await expect(softAlerts(page)).toHaveCount(1);

  // A soft limit above the guideline's 0.35 mg/kg: the whole profile is rejected.
  await open(page, "profile=profiles/loose.json&weight=70&bolus=0.3");
  const rejected = status(page);
  await expect(rejected).toHaveClass(/\bprofile-rejected\b/);
  await expect(rejected).toHaveRole("alert");
  await expect(rejected.getByRole("heading")).toHaveText("Institution profile not used: the guideline's limits apply");
  await expect(rejected).toContainText("The profile from the file profiles/loose.json was rejected:");
  await expect(rejected.locator("li")).toHaveCount(1);
  await expect(rejected.locator("li")).toContainText("limits.iv_bolus_mg_per_kg.soft: 0.5 is outside 0 to 0.35: ");
  await expect(rejected).not.toContainText("Example General Hospital");
  // The guideline's figures, not the profile's: 0.35 mg/kg x 70 kg, and no warning at 0.3 mg/kg.
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  await expect(softAlerts(page)).toHaveCount(0);
  await expect(page.locator(".alert-origin")).toHaveCount(0);

  // Every wrong key is listed, not only the first.
  await open(page, "profile=profiles/twice.json&weight=70");
  await expect(status(page).locator("li")).toHaveCount(2);
  await expect(status(page).locator("li").nth(0)).toContainText("limits.iv_bolus_mg_per_kg.soft: 0.5 is outside 0 to 0.35");
  await expect(status(page).locator("li").nth(1)).toHaveText(
    "limits.total_mg_per_day.reason: give the committee's reason (at least 3 characters)",
  );
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");

  // A file cut short: not JSON. The message says where the file breaks off.
  await open(page, "profile=profiles/broken.json&weight=70");
  await expect(status(page).getByRole("heading")).toHaveText("Institution profile not used: the guideline's limits apply");
  await expect(status(page).locator("li")).toHaveCount(1);
  await expect(status(page).locator("li")).toHaveText(
    "profile: the file is not valid JSON (EOF while parsing a value at line 1 column 42)",
  );
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
});

test("a profile on another origin is refused without a request leaving the origin", async ({ calculator: page, baseURL }) => {
  const asked = await serveProfiles(page, { pain: EXAMPLE });
  const elsewhere = [];
  await page.context().route((url) => !url.href.startsWith(`${baseURL}/`), (route) => {
    elsewhere.push(route.request().url());
    return route.abort();
  });
  const refused = [
    "https://profiles.example/profiles/pain.json",
    "//profiles.example/profiles/pain.json",
    `${baseURL.replace("127.0.0.1", "localhost")}/profiles/pain.json`, // same server, other origin
    `data:application/json,${JSON.stringify(EXAMPLE)}`,
  ];
  for (const named of refused) {
    await open(page, `weight=70&bolus=0.3&profile=${encodeURIComponent(named)}`);
    await expect(status(page).getByRole("heading"), named).toHaveText("Institution profile not used: the guideline's limits apply");
    await expect(status(page).locator("li"), named).toContainText(`is not on this calculator's origin (${baseURL}); a profile is read only from there`);
    await expect(page.locator("#bolus-range"), named).toHaveText("up to 24.5 mg");
    await expect(softAlerts(page), named).toHaveCount(0);
  }
  expect(asked).toEqual([]);
  expect(elsewhere).toEqual([]);

  // Control: the same file on the page's own origin is read, once.
  await open(page, "weight=70&bolus=0.3&profile=profiles/pain.json");
  await expect(status(page)).toContainText("Institution profile: Example General Hospital");
  expect(asked).toEqual([`${baseURL}/profiles/pain.json`]);
});

// Plain `page`: the browser itself logs the 404 as a console error, which the `calculator`
// fixture would count as a failure. Every other error still fails the test.
test("a profile that is not found (HTTP 404) is refused, and the guideline applies", async ({ page, baseURL }) => {
  const errors = [];
  page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console error: ${msg.text()}`);
  });
  const asked = await serveProfiles(page, { pain: EXAMPLE });
  await open(page, "profile=profiles/missing.json&weight=70&bolus=0.3");
  await expect(status(page).getByRole("heading")).toHaveText("Institution profile not used: the guideline's limits apply");
  await expect(status(page)).toContainText("The profile from the file profiles/missing.json was rejected:");
  await expect(status(page).locator("li")).toHaveText(
    `profile: ${baseURL}/profiles/missing.json could not be read (HTTP 404)`,
  );
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  await expect(softAlerts(page)).toHaveCount(0);
  expect(asked).toEqual([`${baseURL}/profiles/missing.json`]);
  expect(errors).toEqual([
    "console error: Failed to load resource: the server responded with a status of 404 (Not Found)",
  ]);
});

test("nothing is calculated while the profile loads; then the profile's limits apply", async ({ calculator: page }) => {
  let release;
  const released = new Promise((ok) => (release = ok));
  let requested;
  const asked = new Promise((ok) => (requested = ok));
  await page.route("**/profiles/slow.json", async (route) => {
    requested();
    await released;
    await route.fulfill({ json: EXAMPLE });
  });
  // The page's clock stands still: its 10 s wait cannot run out while the machine is slow.
  await pauseClock(page);

  await open(page, "profile=profiles/slow.json&weight=70&bolus=0.3");
  await asked;
  await expect(status(page)).toHaveText("Loading the institution profile from the file profiles/slow.json…");
  await expect(status(page)).toHaveRole("status");
  await expect(page.locator(".alerts")).toContainText(
    "Institution profile: waiting for the profile from the file profiles/slow.json; nothing is calculated until it is read.",
  );
  // Neither the guideline's figures nor anything else in mg, under a profile still to come.
  await expect(page.locator("#bolus-range")).toHaveText("");
  await expect(page.locator("#infusion-range")).toHaveText("");
  await expect(page.locator("main")).not.toContainText(/\d mg(?!\/)/);
  // Still waiting 9 s later: nothing appears on its own.
  await page.clock.fastForward(9_000);
  await expect(status(page)).toHaveText("Loading the institution profile from the file profiles/slow.json…");
  await expect(page.locator("#bolus-range")).toHaveText("");

  release();
  await expect(status(page)).toContainText("Institution profile: Example General Hospital");
  await expect(page.locator("#bolus-range")).toHaveText("up to 17.5 mg");
  await expect(page.locator(".alerts")).not.toContainText("waiting for the profile");
  await expect(softAlerts(page)).toContainText("Bolus 0.3 mg/kg is above the institution profile's limit of 0.25 mg/kg");
});

test("a profile that never arrives is given up after 10 s, and the guideline applies", async ({ calculator: page }) => {
  await pauseClock(page);
  await page.route("**/profiles/never.json", () => {}); // never answered
  await open(page, "profile=profiles/never.json&weight=70");
  await expect(status(page)).toHaveText("Loading the institution profile from the file profiles/never.json…");
  await page.clock.fastForward(9_000);
  await expect(status(page)).toHaveText("Loading the institution profile from the file profiles/never.json…");
  await expect(page.locator("#bolus-range")).toHaveText("");
  await page.clock.fastForward(1_500);
  await expect(status(page).getByRole("heading")).toHaveText("Institution profile not used: the guideline's limits apply");
  await expect(status(page).locator("li")).toHaveText("profile: nothing arrived from the file profiles/never.json within 10 s");
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
});

test("profile=message outside a host page is refused at once, and the guideline applies", async ({ calculator: page }) => {
  await open(page, "profile=message&weight=70");
  await expect(status(page).getByRole("heading")).toHaveText("Institution profile not used: the guideline's limits apply");
  await expect(status(page).locator("li")).toHaveText(
    'profile: "message" waits for the host page, which needs embed=1, parent_origin and a page around the calculator',
  );
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
});

test("only the profile's protocols and concentrations are offered, and its default fills an empty plan", async ({ calculator: page }) => {
  await serveProfiles(page, { pain: EXAMPLE });
  const values = (select) => page.locator(`${select} option`).evaluateAll((os) => os.map((o) => o.value));

  // Without a profile: every preset, every standard concentration, no protocol chosen.
  await open(page, "weight=70");
  const everyProtocol = await values("#protocol");
  expect(everyProtocol.length).toBeGreaterThan(EXAMPLE.protocols.offered.length + 2);
  expect(everyProtocol).toContain("schwartzman-2009");
  expect(await values("#conc-choice")).toContain("100");
  await expect(page.locator("#protocol")).toHaveValue("");
  await expect(page.locator("#rate")).toHaveValue("");

  // With the profile and no plan entered: only the offered protocols; the default is applied.
  await open(page, "profile=profiles/pain.json&weight=70");
  await expect(status(page)).toContainText("Institution profile: Example General Hospital");
  expect(await values("#protocol")).toEqual(["", "custom", ...EXAMPLE.protocols.offered]);
  await expect(page.locator("#protocol")).toHaveValue("asra-first-outpatient");
  await expect(page.locator("#protocol option:checked")).toContainText("institution default");
  await expect(page.locator("#rate")).toHaveValue("0.5");
  await expect(page.locator("#duration_min")).toHaveValue("150");
  expect(await values("#conc-choice")).toEqual([
    "",
    ...EXAMPLE.standard_concentrations_mg_per_ml.map(String),
    "custom",
  ]);

  // A plan already entered is never replaced by the default.
  await open(page, "profile=profiles/pain.json&weight=70&rate=1");
  await expect(status(page)).toContainText("Institution profile: Example General Hospital");
  await expect(page.locator("#rate")).toHaveValue("1");
  await expect(page.locator("#protocol")).toHaveValue("");
});

test("a link pasted into the same tab that names another profile loads that one", async ({ calculator: page }) => {
  await serveProfiles(page, {
    pain: EXAMPLE,
    icu: profileWith((p) => {
      p.institution = "Example ICU";
      p.limits.iv_bolus_mg_per_kg.soft = 0.2;
    }),
  });
  await open(page, "profile=profiles/pain.json&weight=70");
  await expect(status(page)).toContainText("Institution profile: Example General Hospital");
  await expect(page.locator("#bolus-range")).toHaveText("up to 17.5 mg");

  await page.evaluate(() => (location.hash = "profile=profiles/icu.json&weight=70&bolus=0.1"));
  await expect(status(page)).toContainText("Institution profile: Example ICU");
  await expect(status(page)).toContainText("Loaded from the file profiles/icu.json.");
  await expect(page.locator("#bolus-range")).toHaveText("up to 14 mg");

  // And a link naming none returns to the guideline.
  await page.evaluate(() => (location.hash = "weight=70"));
  await expect(status(page)).toHaveText(GUIDELINE_STATUS);
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
});

test("a profile named, left and named again within the wait is not given up by the first wait's timer", async ({ calculator: page }) => {
  // Regression: the first naming's 10 s timer found the page waiting for the same file again and
  // rejected it ("nothing arrived ... within 10 s") although the new request was on its way.
  // The page's clock stands still and every request is held until the test answers it: each step
  // happens at the page time the test says, however slow the machine.
  await pauseClock(page);
  const held = [];
  await page.route("**/profiles/*.json", (route) => held.push(route));
  const asked = (n) => expect.poll(() => held.length).toBe(n);

  await open(page, "profile=profiles/slow.json&weight=70"); // page time 0: the first wait begins
  await asked(1);
  await expect(status(page)).toContainText("Loading the institution profile from the file profiles/slow.json");
  await page.evaluate(() => (location.hash = "profile=profiles/other.json&weight=70"));
  await asked(2);
  await page.clock.fastForward(5_000);
  await page.evaluate(() => (location.hash = "profile=profiles/slow.json&weight=70")); // 5 s: the third
  await asked(3);
  // 10.5 s: the first wait's timer (and the second's) have run; the third wait has 4.5 s left.
  await page.clock.fastForward(5_500);
  await expect(status(page)).toHaveText("Loading the institution profile from the file profiles/slow.json…");
  await expect(page.locator("#bolus-range")).toHaveText("");

  // The answers to the earlier namings count for nothing; the third's applies.
  await held[0].fulfill({ json: profileWith((p) => (p.institution = "Example stale answer")) });
  await held[1].fulfill({ json: profileWith((p) => (p.institution = "Example other answer")) });
  await held[2].fulfill({ json: EXAMPLE });
  await expect(status(page)).toContainText("Institution profile: Example General Hospital");
  await expect(status(page)).not.toContainText("nothing arrived");
  await expect(page.locator("#bolus-range")).toHaveText("up to 17.5 mg");
});
