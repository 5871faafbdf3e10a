// Helpers for the offline and embed tests (e2e/offline*.spec.mjs, e2e/embed*.spec.mjs).
//
// startServer: a static server on its own port (its own origin, so its own service worker), whose
//   root can be swapped mid-test (to deploy a new build), which records every request it gets,
//   can be stopped (to be truly offline), and sends the headers docs/hospital-web-teams.md asks hospitals for.
// makeVariant: a second build made from dist/ without recompiling: one stylesheet changes (so a
//   hashed file name changes, as in a real release), then pwa/build-sw.mjs runs again on it.
// watchPage: records page errors, console errors, requests and CSP violations of a page and all
//   its frames.

import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, readdir, rename, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { finalize } from "../pwa/build-sw.mjs";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
// E2E_DIST: test another build directory than dist/ (e.g. while someone else rebuilds dist/).
export const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(ROOT, "dist");
export const HOST_EXAMPLE = join(ROOT, "examples", "host");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

/** The Content-Security-Policy header of docs/hospital-web-teams.md, with frame-ancestors for the given hosts. */
export function cspHeader(frameAncestors = ["'none'"]) {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.join(" ")}`,
  ].join("; ");
}

/**
 * Starts a static server on 127.0.0.1 and a free port.
 * options.pages: extra in-memory pages, { "/path": "<html>" }.
 * options.csp: a Content-Security-Policy header to send with HTML pages.
 */
export async function startServer(root, { pages = {}, csp = null } = {}) {
  let current = resolve(root);
  const requests = [];
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    requests.push(path);
    const headers = { "X-Content-Type-Options": "nosniff" };
    if (pages[path] !== undefined) {
      const type = MIME[extname(path)] ?? MIME[".html"];
      res.writeHead(200, { ...headers, "Content-Type": type, "Cache-Control": "no-cache" });
      return res.end(pages[path]);
    }
    const file = normalize(join(current, path.endsWith("/") ? `${path}index.html` : path));
    if (file !== current && !file.startsWith(current + sep)) {
      res.writeHead(403);
      return res.end();
    }
    try {
      if (!(await stat(file)).isFile()) throw Object.assign(new Error(), { code: "ENOENT" });
      const body = await readFile(file);
      const ext = extname(file);
      // Hashed names never change content: cache for a year. Everything else: revalidate.
      const hashed = /-[0-9a-f]{12,}(_bg)?\.(js|wasm|css)$/.test(file);
      Object.assign(headers, {
        "Content-Type": MIME[ext] ?? "application/octet-stream",
        "Cache-Control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      });
      if (csp && ext === ".html") headers["Content-Security-Policy"] = csp;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain", "Cache-Control": "no-store" });
      res.end("not found\n");
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    setRoot(dir) {
      current = resolve(dir);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** The build id written into a built directory's index.html. */
export async function buildIdOf(dir) {
  const html = await readFile(join(dir, "index.html"), "utf8");
  return html.match(/<meta name="build-id" content="([0-9a-f]+)"/)[1];
}

/**
 * Copies dist/ to a fresh directory and makes it a different build: the embed stylesheet gets a
 * custom property `--build-variant: "<marker>"` (which a test can read from the page) and a new
 * hashed name; index.html, its integrity hash, the build id and sw.js follow.
 */
export async function makeVariant(marker, source = DIST) {
  const out = await mkdtemp(join(tmpdir(), `ketamine-build-${marker}-`));
  await cp(source, out, { recursive: true });
  const css = (await readdir(out)).find((f) => /^pwa-embed-[0-9a-f]+\.css$/.test(f));
  if (!css) throw new Error("no pwa-embed-*.css in the build");
  const body = `${await readFile(join(out, css), "utf8")}\n:root { --build-variant: "${marker}"; }\n`;
  const renamed = `pwa-embed-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.css`;
  await writeFile(join(out, css), body);
  await rename(join(out, css), join(out, renamed));
  const integrity = `sha384-${createHash("sha384").update(body).digest("base64")}`;
  let html = await readFile(join(out, "index.html"), "utf8");
  html = html.replace(
    new RegExp(`href="([^"]*)${css.replace(".", "\\.")}" integrity="[^"]*"`),
    (_m, prefix) => `href="${prefix}${renamed}" integrity="${integrity}"`,
  );
  if (!html.includes(renamed)) throw new Error("could not point index.html at the new stylesheet");
  await writeFile(join(out, "index.html"), html);
  const { id } = await finalize(out);
  return { dir: out, id, css: renamed };
}

/** Records problems of a page and every frame in it; call before the first navigation. */
export async function watchPage(page) {
  const log = { errors: [], requests: [] };
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("pageerror", (err) => log.errors.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") log.errors.push(`console error: ${msg.text()}`);
  });
  page.on("request", (req) => log.requests.push(req.url()));
  page.on("response", (res) => {
    if (res.status() >= 400) log.errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return log;
}

/** CSP violations seen so far in the page and each of its frames. */
export async function cspViolations(page) {
  const all = [];
  for (const frame of page.frames()) {
    const found = await frame.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    all.push(...found.map((v) => `${frame.url()}: ${v}`));
  }
  return all;
}

/** Origins of the recorded requests other than the allowed ones (data: URLs excepted). */
export function foreignRequests(log, allowedOrigins) {
  return log.requests.filter(
    (url) => !url.startsWith("data:") && !allowedOrigins.some((o) => url.startsWith(`${o}/`)),
  );
}

/** Waits until this page's service worker is active and its cache is complete. */
export async function waitForOffline(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const names = (await caches.keys()).filter((n) => n.startsWith("ketamine-calculator-"));
    return { state: reg.active.state, caches: names };
  });
}
