// Shared set-up for the end-to-end tests: open the calculator and fail the test on any page error,
// console error, or request that leaves the page's own origin (the app makes no network calls).

import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  calculator: async ({ page, baseURL }, use) => {
    const problems = [];
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("request", (req) => {
      const url = req.url();
      if (!url.startsWith(`${baseURL}/`) && !url.startsWith("data:")) {
        problems.push(`request outside the app: ${url}`);
      }
    });
    await page.goto("/");
    // The field exists only once the wasm has loaded and mounted the app.
    await expect(page.getByLabel("Weight (kg)")).toBeEditable();
    await use(page);
    expect(problems, "page errors, console errors or outside requests").toEqual([]);
  },
});

export { expect };
