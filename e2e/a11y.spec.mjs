// axe-core scan of each state of the page, in light and in dark mode, against WCAG 2.x A and AA.

import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures.mjs";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

const STATES = {
  empty: async () => {},
  "valid result": async (page) => {
    await page.getByLabel("Weight (kg)").fill("70");
    await expect(page.locator("#bolus-range")).toHaveText("up to 24.5 mg");
  },
  error: async (page) => {
    const weight = page.getByLabel("Weight (kg)");
    await weight.fill("abc");
    await weight.blur();
    await expect(page.locator("#weight-error")).toContainText("Weight");
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
