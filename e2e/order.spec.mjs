// Issue 13 end to end, on the release build: an order as written, the independent double check
// on one screen and across two browser contexts (two devices) sharing a check link, the
// preparation, axe scans of the new states, and the printout of a check on one page.

import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures.mjs";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

// 83 kg at 0.5 mg/kg/h and 1 mg/mL: 41.5 mg/h = 41.5 mL/h. A second entry of 82 kg has none of
// these figures, so any "83" or "41.5" on the second screen before the comparison is a leak.
const FIRST = "weight=83&rate=0.5&conc=1&duration_min=150";

async function open(page, fragment) {
  await page.goto(`/#${fragment}`);
  await expect(page.locator("#weight")).toBeEditable();
}

/** The whole body and every field's value: what anyone at the screen could find. The head's
 * asset hashes, the build id and the numbered source ids ("source-83") are left out: they are no
 * figure of the first entry, and they may contain "83". */
const everything = (page) =>
  page.evaluate(
    () =>
      document.body.outerHTML
        .replace(/(<code class="build-id">)[0-9a-f]*/g, "$1")
        .replace(/source-\d+/g, "source-n") +
      [...document.querySelectorAll("input, select, textarea")].map((f) => f.value).join(" "),
  );

async function enterSecond(page, weight) {
  await page.getByLabel("Weight (kg)").fill(weight);
  await page.getByLabel("Infusion rate (mg/kg/h)").fill("0.5");
  await page.locator("#conc-choice").selectOption("1");
  await page.getByLabel("Infusion duration (min per day)").fill("150");
  await page.getByLabel("Infusion duration (min per day)").blur();
}

async function scan(page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
}

test("a pharmacist verifies 2 mg/mL at 35 mL/h for 4 h and sees the dose per kg and the tier", async ({ calculator: page }) => {
  await open(page, "weight=70&rate=35&rate_unit=mL%2Fh&conc=2&duration_min=240");
  await expect(page.locator("#plan-rate-mg-per-kg-per-h")).toHaveText("1 mg/kg/h");
  await expect(page.locator("#plan-rate-mg-per-h")).toHaveText("70 mg/h");
  await expect(page.getByLabel("Infusion rate (mL/h)")).toHaveValue("35");
  await expect(page.locator("#monitoring-tier")).toHaveText("High-dose setting");
});

test("a rate in mL/h without a concentration says the concentration is needed", async ({ calculator: page }) => {
  await open(page, "weight=70&rate=35&rate_unit=mL%2Fh");
  await expect(page.locator("body")).toContainText("Concentration: required for a rate in mL/h");
});

test("one screen: the second entry is blind until compared", async ({ calculator: page }) => {
  await open(page, FIRST);
  await expect(page.locator("#plan-rate-ml-per-h")).toHaveText("41.5 mL/h");
  await page.locator("#start-double-check").click();
  await expect(page.locator("#double-check-banner")).toBeVisible();
  await expect(page.getByLabel("Weight (kg)")).toHaveValue("");
  // The address follows one task after the page (src/address.rs).
  await expect.poll(() => page.url()).not.toContain("83");
  expect(await everything(page)).not.toMatch(/83|41\.5/);
  await scan(page);
  await enterSecond(page, "82");
  await expect(page.locator("#compare-entries")).toBeEnabled();
  expect(await everything(page)).not.toMatch(/83|41\.5/);
  await page.locator("#compare-entries").click();
  await expect(page.locator("#double-check-verdict")).toContainText("Mismatch");
  await expect(page.locator("#double-check-entries tr[data-key='weight']")).toContainText("83 kg");
  await expect(page.locator("#double-check-results tr[data-key='plan.rate_ml_per_h_rounded']")).toContainText("41.5 mL/h");
  await scan(page);
});

test("two devices: a check link carries the first entry, hidden until the second is compared", async ({ browser, calculator: first, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await open(first, FIRST);
  await first.locator("#copy-check-link").click();
  await expect(first.locator("#double-check-status")).toContainText("Check link copied");
  const link = await first.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain("#check=");

  // A second device: its own browser context, nothing shared but the link.
  const device = await browser.newContext();
  const second = await device.newPage();
  const problems = [];
  second.on("pageerror", (e) => problems.push(e.message));
  await second.goto(link);
  await expect(second.locator("#weight")).toBeEditable();
  await expect(second.locator("#double-check-banner")).toBeVisible();
  await expect(second.getByLabel("Weight (kg)")).toHaveValue("");
  // The page takes the first entry out of its address once it has read it.
  await expect.poll(() => second.url()).not.toContain("check=");
  expect(await everything(second)).not.toMatch(/83|41\.5/);
  // The same order: from here the second clinician's own figures are the same as the first's.
  await enterSecond(second, "83");
  await second.locator("#compare-entries").click();
  await expect(second.locator("#double-check-verdict")).toHaveText("Match: both entries and every result agree.");
  await expect(second.locator("#double-check-results tr[data-key='plan.rate_ml_per_h_rounded']")).toContainText("41.5 mL/h");
  await scan(second);

  // The printout carries both entries and the comparison, on one page.
  await second.emulateMedia({ media: "print" });
  await expect(second.locator(".double-check")).toBeVisible();
  const pdf = await second.pdf({ format: "A4", printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length, "printed pages").toBe(1);
  expect(problems).toEqual([]);
  await device.close();
});

test("preparation: 2 mg/mL in a 250 mL bag from the 50 mg/mL vial", async ({ calculator: page }) => {
  await open(page, "weight=70&rate=35&rate_unit=mL%2Fh&conc=2&duration_min=240&vial_mg_per_ml=50&container=bag&container_ml=250");
  await expect(page.locator("#prep-total")).toHaveText("500 mg");
  await expect(page.locator("#prep-draw")).toHaveText("10 mL");
  await expect(page.locator("#prep-diluent")).toHaveText("240 mL");
  await expect(page.locator("#prep-arithmetic")).toContainText("One bag lasts 250 mL / 35 mL/h = 7.14 h (7 h 8 min)");
  await scan(page);
});

test("preparation: a volume too small to measure needs an acknowledgement", async ({ calculator: page }) => {
  await open(page, "weight=70&conc=0.1&vial_mg_per_ml=100&container=syringe&container_ml=50");
  await expect(page.locator(".alert-soft", { hasText: "too small to measure accurately" })).toBeVisible();
  await scan(page);
});
