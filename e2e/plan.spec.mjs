// The main flows of the calculator on the release build, as a clinician uses them: units, a
// protocol, invalid entries, hard and soft limits, the link, print, the note and the keyboard.
// Expected figures are worked by hand from the guideline (ASRA 2018 Tables 1 and 6) and match the
// engine's own tests.

import { test, expect } from "./fixtures.mjs";

const VALID = "weight=70&bolus=0.2&rate=0.5&duration_min=150&conc=1";

/** Opens the calculator with a link's fragment and waits for the app to mount. */
async function open(page, fragment) {
  await page.goto(`/#${fragment}`);
  await expect(page.locator("#weight")).toBeEditable();
}

test("a weight shows the route's ranges, and pounds show the conversion to kg", async ({ calculator: page }) => {
  await page.getByLabel("Weight (kg)").fill("70");
  await expect(page.locator('[data-bench="first-result"]')).toHaveText("up to 24.5 mg");
  await expect(page.locator("#infusion-range")).toHaveText("35 to 140 mg/h");

  await page.getByLabel("Weight unit").selectOption("lb");
  await expect(page.getByLabel("Weight (lb)")).toHaveValue("70");
  // 70 lb = 31.75 kg; 0.35 mg/kg x 31.75 kg = 11.1 mg.
  await expect(page.locator("#weight-conversion")).toHaveText("70 lb = 31.75 kg");
  await expect(page.locator("#bolus-range")).toHaveText("up to 11.11 mg");
  await page.getByLabel("Weight (lb)").fill("154");
  await expect(page.locator("#weight-conversion")).toHaveText("154 lb = 69.85 kg");
});

test("the rate unit selector changes the entry's unit and all four rate slots stay labelled", async ({ calculator: page }) => {
  await open(page, "weight=70&duration_min=150&conc=2&rate=0.5");
  const slot = (label) => page.getByLabel(label, { exact: true });
  await expect(slot("Infusion rate (mg/kg/h)").last()).toHaveText("0.5 mg/kg/h");
  await expect(page.locator("#plan-rate-mg-per-h")).toHaveText("35 mg/h");
  await expect(page.locator("#plan-rate-mcg-per-kg-per-min")).toHaveText("8.33 mcg/kg/min");
  await expect(page.locator("#plan-rate-ml-per-h")).toHaveText("17.5 mL/h");

  await page.getByLabel("Infusion rate unit").selectOption("mg/h");
  await expect(page.locator('label[for="rate"]')).toHaveText("Infusion rate (mg/h)");
  await page.locator("#rate").fill("35");
  await expect(page.locator("#plan-rate-mg-per-kg-per-h")).toHaveText("0.5 mg/kg/h");
  await expect(page.locator("#plan-rate-ml-per-h")).toHaveText("17.5 mL/h");

  await page.getByLabel("Infusion rate unit").selectOption("mcg/kg/min");
  await page.locator("#rate").fill("5");
  // 5 mcg/kg/min x 70 kg x 60 / 1000 = 21 mg/h = 0.3 mg/kg/h.
  await expect(page.locator("#plan-rate-mg-per-h")).toHaveText("21 mg/h");
  await expect(page.locator("#plan-rate-mg-per-kg-per-h")).toHaveText("0.3 mg/kg/h");
  await expect(page).toHaveURL(/rate_unit=mcg%2Fkg%2Fmin/);
});

