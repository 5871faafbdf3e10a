// The SMART on FHIR test bed: a real FHIR server and a real authorization server on 127.0.0.1, for
// e2e/smart.spec.mjs (nothing in the app is mocked; the browser follows real redirects).
//
//   FHIR server    helios-hfs (scripts/setup.sh installs it), SQLite in a temporary directory,
//                  JWTs checked against the authorization server's JWKS, `patient/` scopes confined
//                  to the token's `patient` claim, /.well-known/smart-configuration naming the AS.
//   authorization  oauth2-mock-server (npm): authorization code with PKCE; the hooks below check
//                  what a SMART app must send and add the launch context.
//
// Start-up: hfs starts with auth off, the patients of patients.mjs are written and read back
// through the searches the app uses (a missing search-parameter bundle would make hfs ignore
// `patient` and `code` silently), then hfs restarts with auth on over the same database.
// GET /_testbed/ready answers 200 only then. SIGTERM or SIGINT stop both servers and remove the
// temporary directory.
//
// Usage: node e2e/smart/testbed.mjs   (ports from SMART_FHIR_PORT / SMART_AUTH_PORT, 8311 / 8312;
// the app's origin, for CORS and the registered redirect URI, from E2E_PORT).
//
// What a test chooses, and how (all on the authorization server's origin):
//   EHR launch `launch=<patient>` or `launch=<patient>.<mode>`; standalone launch: the patient and
//   mode of POST /_testbed/standalone?patient=…&mode=…, (reset by POST /_testbed/reset).
//   Modes: refuse          the authorization is refused: error=access_denied
//          bad-state       the code comes back with another `state` than the app sent
//          expired         the JWT has already expired (expires_in still says 3600): hfs answers 401
//          expires-at-once the JWT has expired and expires_in is 0
//          other-patient   the token response names p-other while the JWT names the launch
//                          patient: hfs must refuse the read (403)
//   GET /_testbed/log      every authorization and token request seen, and every rule broken
//   GET /_testbed/seed     the day seeded and the measurement dates
//   POST /_testbed/fhir/stop, POST /_testbed/fhir/start   the FHIR server down, and back

import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, openSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";
import { AUTH_ORIGIN, AUTH_PORT, CLIENT_ID, FHIR_BASE, FHIR_PORT, WEIGHT_LOINC, seed } from "./patients.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const APP_ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173)}`;
/** The one redirect URI registered for the client, as an EHR's app registration holds it. */
const REDIRECT_URI = `${APP_ORIGIN}/`;
const DATA_DIR = process.env.HFS_DATA_DIR ?? join(ROOT, "target", "hfs-data");
const LOG_DIR = process.env.SMART_LOG_DIR ?? join(ROOT, "target", "test-logs");
const PATIENTS = ["p-recent", "p-old-lb", "p-none", "p-other"];
const MODES = ["refuse", "bad-state", "expired", "expires-at-once", "other-patient"];
const EHR_SCOPES = ["launch", "openid", "fhirUser", "patient/Patient.rs", "patient/Observation.rs"];
const STANDALONE_SCOPES = ["launch/patient", "openid", "fhirUser", "patient/Patient.rs", "patient/Observation.rs"];

const say = (msg) => console.log(`testbed: ${msg}`);

function findHfs() {
  if (process.env.HFS_BIN) return process.env.HFS_BIN;
  const dirs = [...(process.env.PATH ?? "").split(delimiter), join(homedir(), ".cargo", "bin")];
  for (const dir of dirs) if (dir && existsSync(join(dir, "hfs"))) return join(dir, "hfs");
  throw new Error("hfs not found on PATH or in ~/.cargo/bin: run scripts/setup.sh");
}

// ---------------------------------------------------------------------------------------------
// The FHIR server

let hfs = null;
let hfsExit = null;
let workDir;
const seeded = seed(new Date());

function hfsEnv(authOn) {
  // Only what is set here: an HFS_* variable of the caller's shell must not change the bed.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("HFS_")));
  Object.assign(env, {
    HFS_SERVER_HOST: "127.0.0.1",
    HFS_SERVER_PORT: String(FHIR_PORT),
    HFS_BASE_URL: FHIR_BASE,
    HFS_STORAGE_BACKEND: "sqlite",
    HFS_DATABASE_URL: join(workDir, "fhir.db"),
    HFS_DATA_DIR: DATA_DIR,
    HFS_EXPORT_DIR: join(workDir, "exports"),
    HFS_LOG_LEVEL: "warn",
    HFS_UI_ENABLED: "false",
    HFS_SOF_ENABLED: "false",
    HFS_NL_SEARCH_ENABLED: "false",
    HFS_CORS_ORIGINS: APP_ORIGIN,
    HFS_AUTH_ENABLED: String(authOn),
  });
  if (authOn) {
    Object.assign(env, {
      HFS_AUTH_JWKS_URL: `${AUTH_ORIGIN}/jwks`,
      HFS_AUTH_ISSUER: AUTH_ORIGIN,
      HFS_AUTH_AUDIENCE: FHIR_BASE,
      HFS_SMART_AUTHORIZE_ENDPOINT: `${AUTH_ORIGIN}/authorize`,
      HFS_SMART_TOKEN_ENDPOINT: `${AUTH_ORIGIN}/token`,
      HFS_SMART_JWKS_URL: `${AUTH_ORIGIN}/jwks`,
    });
  }
  return env;
}

