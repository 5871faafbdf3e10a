// The build step that widens the Content-Security-Policy for SMART on FHIR (pwa/ehr-csp.mjs), run
// as Trunk runs it (a child process, KETAMINE_PROFILE in its environment) on copies of the page.
// Without an `ehr` section it must leave the page byte for byte as it was; with one, add exactly
// the record's origins to connect-src and nothing else. No browser: these are file checks.

import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = join(ROOT, "pwa", "ehr-csp.mjs");
const EXAMPLE = JSON.parse(await readFile(join(ROOT, "examples", "profile.json"), "utf8"));
/** The page as Trunk hands it to the hook: dist/index.html when built, else the source. */
const PAGE = await stat(join(ROOT, "dist", "index.html"))
  .then(() => join(ROOT, "dist", "index.html"))
  .catch(() => join(ROOT, "index.html"));

let dir;
test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ehr-csp-"));
  await copyFile(PAGE, join(dir, "index.html"));
});
test.afterEach(async () => rm(dir, { recursive: true, force: true }));

/** Runs the hook on the copy; `profile`: an object (written as JSON), a string (written as is), or undefined (no KETAMINE_PROFILE). */
async function run(profile) {
  const env = { ...process.env };
  delete env.KETAMINE_PROFILE;
  if (profile !== undefined) {
    const path = join(dir, "profile.json");
    await writeFile(path, typeof profile === "string" ? profile : JSON.stringify(profile));
    env.KETAMINE_PROFILE = path;
  }
  const r = spawnSync(process.execPath, [SCRIPT, dir], { env, encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

const csp = (html) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
const withEhr = (ehr) => ({ ...EXAMPLE, ehr });

for (const [name, profile] of [
  ["no KETAMINE_PROFILE", undefined],
  ["a profile without ehr", EXAMPLE],
  ["a profile that is not JSON (the page refuses it)", "{ not json"],
]) {
  test(`${name}: the page is byte for byte unchanged`, async () => {
    const before = await readFile(join(dir, "index.html"));
    const mtime = (await stat(join(dir, "index.html"))).mtimeMs;
    const { status, out } = await run(profile);
    expect(status, out).toBe(0);
    expect(out).toBe("");
    expect((await readFile(join(dir, "index.html"))).equals(before)).toBe(true);
    expect((await stat(join(dir, "index.html"))).mtimeMs, "index.html rewritten").toBe(mtime);
  });
}

test("an ehr section adds exactly the FHIR and authorization origins to connect-src", async () => {
  const before = await readFile(join(dir, "index.html"), "utf8");
  const { status, out } = await run(
    withEhr({
      fhir_base_url: "https://fhir.example-hospital.org/r4/",
      client_id: "ketamine-calculator",
      authorization_origins: ["https://auth.example-hospital.org", "https://fhir.example-hospital.org/"],
    }),
  );
  expect(status, out).toBe(0);
  const after = await readFile(join(dir, "index.html"), "utf8");
  const expected = csp(before).replace(
    "connect-src 'self'",
    "connect-src 'self' https://fhir.example-hospital.org https://auth.example-hospital.org",
  );
  expect(csp(after)).toBe(expected);
  // Nothing else in the page changed.
  expect(after.replace(csp(after), "")).toBe(before.replace(csp(before), ""));
});

test("the test bed's http://127.0.0.1 origins are allowed, with their ports", async () => {
  const { status, out } = await run(
    withEhr({ fhir_base_url: "http://127.0.0.1:8311", client_id: "x", authorization_origins: ["http://127.0.0.1:8312"] }),
  );
  expect(status, out).toBe(0);
  expect(csp(await readFile(join(dir, "index.html"), "utf8"))).toContain(
    "connect-src 'self' http://127.0.0.1:8311 http://127.0.0.1:8312;",
  );
});

for (const [why, ehr, key] of [
  ["http off the machine", { fhir_base_url: "http://fhir.example.org/r4", client_id: "x" }, "ehr.fhir_base_url"],
  ["a base with a query", { fhir_base_url: "https://fhir.example.org/r4?x=1", client_id: "x" }, "ehr.fhir_base_url"],
  ["no base", { client_id: "x" }, "ehr.fhir_base_url"],
  ["an authorization origin with a path", { fhir_base_url: "https://f.example.org", authorization_origins: ["https://a.example.org/oauth"] }, "ehr.authorization_origins[0]"],
  ["an authorization origin over http", { fhir_base_url: "https://f.example.org", authorization_origins: ["https://a.example.org", "http://b.example.org"] }, "ehr.authorization_origins[1]"],
  ["five authorization origins", { fhir_base_url: "https://f.example.org", authorization_origins: Array(5).fill("https://a.example.org") }, "ehr.authorization_origins"],
]) {
  test(`the build stops on ${why}, naming ${key}, and leaves the page alone`, async () => {
    const before = await readFile(join(dir, "index.html"));
    const { status, out } = await run(withEhr(ehr));
    expect(status).toBe(1);
    expect(out).toContain(key);
    expect((await readFile(join(dir, "index.html"))).equals(before)).toBe(true);
  });
}

test("the origins the build adds are the ones the engine's profile check names", async () => {
  // Two readings of one `ehr` section: this build step's (JavaScript, at build time) and the
  // engine's (Ehr::connect_origins, which the page itself uses to refuse other servers). They
  // must agree, or the page would be allowed to reach a server it refuses, or the reverse.
  test.setTimeout(300_000);
  const profile = withEhr({
    fhir_base_url: "https://fhir.example-hospital.org/r4/",
    client_id: "ketamine-calculator",
    authorization_origins: ["https://auth.example-hospital.org/", "https://fhir.example-hospital.org", "https://login.example-hospital.org:8443"],
  });
  const { status, out } = await run(profile);
  expect(status, out).toBe(0);
  const env = { ...process.env };
  for (const key of ["RUSTFLAGS", "CARGO_UNSTABLE_BUILD_STD", "RUSTC_BOOTSTRAP"]) delete env[key];
  const check = spawnSync(
    "cargo",
    ["run", "--quiet", "--locked", "--offline", "-p", "ketamine-engine", "--example", "check_profile", "--", join(dir, "profile.json")],
    { cwd: ROOT, env, encoding: "utf8" },
  );
  expect(check.status, check.stderr).toBe(0);
  const engine = check.stdout.match(/\(connect-src\): (.*)$/m)?.[1];
  expect(engine, check.stdout).toBe("https://fhir.example-hospital.org https://auth.example-hospital.org https://login.example-hospital.org:8443");
  expect(csp(await readFile(join(dir, "index.html"), "utf8"))).toContain(`connect-src 'self' ${engine};`);
});
