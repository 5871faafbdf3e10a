// Serves the release build (dist/) on 127.0.0.1 for the Playwright tests, the way a plain static
// host would: no rebuilds, no reload script, only files. Usage: node e2e/serve.mjs [port] [dir]

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const HOST = "127.0.0.1";
const port = Number(process.argv[2] ?? process.env.PORT ?? 4173);
const root = resolve(process.argv[3] ?? join(fileURLToPath(new URL("..", import.meta.url)), "dist"));

// Browsers refuse to stream-compile wasm served under any other type than application/wasm.
const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
};

function send(res, status, body, type = "text/plain; charset=utf-8") {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}

const server = createServer(async (req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, "method not allowed\n");
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, `http://${HOST}`).pathname);
  } catch {
    return send(res, 400, "bad request\n");
  }
  if (path.endsWith("/")) path += "index.html";
  // Resolve inside dist/ only: "/../x" and encoded variants must not escape it.
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    return send(res, 403, "forbidden\n");
  }
  try {
    if (!(await stat(file)).isFile()) return send(res, 404, "not found\n");
    const body = await readFile(file);
    const type = MIME[extname(file).toLowerCase()] ?? "application/octet-stream";
    res.writeHead(200, {
      "Content-Type": type,
      "Content-Length": body.length,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (err) {
    if (err.code === "ENOENT" || err.code === "ENOTDIR") return send(res, 404, "not found\n");
    console.error(err);
    send(res, 500, "internal error\n");
  }
});

try {
  await stat(join(root, "index.html"));
} catch {
  console.error(`serve: no index.html in ${root}; run 'trunk build --release' first`);
  process.exit(1);
}

server.listen(port, HOST, () => {
  console.log(`serve: ${root} on http://${HOST}:${port}/`);
});

// Exit at once: waiting for the browser's keep-alive connections to close would stall the test run.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(0));
}
