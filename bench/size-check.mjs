// CI's size check: fails when the release build grows past its budget. Deterministic (sizes of
// files, compressed at fixed levels), fast, and independent of the machine's load.
// Usage: node bench/size-check.mjs [dist]

import { siteSizes, kb } from "./sizes.mjs";

/// Compressed (gzip) bytes a first visit may transfer: the budget is 150 KB; the aim 100.
const BUDGET_GZIP_BYTES = 150_000;
const AIM_GZIP_BYTES = 100_000;

const dir = process.argv[2] ?? "dist";
const { byType } = await siteSizes(dir);
// What the first visit loads before the first result: page, script, styles, wasm.
const firstVisit = ["html", "js", "css", "wasm"].reduce((sum, t) => sum + (byType[t]?.gzip ?? 0), 0);
for (const [type, s] of Object.entries(byType)) {
  console.log(`size ${type.padEnd(5)} ${String(s.files).padStart(2)} files  raw ${kb(s.raw).padStart(7)} KB  gzip ${kb(s.gzip).padStart(6)} KB  brotli ${kb(s.brotli).padStart(6)} KB`);
}
const verdict = firstVisit <= BUDGET_GZIP_BYTES;
console.log(
  `size first visit (html+js+css+wasm, gzip): ${kb(firstVisit)} KB; budget ${kb(BUDGET_GZIP_BYTES)} KB (aim ${kb(AIM_GZIP_BYTES)} KB): ${verdict ? "within" : "OVER"}`,
);
console.log(verdict ? "1 passed, 0 failed" : "0 passed, 1 failed");
process.exit(verdict ? 0 : 1);