async function startHfs(authOn) {
  if (hfs) throw new Error("hfs is already running");
  mkdirSync(LOG_DIR, { recursive: true });
  const logPath = join(LOG_DIR, "smart-hfs.log");
  const log = openSync(logPath, "a");
  const started = Date.now();
  hfs = spawn(findHfs(), [], { env: hfsEnv(authOn), stdio: ["ignore", log, log] });
  hfsExit = new Promise((resolve) => hfs.once("exit", (code, signal) => resolve({ code, signal })));
  hfsExit.then(({ code, signal }) => {
    if (hfs && !stopping) say(`hfs exited unexpectedly (code ${code}, signal ${signal}); see ${logPath}`);
  });
  // A debug build loads the R4 search parameters slowly: allow time, but notice an early exit.
  const deadline = Date.now() + 240_000;
  for (;;) {
    const exited = await Promise.race([hfsExit, new Promise((r) => setTimeout(() => r(null), 250))]);
    if (exited) {
      hfs = null;
      throw new Error(`hfs exited during start-up (code ${exited.code}); see ${logPath}`);
    }
    try {
      const res = await fetch(`${FHIR_BASE}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`hfs did not answer on ${FHIR_BASE} within 240 s; see ${logPath}`);
  }
  say(`hfs up with auth ${authOn ? "on" : "off"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

let stopping = false;
async function stopHfs() {
  if (!hfs) return;
  const child = hfs;
  stopping = true;
  child.kill("SIGTERM");
  const done = await Promise.race([hfsExit, new Promise((r) => setTimeout(() => r(null), 15_000))]);
  if (!done) {
    say("hfs did not stop within 15 s of SIGTERM: killing it");
    child.kill("SIGKILL");
    await hfsExit;
  }
  hfs = null;
  stopping = false;
}

async function fhir(method, path, body) {
  const res = await fetch(`${FHIR_BASE}${path}`, {
    method,
    headers: { Accept: "application/fhir+json", ...(body ? { "Content-Type": "application/fhir+json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** Writes the patients, then reads them back through the app's own search. */
async function seedPatients() {
  for (const r of seeded.resources) await fhir("PUT", `/${r.resourceType}/${r.id}`, r);
  const latest = await fhir(
    "GET",
    `/Observation?patient=p-recent&code=${encodeURIComponent(`http://loinc.org|${WEIGHT_LOINC}`)}&_sort=-date&_count=50`,
  );
  const ids = (latest.entry ?? []).filter((e) => e.search?.mode !== "outcome").map((e) => e.resource.id);
  const warnings = (latest.entry ?? []).filter((e) => e.resource?.resourceType === "OperationOutcome");
  // Newest first: the entered-in-error one, then the standing kg weight, then the older lb one.
  if (ids.join() !== "w-c-in-error,w-b-recent-kg,w-a-older-lb" || warnings.length) {
    throw new Error(
      `hfs does not search as the app needs (got ${JSON.stringify(ids)}, ${warnings.length} warnings): ` +
        `is ${join(DATA_DIR, "search-parameters-r4.json")} there? Run scripts/setup.sh`,
    );
  }
  const none = await fhir(
    "GET",
    `/Observation?patient=p-none&code=${encodeURIComponent(`http://loinc.org|${WEIGHT_LOINC}`)}`,
  );
  if ((none.entry ?? []).some((e) => e.resource?.resourceType === "Observation")) {
    throw new Error("hfs returned a weight for p-none: the patient search parameter is ignored");
  }
  say(`seeded ${seeded.resources.length} resources and read them back`);
}

// ---------------------------------------------------------------------------------------------
// The authorization server

const issuer = new OAuth2Issuer();
issuer.url = AUTH_ORIGIN;
const service = new OAuth2Service(issuer);
/** Authorization codes handed out and not yet exchanged, with their launch context. */
const codes = new Map();
const log = { authorize: [], token: [], violations: [] };
const DEFAULT_STANDALONE = { patient: "p-recent", mode: null };
let standalone = { ...DEFAULT_STANDALONE };

function violation(where, message) {
  log.violations.push(`${where}: ${message}`);
  say(`RULE BROKEN at ${where}: ${message}`);
  return message;
}

/** The rules of SMART-CONTRACT.md for an authorization request; the first one broken, or null. */
function authorizeProblem(q) {
  const scopes = String(q.scope ?? "").split(" ").filter(Boolean);
  if (q.client_id !== CLIENT_ID) return `client_id is ${JSON.stringify(q.client_id)}, registered: ${CLIENT_ID}`;
  if (q.response_type !== "code") return `response_type is ${JSON.stringify(q.response_type)}`;
  if (q.code_challenge_method !== "S256") return `code_challenge_method is ${JSON.stringify(q.code_challenge_method)}, not S256`;
  if (!/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? "")) return "code_challenge is not a base64url SHA-256";
  // The FHIR base as the EHR's iss spelled it: with or without a trailing slash.
  if (q.aud !== FHIR_BASE && q.aud !== `${FHIR_BASE}/`) return `aud is ${JSON.stringify(q.aud)}, not the FHIR base ${FHIR_BASE}`;
  // 128 bits of base64url are 22 characters.
  if (!/^[A-Za-z0-9_-]{22,}$/.test(q.state ?? "")) return `state ${JSON.stringify(q.state)} has fewer than 128 bits of base64url`;
  const ehr = q.launch !== undefined;
  const expected = ehr ? EHR_SCOPES : STANDALONE_SCOPES;
  if (scopes.slice().sort().join(" ") !== expected.slice().sort().join(" ")) {
    return `scope ${JSON.stringify(q.scope)} is not the ${ehr ? "EHR" : "standalone"} launch's: ${expected.join(" ")}`;
  }
  if (ehr) {
    const [patient, mode] = String(q.launch).split(".");
    if (!PATIENTS.includes(patient) || (mode !== undefined && !MODES.includes(mode))) return `unknown launch ${JSON.stringify(q.launch)}`;
  }
  return null;
}

service.on("beforeAuthorizeRedirect", (redirect, req) => {
  const q = req.query;
  const url = redirect.url;
  log.authorize.push({ ...q });
  // An unregistered redirect URI never gets a redirect (RFC 6749 4.1.2.1): an error page instead.
  if (q.redirect_uri !== REDIRECT_URI) {
    const why = violation("authorize", `redirect_uri ${JSON.stringify(q.redirect_uri)} is not the registered ${REDIRECT_URI}`);
    // The mock redirects to this URL object itself: change it in place.
    url.href = `${AUTH_ORIGIN}/_testbed/error?${new URLSearchParams({ why })}`;
    return;
  }
  const code = url.searchParams.get("code");
  const problem = authorizeProblem(q);
  if (problem) {
    violation("authorize", problem);
    url.searchParams.delete("code");
    url.searchParams.set("error", "invalid_request");
    url.searchParams.set("error_description", `test bed: ${problem}`);
    return;
  }
  const [patient, mode] = q.launch !== undefined ? String(q.launch).split(".") : [standalone.patient, standalone.mode];
  if (mode === "refuse") {
    url.searchParams.delete("code");
    url.searchParams.set("error", "access_denied");
    url.searchParams.set("error_description", "The user declined to share the record");
    return;
  }
  if (mode === "bad-state") url.searchParams.set("state", randomBytes(16).toString("base64url"));
  codes.set(code, { patient, mode: mode ?? null, scope: q.scope, redirect_uri: q.redirect_uri });
});

service.on("beforeTokenSigning", (token, req) => {
  const ctx = codes.get(req.body?.code);
  // The access token carries `scope` (the id_token does not); leave the id_token as the mock makes it.
  if (!ctx || token.payload.scope === undefined) return;
  const now = Math.floor(Date.now() / 1000);
  Object.assign(token.payload, { scope: ctx.scope, patient: ctx.patient, aud: FHIR_BASE });
  if (ctx.mode === "expired" || ctx.mode === "expires-at-once") {
    // Past hfs's 60 s of clock leeway.
    Object.assign(token.payload, { iat: now - 900, nbf: now - 900, exp: now - 300 });
  }
});

service.on("beforeResponse", (response, req) => {
  const b = req.body ?? {};
  const ctx = codes.get(b.code);
  codes.delete(b.code);
  log.token.push({
    origin: req.headers.origin ?? null,
    grant_type: b.grant_type,
    client_id: b.client_id,
    redirect_uri: b.redirect_uri,
    code_verifier: b.code_verifier ? `${b.code_verifier.length} characters` : null,
    client_secret: b.client_secret !== undefined || req.headers.authorization !== undefined,
  });
  let problem = null;
  if (!ctx) problem = "unknown or used code";
  else if (b.grant_type !== "authorization_code") problem = `grant_type ${b.grant_type}`;
  else if (b.client_id !== CLIENT_ID) problem = `client_id ${JSON.stringify(b.client_id)}`;
  else if (b.redirect_uri !== ctx.redirect_uri) problem = "redirect_uri differs from the authorization request's";
  else if (!b.code_verifier) problem = "no code_verifier";
  else if (b.client_secret !== undefined || req.headers.authorization !== undefined) problem = "a public client sent a secret";
  if (problem) {
    violation("token", problem);
    response.statusCode = 400;
    response.body = { error: "invalid_grant", error_description: `test bed: ${problem}` };
    return;
  }
  const body = response.body;
  body.scope = ctx.scope;
  body.patient = ctx.mode === "other-patient" ? "p-other" : ctx.patient;
  body.need_patient_banner = true;
  delete body.refresh_token;
  if (ctx.mode === "expires-at-once") body.expires_in = 0;
});

// ---------------------------------------------------------------------------------------------
// Control endpoints, for the spec (never reached by the app)

let ready = false;

function json(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

async function control(req, res) {
  const url = new URL(req.url, AUTH_ORIGIN);
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case "GET /_testbed/ready":
      return json(res, ready ? 200 : 503, { ready, fhir: hfs ? "up" : "down" });
    case "GET /_testbed/seed":
      return json(res, 200, { dates: seeded.dates });
    case "GET /_testbed/log":
      return json(res, 200, log);
    case "POST /_testbed/reset":
      log.authorize.length = log.token.length = log.violations.length = 0;
      standalone = { ...DEFAULT_STANDALONE };
      return json(res, 200, { ok: true });
    case "POST /_testbed/standalone": {
      const patient = url.searchParams.get("patient") ?? DEFAULT_STANDALONE.patient;
      const mode = url.searchParams.get("mode");
      if (!PATIENTS.includes(patient) || (mode && !MODES.includes(mode))) return json(res, 400, { error: "unknown patient or mode" });
      standalone = { patient, mode };
      return json(res, 200, standalone);
    }
    case "POST /_testbed/fhir/stop":
      await stopHfs();
      return json(res, 200, { fhir: "down" });
    case "POST /_testbed/fhir/start":
      if (!hfs) await startHfs(true);
      return json(res, 200, { fhir: "up" });
    case "GET /_testbed/error":
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
      return res.end(`Authorization refused by the test bed: ${url.searchParams.get("why")}\n`);
    default:
      return json(res, 404, { error: `no ${route}` });
  }
}

const server = createServer((req, res) => {
  if (req.url.startsWith("/_testbed/")) {
    control(req, res).catch((err) => json(res, 500, { error: err.message }));
  } else {
    service.requestHandler(req, res);
  }
});

async function shutdown(code) {
  ready = false;
  await stopHfs().catch((err) => say(`stopping hfs: ${err.message}`));
  server.closeAllConnections?.();
  await new Promise((r) => server.close(r));
  if (workDir) await rm(workDir, { recursive: true, force: true });
  say(code === 0 ? "stopped" : "stopped after an error");
  process.exit(code);
}

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => shutdown(0));

try {
  if (!existsSync(join(DATA_DIR, "search-parameters-r4.json"))) {
    throw new Error(`${join(DATA_DIR, "search-parameters-r4.json")} missing: run scripts/setup.sh`);
  }
  const probe = spawnSync(findHfs(), ["--version"], { encoding: "utf8" });
  if (probe.status !== 0) throw new Error(`${findHfs()} does not run (${probe.error?.message ?? probe.stderr}): run scripts/setup.sh`);
  const version = probe.stdout.trim();
  say(`${version}; FHIR ${FHIR_BASE}, authorization ${AUTH_ORIGIN}, app ${APP_ORIGIN}`);
  workDir = await mkdtemp(join(tmpdir(), "ketamine-smart-"));
  await issuer.keys.generate("RS256");
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(AUTH_PORT, "127.0.0.1", resolve);
  });
  await startHfs(false);
  await seedPatients();
  await stopHfs();
  await startHfs(true);
  const smart = await (await fetch(`${FHIR_BASE}/.well-known/smart-configuration`)).json();
  if (smart.authorization_endpoint !== `${AUTH_ORIGIN}/authorize` || !smart.code_challenge_methods_supported?.includes("S256")) {
    throw new Error(`hfs's SMART configuration does not name the test bed's AS: ${JSON.stringify(smart)}`);
  }
  const open = await fetch(`${FHIR_BASE}/Patient/p-recent`, { headers: { Accept: "application/fhir+json" } });
  if (open.status !== 401) throw new Error(`hfs answered ${open.status} to a read without a token, not 401`);
  ready = true;
  say(`ready (seed day ${new Date().toISOString().slice(0, 10)}; hfs log: ${join(LOG_DIR, "smart-hfs.log")})`);
} catch (err) {
  console.error(`testbed: ${err.message}`);
  await shutdown(1);
}
