// Trunk post-build hook (see Trunk.toml), run before build-sw.mjs: writes the page's static
// reference text (rescue medications, references) into index.html, as the engine renders it
// (engine/examples/reference_html.rs). It is readable before the wasm arrives, and the wasm
// carries no view of it. index.html holds the empty <div id="reference"></div> it replaces.
//
// Usage: Trunk runs it with TRUNK_STAGING_DIR set; by hand: node pwa/static-reference.mjs <dir>.

import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PLACEHOLDER = /<div id="reference"><\/div>/;

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("usage: node pwa/static-reference.mjs <build dir>");
const page = join(dir, "index.html");
const html = await readFile(page, "utf8");
if (!PLACEHOLDER.test(html)) throw new Error(`${page} has no <div id="reference"></div> to fill`);
// A native build of the engine's example: the host's own target, never the wasm one. The flags
// of a release build made for size (RELEASE_BUILD_ENV in scripts/toolchain.sh: a standard library
// rebuilt with immediate-abort panics) are for the wasm only; Trunk passes them on to its hooks.
const env = { ...process.env };
for (const key of ["RUSTFLAGS", "CARGO_UNSTABLE_BUILD_STD", "RUSTC_BOOTSTRAP"]) delete env[key];
const reference = execFileSync(
  "cargo",
  ["run", "--quiet", "--locked", "--offline", "-p", "ketamine-engine", "--example", "reference_html"],
  { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
).trim();
if (!reference.startsWith('<div id="reference"')) throw new Error("the engine's reference HTML is not what was expected");
await writeFile(page, html.replace(PLACEHOLDER, () => reference));
console.log(`static-reference: ${reference.length} characters of reference text written into ${page}`);
