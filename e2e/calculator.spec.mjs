// The release build in a real browser: what a clinician sees when typing into the page.

import { test, expect } from "./fixtures.mjs";

test("page has a title, a language, one main landmark, a heading and the disclaimer", async ({ calculator: page }) => {
  await expect(page).toHaveTitle(/Ketamine dosing calculator/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ketamine dosing calculator");
  const disclaimer = page.locator(".disclaimer");
  await expect(disclaimer).toContainText("supports and does not replace clinical judgment");
  await expect(disclaimer).toContainText("ASRA/AAPM/ASA consensus guidelines");
  await expect(disclaimer).toContainText("2018");
});

test("typing 70 kg shows the IV bolus range up to 24.5 mg", async ({ calculator: page }) => {
  const result = page.locator("#bolus-range");
  await expect(result).toHaveText("");
  await page.getByLabel("Weight (kg)").pressSequentially("70");
  await expect(result).toHaveText("up to 24.5 mg");
  await expect(page.locator("#weight-error")).toHaveText("");
});

test("the range follows the weight at both ends of the accepted range", async ({ calculator: page }) => {
  const weight = page.getByLabel("Weight (kg)");
  const result = page.locator("#bolus-range");
  // Worked by hand from 0.35 mg/kg (ASRA 2018, Table 6).
  for (const [kg, text] of [["20", "up to 7 mg"], ["350", "up to 122.5 mg"], ["82", "up to 28.7 mg"]]) {
    await weight.fill(kg);
    await expect(result, `weight ${kg}`).toHaveText(text);
  }
});

test("letters show an error naming the field and its range, and no mg figure", async ({ calculator: page }) => {
  const weight = page.getByLabel("Weight (kg)");
  await weight.fill("abc");
  await weight.press("Tab");
  const error = page.locator("#weight-error");
  await expect(error).toHaveText(/^Weight: .*\d+ to \d+ kg$/);
  await expect(weight).toHaveAttribute("aria-invalid", "true");
  await expect(weight).toHaveAttribute("aria-describedby", "weight-error");
  // The accessible description is what a screen reader reads with the field.
  await expect(weight).toHaveAccessibleDescription(await error.textContent());
  await expect(page.locator("#bolus-range")).toHaveText("");
  await expect(page.locator("main")).not.toContainText(/\d mg(?!\/)/);
});

test("an entry error removes the range at once and correcting it brings it back", async ({ calculator: page }) => {
  const weight = page.getByLabel("Weight (kg)");
  const result = page.locator("#bolus-range");
  await weight.fill("70");
  await expect(result).toHaveText("up to 24.5 mg");
  await weight.press("End");
  await weight.press("0"); // 700
  await expect(result).toHaveText("");
  await expect(page.locator("main")).not.toContainText(/\d mg(?!\/)/);
  await weight.blur();
  await expect(page.locator("#weight-error")).toContainText("Weight");
  // Back into the field (focus may not restore the caret to the end) and delete the extra 0.
  await weight.press("End");
  await weight.press("Backspace"); // 70
  await expect(result).toHaveText("up to 24.5 mg");
  await expect(page.locator("#weight-error")).toHaveText("");
});

test("the error waits until the field is left", async ({ calculator: page }) => {
  const weight = page.getByLabel("Weight (kg)");
  await weight.pressSequentially("7");
  await expect(page.locator("#bolus-range")).toHaveText("");
  await expect(page.locator("#weight-error")).toHaveText("");
  await page.keyboard.press("Tab");
  await expect(page.locator("#weight-error")).toContainText("Weight");
});

test("Enter commits the entry without reloading the page", async ({ calculator: page }) => {
  const weight = page.getByLabel("Weight (kg)");
  await weight.fill("abc");
  await weight.press("Enter");
  await expect(page.locator("#weight-error")).toContainText("Weight");
  await expect(weight).toHaveValue("abc");
});

test("fits a 360 px wide phone screen without sideways scrolling", async ({ calculator: page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByLabel("Weight (kg)").fill("350");
  await expect(page.locator("#bolus-range")).toHaveText("up to 122.5 mg");
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(360);
  const box = await page.getByLabel("Weight (kg)").boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
});

test("the server sends the wasm as application/wasm", async ({ page }) => {
  const wasm = page.waitForResponse((res) => res.url().endsWith(".wasm"));
  await page.goto("/");
  const response = await wasm;
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/wasm");
});
