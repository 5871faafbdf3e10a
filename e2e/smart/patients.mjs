// The patients of the SMART test bed (SMART-CONTRACT.md, "The test bed"), shared by the bed that
// seeds them (testbed.mjs) and the spec that checks what the page makes of them (smart.spec.mjs).
//
// Measurement dates are relative to the day the bed starts: a fixed date would turn "7 days ago"
// into "a year ago" as the calendar moves, and the old/recent flags with it. The bed publishes the
// dates it seeded (GET /_testbed/seed), so a run that crosses midnight still compares like with like.

export const FHIR_PORT = Number(process.env.SMART_FHIR_PORT ?? 8311);
export const AUTH_PORT = Number(process.env.SMART_AUTH_PORT ?? 8312);
/** The FHIR base (`iss`) and the JWT audience: the server's root, no path. */
export const FHIR_BASE = `http://127.0.0.1:${FHIR_PORT}`;
export const AUTH_ORIGIN = `http://127.0.0.1:${AUTH_PORT}`;
export const CLIENT_ID = "ketamine-calculator";

const LOINC = "http://loinc.org";
const UCUM = "http://unitsofmeasure.org";
export const WEIGHT_LOINC = "29463-7";
export const HEIGHT_LOINC = "8302-2";

/** YYYY-MM-DD of `days` days before `today` (a Date), in UTC. */
export function daysAgo(today, days) {
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

function patient(id, gender, birthDate, family, identifier) {
  const p = { resourceType: "Patient", id, active: true, name: [{ family, given: ["Test"] }], gender, birthDate };
  if (identifier) {
    p.identifier = [{ type: { text: "MRN" }, system: "urn:example:mrn", value: identifier }];
  }
  return p;
}

/** The identifier p-recent carries, for the banner (the others have none). */
export const RECENT_MRN = "MRN-000417";

function vital(id, subject, loinc, display, value, unit, code, effectiveDateTime) {
  return {
    resourceType: "Observation",
    id,
    status: "final",
    category: [
      {
        coding: [
          { system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs" },
        ],
      },
    ],
    code: { coding: [{ system: LOINC, code: loinc, display }], text: display },
    subject: { reference: `Patient/${subject}` },
    effectiveDateTime,
    valueQuantity: { value, unit, system: UCUM, code },
  };
}

const weight = (id, subject, value, unit, code, when) =>
  vital(id, subject, WEIGHT_LOINC, "Body weight", value, unit, code, when);
const height = (id, subject, value, unit, code, when) =>
  vital(id, subject, HEIGHT_LOINC, "Body height", value, unit, code, when);

/**
 * What the bed seeds, for the day `today`: `resources` (Patients first, then Observations) and
 * `dates`, the measurement dates by name, for the spec's expectations.
 */
export function seed(today = new Date()) {
  const dates = {
    recentWeight: daysAgo(today, 7),
    olderLbWeight: daysAgo(today, 90),
    recentHeight: daysAgo(today, 30),
    oldLbWeight: daysAgo(today, 400),
    otherWeight: daysAgo(today, 2),
    errorWeight: daysAgo(today, 1),
  };
  const resources = [
    // 58 or 59 years old depending on the day: the spec computes the age it expects the same way.
    patient("p-recent", "female", "1968-03-09", "Recent", RECENT_MRN),
    patient("p-old-lb", "male", "1951-07-22", "Old-Pounds"),
    patient("p-none", "female", "1990-01-15", "No-Weight"),
    patient("p-other", "male", "1975-10-30", "Other"),
    // p-recent: the newest standing weight (kg, a full date-time) must win over an older one in
    // pounds that converts to another figure (190 lb = 86.2 kg). The older one is inserted first
    // and its id sorts first (review S4), so a choice by insertion or id would take it; and a
    // still newer weight marked entered-in-error must not hide the valid one (review M4: with
    // `_count=1` the server's newest is that one, and the page found no weight at all).
    weight("w-a-older-lb", "p-recent", 190, "lb", "[lb_av]", dates.olderLbWeight),
    weight("w-b-recent-kg", "p-recent", 82.4, "kg", "kg", `${dates.recentWeight}T08:15:00Z`),
    { ...weight("w-c-in-error", "p-recent", 120, "kg", "kg", `${dates.errorWeight}T09:00:00Z`), status: "entered-in-error" },
    height("h-recent", "p-recent", 178, "cm", "cm", dates.recentHeight),
    // p-old-lb: only a weight in pounds, older than any profile's limit (181.7 lb = 82.4 kg).
    weight("w-old-lb", "p-old-lb", 181.7, "lb", "[lb_av]", dates.oldLbWeight),
    // p-none: no measurement at all.
    // p-other: data a token for another patient must not reach.
    weight("w-other", "p-other", 64, "kg", "kg", `${dates.otherWeight}T12:00:00Z`),
    height("h-other", "p-other", 71, "in", "[in_i]", dates.otherWeight),
  ];
  return { resources, dates };
}

/** Age in whole years on `today` (YYYY-MM-DD strings compared as the calendar does). */
export function ageOn(birthDate, todayIso) {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [ty, tm, td] = todayIso.split("-").map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
