// The care area on the release build (issue 12): where the plan will be given, checked against
// what the plan requires. A care area that does not provide it blocks the plan and withholds it;
// the link carries the care area; the printout names it.

import { test, expect } from "./fixtures.mjs";

/** Opens the calculator with a link's fragment and waits for the app to mount. */
async function open(page, fragment) {
  await page.goto(`/#${fragment}`);
  await expect(page.locator("#weight")).toBeEditable();
}

// 1 mg/kg/h at 70 kg: the high-dose setting (question 6), which a monitored unit provides.
const HIGH_DOSE = "weight=70&rate=1&duration_min=150&conc=1";

test("a care area that does not provide the tier blocks and withholds the plan", async ({ calculator: page }) => {
  await open(page, HIGH_DOSE);
  await expect(page.locator("#plan-rate-ml-per-h")).toHaveText("70 mL/h");
  await expect(page.locator("#care-area-check")).toContainText("choose where this plan will be given");

  await page.getByLabel("Where this plan will be given").selectOption("ward");
  await expect(page.locator("#care_area-error")).toContainText("General ward does not provide");
  await expect(page.locator("#care_area")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#plan-held")).toContainText("withheld");
  await expect(page.locator("#plan-rate-ml-per-h")).toHaveCount(0);
  await expect(page).toHaveURL(/care_area=ward/);

  await page.getByLabel("Where this plan will be given").selectOption("monitored");
  await expect(page.locator("#care_area-error")).toHaveText("");
  await expect(page.locator("#plan-rate-ml-per-h")).toHaveText("70 mL/h");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("#print-care-area")).toContainText("Monitored unit");
});

test("an anesthetic-range infusion is withheld until the ICU is chosen", async ({ calculator: page }) => {
  await open(page, "weight=70&rate=3&duration_min=150&conc=1");
  await expect(page.locator("#care_area-error")).toContainText("intensive care unit");
  await expect(page.locator("#plan-rate-ml-per-h")).toHaveCount(0);
  await expect(page.locator("#plan-held")).toContainText("withheld");
  await page.getByLabel("Where this plan will be given").selectOption("icu");
  // In the ICU the plan is no longer blocked; the rate above the recommended range still needs
  // its acknowledgement.
  await expect(page.locator("#care_area-error")).toHaveText("");
  const reason = page.locator(".alert-soft").getByLabel("Reason for going ahead");
  await reason.fill("refractory CRPS, ICU team present");
  await reason.press("Enter");
  await expect(page.locator("#plan-rate-ml-per-h")).toHaveText("210 mL/h");
});
