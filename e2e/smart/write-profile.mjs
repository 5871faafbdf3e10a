// Writes the institution profile the SMART build is made with (KETAMINE_PROFILE): the example
// hospital's, plus an `ehr` section naming the test bed's servers on this run's ports
// (SMART_FHIR_PORT / SMART_AUTH_PORT). Usage: node e2e/smart/write-profile.mjs <out.json>

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { AUTH_ORIGIN, CLIENT_ID, FHIR_BASE } from "./patients.mjs";

/** The `ehr` section of the test bed's profile (SMART-CONTRACT.md, "Configuration"). */
export const EHR = {
  fhir_base_url: FHIR_BASE,
  client_id: CLIENT_ID,
  authorization_origins: [AUTH_ORIGIN],
  weight_max_age_days: 30,
  height_max_age_days: 365,
};

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node e2e/smart/write-profile.mjs <out.json>");
    process.exit(2);
  }
  const example = JSON.parse(readFileSync(new URL("../../examples/profile.json", import.meta.url), "utf8"));
  const profile = { ...example, institution: "SMART test bed hospital", profile_version: "smart-e2e", ehr: EHR };
  const text = `${JSON.stringify(profile, null, 2)}\n`;
  mkdirSync(dirname(out), { recursive: true });
  // Unchanged, untouched: build.rs watches the file, and a new mtime would recompile the app.
  if (!existsSync(out) || readFileSync(out, "utf8") !== text) writeFileSync(out, text);
  console.log(`write-profile: ${out} (FHIR ${FHIR_BASE}, authorization ${AUTH_ORIGIN})`);
}