test("choosing a protocol fills the plan and shows its regimen, source and schedule", async ({ calculator: page }) => {
  await page.getByLabel("Weight (kg)").fill("70");
  await page.getByLabel("Protocol preset").selectOption("asra-first-outpatient");
  await expect(page.locator("#rate")).toHaveValue("0.5");
  await expect(page.locator("#duration_min")).toHaveValue("150");
  await expect(page.locator("#protocol-detail")).toContainText("A single outpatient infusion of at least 80 mg");
  await expect(page.locator("#protocol-detail .source-button")).toHaveAccessibleName(
    "Source: ASRA/AAPM/ASA guideline 2018, question 3 and Table 6",
  );
  // 0.5 mg/kg/h x 70 kg x 2.5 h = 87.5 mg: the target is met by 7.5 mg.
  await expect(page.locator("#plan-total-day")).toHaveText("87.5 mg");
  await expect(page.locator("#target-verdict")).toHaveText("Met: 7.5 mg above 80 mg.");

  await page.getByLabel("Protocol preset").selectOption("correll-inpatient");
  await page.getByLabel("Concentration (mg/mL)").selectOption("1");
  await page.getByLabel("Titration step (mg/h)").fill("5");
  await page.getByLabel("Step interval (min)").fill("60");
  // 10, 15, 20, 25, then 30 mg/h held to 24 h: 10 + 15 + 20 + 25 + 30 x 20 = 670 mg.
  const schedule = page.locator(".titration");
  await expect(schedule).toContainText("670 mg over the first 1,440 min");
  await expect(schedule.locator("tbody tr")).toHaveCount(5);
  await expect(schedule.locator("circle.rate-point")).toHaveCount(5);
  await expect(schedule.getByRole("img")).toHaveAccessibleName(/Titration: rate/);
});

test("invalid entries say which field and what range, next to the field, and show no result", async ({ calculator: page }) => {
  await page.getByLabel("Weight (kg)").fill("70");
  const duration = page.getByLabel("Infusion duration (min per day)");
  await page.locator("#rate").fill("0.5");
  await duration.fill("abc");
  await duration.press("Tab");
  const error = page.locator("#duration_min-error");
  await expect(error).toContainText(/^Duration: .*\d+ to [\d,]+ min$/);
  await expect(duration).toHaveAttribute("aria-invalid", "true");
  await expect(duration).toHaveAccessibleDescription(await error.textContent());
  await expect(page.locator("#bolus-range")).toHaveText("");
  await expect(page.locator("#plan-held")).toContainText("No plan yet");
  await expect(page.locator(".problems")).toContainText(await error.textContent());
  // "Go to field" takes the keyboard there.
  await page.locator(".problems").getByRole("button", { name: "Go to field" }).click();
  await expect(duration).toBeFocused();
});

test("a hard limit blocks: the plan is withheld and no dose is shown anywhere", async ({ calculator: page }) => {
  await open(page, VALID);
  await expect(page.locator("#plan-bolus-mg")).toHaveText("14 mg");
  await page.locator("#bolus").fill("0.9");
  await page.locator("#bolus").blur();
  await expect(page.locator("#bolus-error")).toContainText("Bolus 0.9 mg/kg is blocked");
  await expect(page.locator("#plan-held")).toContainText("Plan withheld");
  await expect(page.locator(".problems h3")).toHaveText("Plan blocked by a hard limit");
  await expect(page.locator("#monitoring-tier")).toHaveText("Beyond the guideline");
  await expect(page.locator("#bolus-range")).toHaveText("");
  // No absolute dose, rate or volume on the page (per-kg entries such as 0.9 mg/kg remain).
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/\d (mg|mL)(?![/\w])/);
  expect(text).not.toMatch(/\d (mg\/h|mL\/h|mcg\/kg\/min)/);
});

test("a soft limit holds the plan until it is acknowledged with a reason", async ({ calculator: page }) => {
  await open(page, "weight=70&bolus=0.5&rate=0.5&duration_min=150&conc=1");
  const alert = page.locator(".alert-soft");
  await expect(alert).toContainText("Bolus 0.5 mg/kg is above the IV chronic-pain range");
  await expect(page.locator("#plan-held")).toHaveText("Acknowledge 1 warning to release the plan.");
  await expect(page.locator("#plan-bolus-mg")).toHaveCount(0);

  const reason = alert.getByLabel("Reason for going ahead");
  await reason.fill("ok");
  await reason.press("Enter");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(alert).toContainText("at least 3 characters");
  await expect(page.locator("#plan-bolus-mg")).toHaveCount(0);

  await reason.fill("anesthetist present");
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(alert.locator(".ack-given")).toContainText("anesthetist present");
  await expect(page.locator("#plan-bolus-mg")).toHaveText("35 mg");
  await expect(page.locator(".pending-count")).toHaveText("Every warning is acknowledged.");
  // Focus lands on the acknowledged alert's Withdraw button, not lost to the page.
  await expect(alert.getByRole("button", { name: "Withdraw" })).toBeFocused();
});

