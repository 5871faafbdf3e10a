// axe-core scan of each state of the page, in light and in dark mode, against WCAG 2.x A and AA.

import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures.mjs";

const PROFILE = readFileSync(new URL("../examples/profile.json", import.meta.url), "utf8");

/** Serves this text as the profile the fragment names (profiles/pain.json). */
const serveProfile = (page, body) =>
  page.route("**/profiles/pain.json", (route) => route.fulfill({ contentType: "application/json", body }));

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

async function open(page, fragment) {
  await page.goto(`/#${fragment}`);
  await expect(page.locator("#weight")).toBeEditable();
}

const STATES = {
  empty: async () => {},
  "valid result": async (page) => {
    await open(page, "weight=70&bolus=0.2&rate=0.5&duration_min=150&conc=1&pain_before=8&pain_after=4");
    await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
    await expect(page.locator("#plan-rate-ml-per-h")).toHaveText("35 mL/h");
    await expect(page.locator("#summary-pump-rate")).toHaveText("35 mL/h");
    // Open the collapsed reference, a source and the details, so that their contents are scanned too.
    for (const summary of ["#route-context", "#monitoring-requirements", "#factor-advice-0", ".rescue details", ".follow-on details"]) {
      await page.locator(`${summary} > summary`).click();
    }
    await page.locator(".route-facts .source-button").first().click();
    await page.locator(".other-uses summary").click();
    await page.locator(".bpi summary").click();
  },
  error: async (page) => {
    const weight = page.getByLabel("Weight (kg)");
    await weight.fill("abc");
    await weight.blur();
    await expect(page.locator("#weight-error")).toContainText("Weight");
  },
  "blocked by a hard limit": async (page) => {
    await open(page, "weight=70&bolus=0.9&risk=intoxication");
    await expect(page.locator("#plan-held")).toContainText("withheld");
  },
  "soft alert pending": async (page) => {
    await open(page, "weight=70&bolus=0.5&rate=0.5&duration_min=150&conc=1");
    const reason = page.locator(".alert-soft").getByLabel("Reason for going ahead");
    await reason.fill("x");
    await reason.press("Enter");
    await expect(reason).toHaveAttribute("aria-invalid", "true");
  },
  acknowledged: async (page) => {
    await open(page, "weight=70&bolus=0.5&rate=0.5&duration_min=150&conc=1");
    const reason = page.locator(".alert-soft").getByLabel("Reason for going ahead");
    await reason.fill("anesthetist present");
    await reason.press("Enter");
    await expect(page.locator("#plan-bolus-mg")).toHaveText("35 mg");
  },
  titration: async (page) => {
    await open(page, "weight=70&protocol=correll-inpatient&step_mg_per_h=5&step_interval_min=60&conc=1");
    await expect(page.locator(".titration-chart")).toBeVisible();
  },
  "institution profile active": async (page) => {
    await serveProfile(page, PROFILE);
    await open(page, "profile=profiles%2Fpain.json&weight=70&bolus=0.3&rate=0.5&duration_min=150&conc=1");
    await expect(page.locator("#profile-status")).toContainText("Example General Hospital");
    await expect(page.locator(".alert-origin-profile").first()).toBeVisible();
  },
  "institution profile rejected": async (page) => {
    await serveProfile(page, PROFILE.replace('"soft": 0.25', '"soft": 0.5'));
    await open(page, "profile=profiles%2Fpain.json&weight=70");
    await expect(page.locator("#profile-status")).toContainText("limits.iv_bolus_mg_per_kg.soft");
  },
  "care area sufficient": async (page) => {
    await open(page, "weight=70&rate=1&duration_min=150&conc=1&care_area=monitored");
    await expect(page.locator("#care-area-check")).toContainText("provides what this plan requires");
  },
  "care area blocks the plan": async (page) => {
    await open(page, "weight=70&rate=1&duration_min=150&conc=1&care_area=ward");
    await expect(page.locator("#care_area-error")).toContainText("does not provide");
    await expect(page.locator("#plan-held")).toContainText("withheld");
  },
  print: async (page) => {
    await open(page, "weight=70&bolus=0.2&rate=0.5&duration_min=150&conc=1&risk=elderly");
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".print-summary")).toBeVisible();
  },
};

for (const scheme of ["light", "dark"]) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });
    for (const [state, reach] of Object.entries(STATES)) {
      test(`no WCAG A/AA violations: ${state} state`, async ({ calculator: page }) => {
        await reach(page);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const summary = results.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
        expect(summary).toEqual([]);
        // A scan that checked nothing would pass vacuously.
        expect(results.passes.length).toBeGreaterThan(10);
      });
    }
  });
}
