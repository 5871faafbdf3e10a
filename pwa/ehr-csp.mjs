// Trunk post-build hook step (see Trunk.toml), before build-sw.mjs: when the built-in institution
// profile (KETAMINE_PROFILE, as build.rs reads it) has an `ehr` section, widens the page's
// Content-Security-Policy `connect-src` from 'self' to 'self' plus exactly the origin of
// `ehr.fhir_base_url` and each of `ehr.authorization_origins` (deduplicated, in that order), so
// that the page may read the health record (SMART on FHIR, docs/ehr-integration.md). Nothing else
// in the policy changes.
//
// Without KETAMINE_PROFILE, or with a profile without `ehr`, it reads and writes nothing: the page
// is byte for byte what it was. A profile that is not JSON is left to the page, which refuses it
// (and so has no `ehr` either). An `ehr` section this script cannot turn into origins stops the
// build: a deployment must not go out with a policy that silently blocks its record.
//
// Usage: Trunk runs it with TRUNK_STAGING_DIR set; by hand: node pwa/ehr-csp.mjs <dir>.

import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
const CSP_META = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/gi;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The error of a value under `ehr.<key>`, named like the engine names profile keys. */
function bad(key, message) {
  return new Error(`KETAMINE_PROFILE: ehr.${key} ${message}`);
}

/** https anywhere; http only on the machine itself (a test bed), as the profile's bounds say. */
function checkScheme(url, key) {
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return;
  throw bad(key, `must be https (http only on 127.0.0.1, localhost or [::1]): ${url.href}`);
}

/**
 * The origins the page must be allowed to connect to for the profile's `ehr` section, or null
 * when there is none (the page stays as it is).
 */
export function ehrOrigins(profile) {
  if (profile === null || typeof profile !== "object" || !("ehr" in profile)) return null;
  const ehr = profile.ehr;
  if (ehr === null || typeof ehr !== "object" || Array.isArray(ehr)) throw bad("", "must be an object");
  if (typeof ehr.fhir_base_url !== "string") throw bad("fhir_base_url", "must be a URL");
  let base;
  try {
    base = new URL(ehr.fhir_base_url);
  } catch {
    throw bad("fhir_base_url", `is not a URL: ${JSON.stringify(ehr.fhir_base_url)}`);
  }
  checkScheme(base, "fhir_base_url");
  if (base.search || base.hash || ehr.fhir_base_url.includes("#")) throw bad("fhir_base_url", "must have no query and no fragment");
  const origins = [base.origin];
  const extra = ehr.authorization_origins ?? [];
  if (!Array.isArray(extra) || extra.length > 4) throw bad("authorization_origins", "must be a list of at most 4 origins");
  extra.forEach((value, i) => {
    const key = `authorization_origins[${i}]`;
    let url;
    try {
      url = new URL(value);
    } catch {
      throw bad(key, `is not an origin: ${JSON.stringify(value)}`);
    }
    checkScheme(url, key);
    // scheme://host[:port] and nothing else (a trailing "/" is how URL writes an origin's path).
    if (typeof value !== "string" || value.replace(/\/$/, "") !== url.origin) {
      throw bad(key, `must be an origin (scheme://host[:port]), not ${JSON.stringify(value)}`);
    }
    origins.push(url.origin);
  });
  return [...new Set(origins)];
}

/** index.html with `connect-src 'self'` of its CSP meta tag widened to the given origins. */
export function widenConnectSrc(html, origins) {
  let metas = 0;
  const out = html.replace(CSP_META, (_all, open, policy, close) => {
    metas += 1;
    const directives = policy.split(";").map((d) => d.trim());
    const i = directives.indexOf("connect-src 'self'");
    if (i < 0) throw new Error(`the page's CSP has no "connect-src 'self'" to widen: ${policy}`);
    directives[i] = ["connect-src 'self'", ...origins].join(" ");
    return open + directives.join("; ") + close;
  });
  if (metas !== 1) throw new Error(`index.html has ${metas} Content-Security-Policy meta tags, expected 1`);
  return out;
}

/** Reads the built-in profile as build.rs does; null when there is none or it is not JSON. */
export async function builtInProfile(path = process.env.KETAMINE_PROFILE) {
  if (!path || !path.trim()) return null;
  const file = isAbsolute(path) ? path : resolve(PROJECT_ROOT, path);
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Widens the CSP of `dir`/index.html for the built-in profile; returns the origins added, or null. */
export async function applyEhrCsp(dir, profile) {
  const origins = ehrOrigins(profile);
  if (!origins) return null;
  const indexPath = join(dir, "index.html");
  await writeFile(indexPath, widenConnectSrc(await readFile(indexPath, "utf8"), origins));
  return origins;
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error("usage: node pwa/ehr-csp.mjs <dir> (or run by Trunk, which sets TRUNK_STAGING_DIR)");
    process.exit(2);
  }
  try {
    const origins = await applyEhrCsp(dir, await builtInProfile());
    if (origins) console.log(`ehr-csp: connect-src 'self' ${origins.join(" ")}`);
  } catch (err) {
    console.error(`ehr-csp: ${err.message}`);
    process.exit(1);
  }
}