test("a link restores every entry and its results, and entries update the link", async ({ calculator: page }) => {
  await open(page, `${VALID}&risk=elderly,pregnancy&pain_before=8&pain_after=4`);
  await expect(page.locator("#weight")).toHaveValue("70");
  await expect(page.locator("#bolus")).toHaveValue("0.2");
  await expect(page.getByLabel("Concentration (mg/mL)")).toHaveValue("1");
  await expect(page.getByLabel("Elderly")).toBeChecked();
  await expect(page.getByLabel("Pregnancy", { exact: true })).toBeChecked();
  await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  await expect(page.locator("#percent-relief")).toHaveText("50 %");
  // Acknowledgements are never in a link: the pregnancy warning waits for this clinician.
  await expect(page.locator("#plan-held")).toContainText("Acknowledge");

  await page.locator("#weight").fill("80");
  await expect(page).toHaveURL(/#weight=80&/);
  await page.reload();
  await expect(page.locator("#weight")).toHaveValue("80");
  await expect(page.locator("#bolus-range")).toHaveText("up to 28 mg");

  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.locator("#weight")).toHaveValue("");
  await expect(page.locator("#weight")).toBeFocused();
  await expect(page.getByLabel("Elderly")).not.toBeChecked();
  // The address follows a task after the page (src/app.rs, follow_in_url).
  await expect.poll(() => new URL(page.url()).hash).toBe("");
});

