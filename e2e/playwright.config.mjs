// Playwright against the release build in dist/, served by e2e/serve.mjs on 127.0.0.1.
// The browser is the system Chromium: `playwright install` would try to download one, and
// these machines cannot.

import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: ".",
  // The SMART on FHIR test needs its own build and servers: e2e/smart.config.mjs.
  testIgnore: ["smart.spec.mjs"],
  // Under target/, which Trunk does not watch: test runs must not trigger rebuilds of a served app.
  outputDir: "../target/playwright/test-results",
  // Clinical software: a test that needs a retry to pass is a failure worth seeing.
  retries: 0,
  forbidOnly: !!process.env.CI,
  workers: process.env.CI ? 1 : 2,
  // Every wait is on a condition (an element, a message, a worker's state); this is only how long
  // to wait for it before calling it a failure. 5 s (the default) is too short on a two-core
  // machine shared with several builds: loading and compiling the wasm alone can take that long.
  expect: { timeout: 15_000 },
  reporter: [["line"], ["json", { outputFile: "../target/playwright/report.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node e2e/serve.mjs ${PORT} dist`,
    cwd: "..",
    url: `http://127.0.0.1:${PORT}/`,
    // Never test whatever else happens to hold the port.
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
