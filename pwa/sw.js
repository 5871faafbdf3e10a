// Service worker of the ketamine calculator: the whole app, offline, one build at a time.
//
// pwa/build-sw.mjs (a Trunk post-build hook) writes this file into the build with the line below
// replaced by the build id and the list of every file of that build.
//
// - install: downloads every file of this build into one cache named after the build; the new
//   worker then waits (no skipWaiting here) so that open pages keep the build they started with.
// - message "skip-waiting": sent by the page when the clinician accepts the update.
// - activate: deletes the caches of every other build.
// - fetch: answers from this build's cache; the network is only a fallback for files the cache
//   does not hold. The page therefore never combines an index.html of one build with the code of
//   another, and opens with no network at all after one visit.
// - institution profiles named by URL (the page fetches them asking for JSON) are the hospital's,
//   not the build's: network first, so an edited profile applies on the next load, with the last
//   copy kept in a cache of their own for when there is no network.
//
// - the health record (SMART on FHIR, docs/ehr-integration.md): the worker never answers or keeps
//   a request to another origin (the record and its authorization server are elsewhere), nor one
//   that carries its own Authorization header, nor a SMART discovery document, even when a
//   hospital serves its FHIR base from the calculator's origin. Those go straight to the network.
//
// The worker itself never sends a request to another origin.

const BUILD = { id: "unbuilt", assets: [] };

const PREFIX = "ketamine-calculator-";
// Outside PREFIX on purpose: a new build must not delete the hospital's profile.
const PROFILES = "ketamine-profiles";
const CACHE = PREFIX + BUILD.id;
const SCOPE = new URL(self.registration.scope);
const INDEX = new URL("index.html", SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(
      BUILD.assets.map(async (path) => {
        const url = new URL(path, SCOPE).href;
        // "no-store": straight from the server, never from the HTTP cache, which could hold a
        // file of an older build under the same unhashed name (index.html, icons, manifest).
        const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        if (url === INDEX) await checkBuildId(response.clone());
        await cache.put(url, response);
      }),
    );
  } catch (err) {
    // A half-filled cache must never serve a page: drop it; the browser retries the update on a
    // later visit.
    await caches.delete(CACHE);
    throw err;
  }
}

// The server may already hold a newer build than this worker (a deploy during the install): its
// index.html would reference files this cache does not have. Refuse to install in that case.
async function checkBuildId(response) {
  const html = await response.text();
  if (!html.includes(`<meta name="build-id" content="${BUILD.id}"`)) {
    throw new Error(`index.html on the server is not build ${BUILD.id}`);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))),
      ),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || typeof data !== "object") return;
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "build-id" && event.ports[0]) {
    event.ports[0].postMessage({ type: "build-id", id: BUILD.id });
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  if (request.headers.has("Authorization") || url.pathname.includes("/.well-known/")) return;
  if (request.mode === "navigate") {
    // Only the app's own page; anything else under the scope goes to the network untouched.
    if (url.pathname === SCOPE.pathname || url.href.split(/[?#]/)[0] === INDEX) {
      event.respondWith(fromCache(INDEX, request));
    }
    return;
  }
  event.respondWith(fromCache(url.href, request));
});

async function fromCache(key, request) {
  // caches.match with a cache name never creates the cache, unlike caches.open.
  const hit = await caches.match(key, { cacheName: CACHE });
  if (hit) return hit;
  if (isProfile(request)) return profileFromNetworkOrCopy(request);
  // Not part of this build (or the cache was cleared by the browser): the network, if any.
  return fetch(request);
}

// The app's only fetch() is the institution profile, and it asks for JSON.
function isProfile(request) {
  return request.destination === "" && (request.headers.get("Accept") ?? "").includes("application/json");
}

// What is kept: a JSON answer of at most 64 KB (the app's own limit), so that a login page or a
// large file named by a link is never stored. A profile the server no longer has is forgotten.
// The copy carries the time it was saved, and the page shows it, so a clinician offline sees
// that the limits are those of that day.
const PROFILE_MAX_BYTES = 64 * 1024;

async function profileFromNetworkOrCopy(request) {
  const copies = await caches.open(PROFILES);
  let response;
  try {
    response = await fetch(request);
  } catch (err) {
    const copy = await copies.match(request.url);
    if (copy) return copy;
    throw err;
  }
  if (response.status === 404 || response.status === 410) {
    await copies.delete(request.url);
  } else if (response.ok && (response.headers.get("Content-Type") ?? "").includes("json")) {
    const body = await response.clone().arrayBuffer();
    if (body.byteLength <= PROFILE_MAX_BYTES) {
      const headers = {
        "Content-Type": response.headers.get("Content-Type"),
        "X-Ketamine-Profile-Saved": new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      };
      await copies.put(request.url, new Response(body, { status: 200, headers }));
    }
  }
  return response;
}
