// A static host as a hospital would run one: every file precompressed (brotli, else gzip) by the
// client's Accept-Encoding, hashed assets cached for a year, index.html and sw.js revalidated.
// In-process, for the benchmark only: `const { url, close } = await serveSite(dir)`.

import { createServer } from "node:http";
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";

import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

async function load(dir, base = dir, out = new Map()) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await load(path, base, out);
      continue;
    }
    const body = await readFile(path);
    const key = "/" + relative(base, path).split(sep).join("/");
    out.set(key, {
      type: TYPES[extname(path)] ?? "application/octet-stream",
      identity: body,
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      // Names with a content hash never change; everything else must be revalidated.
      immutable: /-[0-9a-f]{8,}[._]/.test(key),
    });
  }
  return out;
}

export async function serveSite(dir) {
  const files = await load(dir);
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://127.0.0.1").pathname;
    const file = files.get(path.endsWith("/") ? path + "index.html" : path);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const accepts = req.headers["accept-encoding"] ?? "";
    const [encoding, body] = accepts.includes("br")
      ? ["br", file.br]
      : accepts.includes("gzip")
        ? ["gzip", file.gzip]
        : ["identity", file.identity];
    res.writeHead(200, {
      "Content-Type": file.type,
      "Content-Encoding": encoding,
      "Content-Length": body.length,
      "Cache-Control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
      Vary: "Accept-Encoding",
    });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

