// Trunk post-build hook (see Trunk.toml): turns Trunk's output into an offline, installable app.
//
//   1. copies the web manifest and the icons from pwa/ into the build;
//   2. moves the module script Trunk writes inline into index.html (it loads the wasm) into its own
//      file, boot-<hash>.js, loaded with an integrity hash (and likewise any other inline script,
//      e.g. trunk serve's reload script): the Content-Security-Policy can then allow scripts from
//      'self' only, with no per-build hash in the policy;
//   3. computes the build id, a hash of every file of the build, and writes it into index.html as
//      <meta name="build-id">, where the app reads it for its footer and printouts;
//   4. writes sw.js from pwa/sw.js with the build id and the list of files to precache.
//
// The build id changes whenever any file changes, and so does sw.js: that byte change is what
// makes browsers install the new service worker.
//
// Usage: Trunk runs it with TRUNK_STAGING_DIR set; by hand: node pwa/build-sw.mjs <dir>.
// Running it again on its own output recomputes the build id and sw.js (the e2e tests use that to
// make a second build from the first).

import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const PWA_DIR = fileURLToPath(new URL(".", import.meta.url));

/// Files in the build that are not part of it: the worker itself (it carries the list) and
/// anything hidden.
const SKIP = new Set(["sw.js"]);

// An inline <script> without a src attribute. Trunk writes one (type="module"); trunk serve, two.
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi;
const BUILD_ID_META = /<meta name="build-id" content="[^"]*"\s*\/?>/;

const sha = (algorithm, data) => createHash(algorithm).update(data);

/** Lists every file under dir, as "/"-separated paths relative to dir, sorted. */
async function listFiles(dir) {
  const out = [];
  async function walk(current) {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(relative(dir, path).split(sep).join("/"));
    }
  }
  await walk(dir);
  return out.sort();
}

/** Copies the manifest and the icons (PNG only: the SVG sources stay in the repository). */
async function copyPwaFiles(dir) {
  await copyFile(join(PWA_DIR, "manifest.webmanifest"), join(dir, "manifest.webmanifest"));
  await mkdir(join(dir, "icons"), { recursive: true });
  for (const name of await readdir(join(PWA_DIR, "icons"))) {
    if (name.endsWith(".png")) await copyFile(join(PWA_DIR, "icons", name), join(dir, "icons", name));
  }
}

/**
 * Moves every inline script into its own boot-<hash>.js, loaded with an integrity hash: Trunk's
 * module script that loads the wasm, and under `trunk serve` (without --no-autoreload) its
 * reload script. Each keeps its place and its kind (module or classic).
 */
async function externalizeInlineScripts(dir, html, publicUrl) {
  const files = [];
  const result = html.replace(INLINE_SCRIPT, (_whole, attrs, body) => {
    const isModule = /\btype=["']?module["']?/i.test(attrs);
    if (!isModule && /\btype=/i.test(attrs) && !/\btype=["']?(text|application)\/javascript["']?/i.test(attrs)) {
      throw new Error(`index.html has an inline <script${attrs}> of a type this hook does not know`);
    }
    const source = body.trim() + "\n";
    const name = `boot-${sha("sha256", source).digest("hex").slice(0, 16)}.js`;
    const integrity = `sha384-${sha("sha384", source).digest("base64")}`;
    files.push({ name, source });
    const type = isModule ? ' type="module"' : "";
    return `<script${type} src="${publicUrl}${name}" integrity="${integrity}"></script>`;
  });
  for (const { name, source } of files) await writeFile(join(dir, name), source);
  return result;
}

/** A hash of every file's path and bytes; index.html counts without its own build-id value. */
async function computeBuildId(dir, files) {
  const hash = sha("sha256", "ketamine-calculator build v1\n");
  for (const file of files) {
    let bytes = await readFile(join(dir, file));
    if (file === "index.html") {
      bytes = Buffer.from(bytes.toString("utf8").replace(BUILD_ID_META, '<meta name="build-id" content="">'));
    }
    hash.update(`${file}\n${bytes.length}\n`);
    hash.update(bytes);
  }
  return hash.digest("hex").slice(0, 16);
}

function setBuildIdMeta(html, id) {
  const meta = `<meta name="build-id" content="${id}" />`;
  if (BUILD_ID_META.test(html)) return html.replace(BUILD_ID_META, meta);
  if (!html.includes("</head>")) throw new Error("index.html has no </head>");
  return html.replace(/\s*<\/head>/, `\n    ${meta}\n  </head>`);
}

/** Writes sw.js: pwa/sw.js with its `const BUILD = ...;` line replaced by this build's. */
async function writeServiceWorker(dir, id, files) {
  const template = await readFile(join(PWA_DIR, "sw.js"), "utf8");
  // index.html is precached under its own name; "/" is answered with it by the worker.
  const assets = files.filter((f) => !SKIP.has(f)).map((f) => encodeURI(f));
  const line = /^const BUILD = .*;$/m;
  if (!line.test(template)) throw new Error("pwa/sw.js has no `const BUILD = ...;` line");
  const build = JSON.stringify({ id, assets });
  await writeFile(join(dir, "sw.js"), template.replace(line, () => `const BUILD = ${build};`));
}

/** Runs every step on a built directory; returns the build id and the precached files. */
export async function finalize(dir, { publicUrl = "/" } = {}) {
  await copyPwaFiles(dir);
  const indexPath = join(dir, "index.html");
  let html = await readFile(indexPath, "utf8");
  html = await externalizeInlineScripts(dir, html, publicUrl.endsWith("/") ? publicUrl : `${publicUrl}/`);
  html = setBuildIdMeta(html, "");
  await writeFile(indexPath, html);
  // Files from an earlier run of this hook on the same directory are not part of this build.
  const referenced = (name) => html.includes(name);
  for (const file of await listFiles(dir)) {
    if (/^boot-[0-9a-f]{16}\.js$/.test(file) && !referenced(file)) await rm(join(dir, file));
  }
  const files = (await listFiles(dir)).filter((f) => !SKIP.has(f));
  const id = await computeBuildId(dir, files);
  await writeFile(indexPath, setBuildIdMeta(html, id));
  await writeServiceWorker(dir, id, files);
  return { id, files };
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error("usage: node pwa/build-sw.mjs <dir> (or run by Trunk, which sets TRUNK_STAGING_DIR)");
    process.exit(2);
  }
  try {
    const { id, files } = await finalize(dir, { publicUrl: process.env.TRUNK_PUBLIC_URL ?? "/" });
    console.log(`build-sw: build ${id}, ${files.length} files precached by sw.js`);
  } catch (err) {
    console.error(`build-sw: ${err.message}`);
    process.exit(1);
  }
}
