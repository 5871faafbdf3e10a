// Playwright for the SMART on FHIR end-to-end test (e2e/smart.spec.mjs): the SMART release build
// (target/dist-smart, made with the test bed's profile: scripts/smart-e2e.sh) served on
// 127.0.0.1:$E2E_PORT, and the test bed (e2e/smart/testbed.mjs: hfs and the authorization server),
// both started before the tests and stopped after them. Run: bash scripts/smart-e2e.sh
//
// One worker: the tests share one FHIR server, which one of them stops and starts again.

import { defineConfig } from "@playwright/test";
import base from "./playwright.config.mjs";
import { AUTH_ORIGIN } from "./smart/patients.mjs";

const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.SMART_DIST ?? "target/dist-smart";

export default defineConfig({
  ...base,
  testMatch: "smart.spec.mjs",
  testIgnore: [],
  outputDir: "../target/playwright/smart-results",
  workers: 1,
  // Each test goes through the app's start, a redirect out and back, and several FHIR reads
  // answered by a debug build of the server.
  timeout: 90_000,
  reporter: [["line"], ["json", { outputFile: "../target/playwright/smart-report.json" }]],
  webServer: [
    {
      command: `node e2e/serve.mjs ${PORT} ${DIST}`,
      cwd: "..",
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node e2e/smart/testbed.mjs",
      cwd: "..",
      // 503 until hfs is seeded and restarted with auth on.
      url: `${AUTH_ORIGIN}/_testbed/ready`,
      reuseExistingServer: false,
      // Two start-ups of a debug build of hfs on a busy two-core machine.
      timeout: 300_000,
      stdout: "pipe",
      stderr: "pipe",
      // SIGTERM lets the bed stop hfs and remove its temporary directory.
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    },
  ],
});
