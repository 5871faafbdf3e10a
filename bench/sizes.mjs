// Sizes of a built site by type: raw, gzip (level 9) and brotli (quality 11), as a static host
// with precompression would send them. Shared by the benchmark and by the size check in CI.
//
//   import { siteSizes } from "./sizes.mjs";
//   const s = await siteSizes("dist");   // { byType: { wasm: {files, raw, gzip, brotli}, ... }, total: {...} }

import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/// What a first visit downloads: the page and what it loads. The service worker, the manifest and
/// icons are fetched too, but after the first result, so they are counted separately.
const TYPES = { ".wasm": "wasm", ".js": "js", ".css": "css", ".html": "html" };

export function compressed(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
    }).length,
  };
}

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

export async function siteSizes(dir) {
  const byType = {};
  const total = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const path of await files(dir)) {
    const type = TYPES[extname(path).toLowerCase()] ?? "other";
    const sizes = compressed(await readFile(path));
    const row = (byType[type] ??= { files: 0, raw: 0, gzip: 0, brotli: 0 });
    for (const target of [row, total]) {
      target.files += 1;
      target.raw += sizes.raw;
      target.gzip += sizes.gzip;
      target.brotli += sizes.brotli;
    }
  }
  return { byType, total };
}

export const kb = (bytes) => (bytes / 1000).toFixed(1);
