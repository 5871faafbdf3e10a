// Example host page for the ketamine calculator's embed contract, version 1
// (docs/embed-api-v1.md; how to embed: docs/hospital-web-teams.md). Plain JavaScript, no library.
//
// Which calculator to embed: ?calculator=URL in this page's address, else the local dev server.
const CALCULATOR_URL = new URL(
  new URLSearchParams(location.search).get("calculator") ?? "http://127.0.0.1:8080/",
);
const CALCULATOR_ORIGIN = CALCULATOR_URL.origin;
// ?profile=message: the calculator waits for this page's institution profile before calculating.
const PROFILE_BY_MESSAGE = new URLSearchParams(location.search).get("profile") === "message";

// A copy of examples/profile.json. A real host page sends its own hospital's profile, kept on its
// own server; this page starts its profile form with this example.
const EXAMPLE_PROFILE = {
  schema: "ketamine-calculator-profile",
  schema_version: 1,
  institution: "Example General Hospital",
  profile_version: "2026-1",
  review_date: "2027-06-30",
  approved_by: "Pharmacy and Therapeutics Committee",
  standard_concentrations_mg_per_ml: [1, 2, 10, 50],
  limits: {
    iv_bolus_mg_per_kg: {
      soft: 0.25,
      hard: 0.5,
      reason: "Boluses above 0.25 mg/kg only with an anesthetist present",
    },
    iv_infusion_mg_per_kg_per_h: {
      soft: 1,
      hard: 2,
      reason: "No ICU ketamine infusions on the pain service",
    },
    continuous_infusion_min: {
      soft: 4320,
      hard: 5760,
      reason: "Inpatient courses reviewed at 3 days, stopped at 4",
    },
    total_mg_per_day: {
      soft: 600,
      reason: "Pharmacy review above 600 mg a day",
    },
    custom_concentration_mg_per_ml: {
      min: 0.5,
      max: 10,
      reason: "Pharmacy compounds 0.5-10 mg/mL only",
    },
  },
  monitoring: {
    elderly_age_years: {
      value: 70,
      reason: "Committee definition for the pain service",
    },
    lower_thresholds: {
      bolus_mg_per_kg: 0.2,
      infusion_mg_per_kg_per_h: 0.5,
      reason: "Elderly and comorbid patients move to the monitored bay at these doses",
    },
  },
  protocols: {
    offered: ["asra-first-outpatient", "patil-outpatient", "correll-inpatient", "iv-test-dose"],
    default: "asra-first-outpatient",
  },
};

const $ = (id) => document.getElementById(id);
const form = $("prefill-form");
const profileForm = $("profile-form");
let messageCount = 0;

// ---- The snippet a hospital web team needs starts here. ----

// 1. The iframe: embed=1, our own origin as parent_origin, and any prefill values, all in the
//    fragment (never the query string). profile=message if this page sends the institution
//    profile: the calculator then shows no figure until it has the profile (or 10 s have passed).
function frameSource(values) {
  const fragment = new URLSearchParams({ embed: "1", parent_origin: location.origin, ...values });
  if (PROFILE_BY_MESSAGE) fragment.set("profile", "message");
  return `${CALCULATOR_URL.origin}${CALCULATOR_URL.pathname}#${fragment}`;
}

const frame = document.createElement("iframe");
frame.title = "Ketamine dosing calculator";
// "Copy as note" and "Copy link" need the clipboard, which a cross-origin frame gets only if allowed.
frame.allow = "clipboard-write";
frame.src = frameSource(formValues());
$("calculator-slot").append(frame);

// 2. Messages from the calculator: check who sent them before reading them.
let profileSent = false;
window.addEventListener("message", (event) => {
  if (event.origin !== CALCULATOR_ORIGIN || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || message.version !== 1) return;
  if (message.type === "ketamine-calculator/height") {
    frame.style.height = `${message.height}px`;
    $("frame-height").textContent = String(message.height);
  } else if (message.type === "ketamine-calculator/result") {
    showResult(message);
    // The first result says the calculator is listening; while it waits for the profile, send
    // it (here, the one in this page's form).
    if (PROFILE_BY_MESSAGE && message.profile_status?.state === "loading" && !profileSent) {
      profileSent = true;
      const profile = profileFromForm();
      if (profile !== null) sendProfile(profile);
    }
  }
});

// 3. Prefill messages to the calculator, addressed to its origin only. A prefill replaces every
//    entry in the calculator, as a fragment would.
function sendPrefill(values) {
  frame.contentWindow.postMessage(
    { type: "ketamine-calculator/prefill", version: 1, values },
    CALCULATOR_ORIGIN,
  );
}

// 4. An institution profile (the JSON object of the hospital's profile file), addressed to the
//    calculator's origin only. The calculator checks it whole: valid, its limits apply; not, the
//    guideline's do. The result messages carry profile_status (state guideline, loading, active
//    or rejected; from; errors, each with its key) and result.profile (institution, version,
//    review date, approver), null when no profile applies.
function sendProfile(profile) {
  frame.contentWindow.postMessage(
    { type: "ketamine-calculator/profile", version: 1, profile },
    CALCULATOR_ORIGIN,
  );
}

// ---- End of the snippet. ----

function formValues() {
  return { weight: $("host-weight").value, route: $("host-route").value };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  sendPrefill(formValues());
});

/** The profile in the form, or null (and a message under the form) when it is not JSON. */
function profileFromForm() {
  try {
    const profile = JSON.parse($("host-profile").value);
    $("profile-form-error").textContent = "";
    return profile;
  } catch (err) {
    $("profile-form-error").textContent = `Not sent: the profile is not valid JSON (${err.message}).`;
    return null;
  }
}

profileForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const profile = profileFromForm();
  if (profile !== null) sendProfile(profile);
});

function profileText(status, info) {
  if (!status) return "(not reported)";
  switch (status.state) {
    case "guideline":
      return "the guideline's (no institution profile)";
    case "loading":
      return `waiting for the institution profile from ${status.from}`;
    case "active":
      return `${info.institution}, version ${info.profile_version}, review date ${info.review_date} (institution profile from ${status.from})`;
    case "rejected":
      return `the guideline's: the profile from ${status.from} was rejected: ${status.errors.map((e) => e.message).join("; ")}`;
    default:
      return status.state;
  }
}

function range(r) {
  return r ? `${r.min} to ${r.max}` : "none";
}

function showResult(message) {
  const r = message.result;
  messageCount += 1;
  $("message-count").textContent = String(messageCount);
  $("result-status").textContent = r.status;
  $("result-profile").textContent = profileText(message.profile_status, r.profile);
  $("result-weight").textContent = r.dosing_weight_kg == null ? "none" : `${r.dosing_weight_kg} kg`;
  $("result-route").textContent = r.route ?? "none";
  $("result-bolus").textContent = range(r.bolus_range_mg);
  $("result-infusion").textContent = range(r.infusion_range_mg_per_h);
  $("result-monitoring").textContent = r.monitoring_tier ?? "none";
  $("result-alerts").textContent = r.alerts.length
    ? r.alerts.map((a) => `${a.level}: ${a.code}`).join("; ")
    : "none";
  $("result-errors").textContent = r.errors.length
    ? r.errors.map((e) => `${e.field}: ${e.message}`).join("; ")
    : "none";
  $("result-json").textContent = JSON.stringify(message, null, 2);
}

$("calculator-url").textContent = CALCULATOR_URL.href;
$("host-profile").value = JSON.stringify(EXAMPLE_PROFILE, null, 2);