test("copy as note puts the engine's note on the clipboard and says so", async ({ calculator: page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await open(page, VALID);
  await page.getByRole("button", { name: "Copy as note" }).click();
  await expect(page.locator("#share-status")).toHaveText("Note copied to the clipboard.");
  const note = await page.evaluate(() => navigator.clipboard.readText());
  expect(note).toContain("Infusion: 0.5 mg/kg/h = 35 mg/h = 8.33 mcg/kg/min");
  expect(note).toContain("Pump: 35 mL/h at 1 mg/mL");
  expect(note).toContain("Bolus: 0.2 mg/kg = 14 mg");
  expect(note).toMatch(/Date and time: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(note).toContain("supports and does not replace clinical judgment");
});

test("print view: one page with entries, results, acknowledgements, sources and versions; no controls", async ({ calculator: page }) => {
  await open(page, `weight=70&bolus=0.5&rate=0.5&duration_min=150&conc=1&risk=elderly&pain_before=8&pain_after=4`);
  const reason = page.locator(".alert-soft").getByLabel("Reason for going ahead");
  await reason.fill("anesthetist present");
  await reason.press("Enter");
  await expect(page.locator("#plan-bolus-mg")).toHaveText("35 mg");

  await page.emulateMedia({ media: "print" });
  const summary = page.locator(".print-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(/Printed \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(summary).toContainText(/rules \d{4}\.\d+\.\d+/);
  await expect(summary).toContainText("Weight70 kg");
  await expect(summary).toContainText("Bolus0.5 mg/kg");
  await expect(page.locator("#plan-bolus-mg")).toBeVisible();
  await expect(page.locator("#plan-rate-ml-per-h")).toBeVisible();
  await expect(page.locator(".ack-given")).toContainText("anesthetist present");
  await expect(page.locator(".ack-given")).toBeVisible();
  // Sources print as words beside each item.
  await expect(page.locator(".alert-soft .source-short")).toBeVisible();
  // Controls are not printed.
  for (const control of ["#weight", "#copy-note", "#clear", ".alert-soft .source-button", ".ack-given button"]) {
    await expect(page.locator(control).first(), control).toBeHidden();
  }
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length, "printed pages").toBe(1);
});

test("keyboard only: Tab reaches every control in order, with a visible focus, and operates them", async ({ calculator: page }) => {
  await page.keyboard.press("Tab");
  await expect(page.locator("#weight")).toBeFocused();
  await page.keyboard.type("70");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Weight unit")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(page.locator("#weight")).toBeFocused();

  // Walk the whole page: every stop is visible, has a focus indicator and a name, and the walk
  // comes back round without getting stuck.
  const seen = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        id: el.id || el.textContent.trim().slice(0, 30),
        tag: el.tagName,
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        visible: box.width > 0 && box.height > 0,
      };
    });
    if (info === null) break;
    if (seen.length > 0 && info.id === seen[0].id) break;
    seen.push(info);
  }
  const ids = seen.map((s) => s.id);
  for (const id of ["weight_unit", "height", "sex", "age", "dosing_weight-actual", "route", "protocol", "bolus", "rate", "rate_unit", "duration_min", "days", "conc-choice", "risk-elderly", "pain_before", "copy-note", "clear"]) {
    expect(ids, `Tab reaches ${id}`).toContain(id);
  }
  expect(ids.indexOf("weight_unit")).toBeLessThan(ids.indexOf("bolus"));
  expect(ids.indexOf("bolus")).toBeLessThan(ids.indexOf("risk-elderly"));
  for (const s of seen) {
    expect(s.visible, `${s.id} is visible`).toBe(true);
    expect(s.outline, `${s.id} shows focus`).toBe(true);
  }

  // Operate: Space ticks a factor, arrow keys choose a radio, Enter opens a source.
  await page.locator("#risk-elderly").focus();
  await page.keyboard.press("Space");
  await expect(page.locator("#risk-elderly")).toBeChecked();
  await page.locator("#dosing_weight-actual").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.locator("#dosing_weight-ideal")).toBeChecked();
  await expect(page.locator("#height-error")).toContainText("Height: required");
  await page.keyboard.press("ArrowLeft");
  await expect(page.locator("#dosing_weight-actual")).toBeChecked();
  // The route's Table 1 context is collapsed: open it from the keyboard, then its first source.
  await page.locator("#route-context > summary").focus();
  await page.keyboard.press("Enter");
  const source = page.locator(".route-facts .source-button").first();
  await source.focus();
  await page.keyboard.press("Enter");
  await expect(source).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(".route-facts .source-citation").first()).toContainText("Reg Anesth Pain Med 2018");
  await page.keyboard.press("Space");
  await expect(source).toHaveAttribute("aria-expanded", "false");
});

test("fits a 360 px phone in every main state without sideways scrolling", async ({ calculator: page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const fragment of [
    VALID,
    "weight=70&bolus=0.5&rate=0.5&duration_min=150&conc=1",
    "weight=70&bolus=0.9",
    "weight=70&protocol=correll-inpatient&step_mg_per_h=5&step_interval_min=60&conc=1",
  ]) {
    await open(page, fragment);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, fragment).toBeLessThanOrEqual(360);
  }
});

test("print fits one A4 page even with many warnings, a multi-day course or a titration schedule", async ({ calculator: page }) => {
  for (const fragment of [
    "weight=120&height=170&sex=male&dosing_weight=adjusted&bolus=0.5&rate=1.5&duration_min=240&days=3&conc=2&risk=elderly,comorbidity,psychosis,severe_liver_disease,unstable_angina&age=80",
    "weight=70&protocol=correll-inpatient&step_mg_per_h=5&step_interval_min=60&conc=1&risk=elderly,pregnancy,cardiovascular_risk,liver_risk&pain_before=8&pain_after=4&relief_weeks=3&treatments_this_year=4",
  ]) {
    await page.emulateMedia({ media: "screen" });
    await open(page, fragment);
    // Acknowledge every warning, as a clinician would before printing the plan.
    const pending = page.locator(".alert-soft:not(.acknowledged) .ack-form input");
    while ((await pending.count()) > 0) {
      await pending.first().fill("reviewed by the consultant");
      await pending.first().press("Enter");
    }
    await expect(page.locator(".pending-count")).toHaveText("Every warning is acknowledged.");
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length, fragment).toBe(1);
  }
});
