// The page's shape: the plan a clinician acts on is on the first screen and stays in view while the
// entries change (issue 16), on a phone and on a laptop; the reference text behind it is collapsed
// and opens from the alert that needs it; print still shows everything on one A4 page.

import { test, expect } from "./fixtures.mjs";

const COMMON_JOB = "weight=70&route=iv&protocol=asra-first-outpatient&conc=1";

async function open(page, fragment) {
  await page.goto(`/#${fragment}`);
  await expect(page.locator("#weight")).toBeEditable();
}

/** Whether an element lies wholly inside the viewport, as drawn (sticky offsets included). */
async function onScreen(locator) {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return {
      top: box.top,
      bottom: box.bottom,
      inside: box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth,
    };
  });
}

for (const [width, height] of [[360, 800], [1280, 800]]) {
  test(`${width} x ${height}: the pump rate is on the first screen and stays there while entries change`, async ({ calculator: page }) => {
    await page.setViewportSize({ width, height });
    await open(page, COMMON_JOB);
    const pump = page.locator("#summary-pump-rate");
    // 0.5 mg/kg/h x 70 kg = 35 mg/h; at 1 mg/mL, 35 mL/h: the card's own figure.
    await expect(pump).toHaveText("35 mL/h");
    await expect(page.locator("#plan-rate-ml-per-h")).toHaveText("35 mL/h");
    await expect(page.locator("#summary-status")).toHaveText("Ready");
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const first = await onScreen(pump);
    expect(first.inside, `pump rate at ${first.top} to ${first.bottom} px`).toBe(true);
    // The weight is on the first screen too.
    expect((await onScreen(page.locator("#weight"))).inside).toBe(true);

    // Editing an entry further down the page: the summary is still in view and follows it.
    const duration = page.locator("#duration_min");
    await duration.scrollIntoViewIfNeeded();
    await duration.fill("180");
    await expect(page.locator("#summary-total")).toHaveText("105 mg");
    const later = await onScreen(pump);
    expect(later.inside, `pump rate at ${later.top} px after scrolling`).toBe(true);
    expect((await onScreen(duration)).inside, "the field being edited is on screen").toBe(true);
    const uncovered = await duration.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === el;
    });
    expect(uncovered, "the field being edited is not under the summary").toBe(true);
  });
}

test("each figure of the summary leads to its card, without touching the link's entries", async ({ calculator: page }) => {
  await open(page, COMMON_JOB);
  // The address follows the entries one task after they render (src/address.rs): wait until it
  // carries the protocol's plan, so that only the click could change it afterwards.
  await expect.poll(() => page.url()).toContain("duration_min=150");
  const before = page.url();
  await page.locator("#summary-pump-rate").click();
  await expect(page.locator("#plan-rate-ml-per-h").locator("xpath=ancestor::div[contains(@class,'slot')]")).toBeFocused();
  expect(page.url()).toBe(before);
  await expect(page.locator("#weight")).toHaveValue("70");
});

test("a phone's summary expands to every figure and collapses again", async ({ calculator: page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await open(page, COMMON_JOB);
  const toggle = page.locator(".summary-toggle");
  await expect(page.locator("#summary-tier")).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("#summary-tier")).toBeVisible();
  await expect(page.locator("#summary-rate")).toHaveText("0.5 mg/kg/h = 35 mg/h");
  await toggle.click();
  await expect(page.locator("#summary-tier")).toBeHidden();
});

test("reference text is collapsed and the alert that needs it opens it", async ({ calculator: page }) => {
  await open(page, `${COMMON_JOB}&risk=pregnancy,elderly`);
  for (const id of ["#monitoring-requirements", "#route-context", "#factor-advice-5"]) {
    await expect(page.locator(id), id).not.toHaveAttribute("open", "");
  }
  await expect(page.locator(".requirements").first()).toBeHidden();
  // The pregnancy warning opens the advice for its group.
  await page.locator(".alert-soft", { hasText: "Pregnancy" }).getByRole("button", { name: "Show the advice for this factor" }).click();
  await expect(page.locator("#factor-advice-5")).toHaveAttribute("open", "");
  await expect(page.locator("#risk-pregnancy-advice")).toBeVisible();
  await expect(page.locator("#factor-advice-5 summary")).toBeFocused();
  // The elderly note opens the monitoring requirements.
  await page.locator(".alert-info", { hasText: "Elderly:" }).getByRole("button", { name: "Show the monitoring requirements" }).click();
  await expect(page.locator(".requirements").first()).toBeVisible();
  // A click on a summary opens the rest.
  await page.locator("#route-context > summary").click();
  await expect(page.locator(".route-facts")).toBeVisible();
});

test("print shows the monitoring requirements, collapsed or not, on one A4 page", async ({ calculator: page }) => {
  await open(page, "weight=70&bolus=0.2&rate=0.5&duration_min=150&conc=1&risk=elderly");
  await expect(page.locator("#monitoring-requirements")).not.toHaveAttribute("open", "");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".requirements li").first()).toBeVisible();
  await expect(page.locator("#plan-summary")).toBeHidden();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length, "printed pages").toBe(1);
});
