// Reads Playwright's JSON report and prints one line per test file: "<file> <passed> <failed>".
// scripts/test.sh uses it to report the end-to-end and accessibility layers separately.
// Usage: node e2e/count.mjs test-results/e2e-report.json

import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
const counts = new Map();

function walk(suite, file) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      const c = counts.get(file) ?? { passed: 0, failed: 0 };
      // "expected" is a pass; anything else ("unexpected", "flaky", "skipped") is not.
      if (t.status === "expected") c.passed += 1;
      else c.failed += 1;
      counts.set(file, c);
    }
  }
  for (const child of suite.suites ?? []) walk(child, file);
}

for (const suite of report.suites ?? []) walk(suite, suite.file ?? suite.title);
// Errors outside any test (a broken config, a server that never started) count as one failure.
if ((report.errors ?? []).length > 0) counts.set("(outside tests)", { passed: 0, failed: report.errors.length });

for (const [file, c] of counts) console.log(`${file} ${c.passed} ${c.failed}`);
