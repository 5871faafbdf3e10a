// Example host page for the ketamine calculator's embed contract, version 1
// (README.md, "Embedding the calculator"). Plain JavaScript, no library.
//
// Which calculator to embed: ?calculator=URL in this page's address, else the local dev server.
const CALCULATOR_URL = new URL(
  new URLSearchParams(location.search).get("calculator") ?? "http://127.0.0.1:8080/",
);
const CALCULATOR_ORIGIN = CALCULATOR_URL.origin;

const $ = (id) => document.getElementById(id);
const form = $("prefill-form");
let messageCount = 0;

// ---- The snippet a hospital web team needs starts here. ----

// 1. The iframe: embed=1, our own origin as parent_origin, and any prefill values, all in the
//    fragment (never the query string).
function frameSource(values) {
  const fragment = new URLSearchParams({ embed: "1", parent_origin: location.origin, ...values });
  return `${CALCULATOR_URL.origin}${CALCULATOR_URL.pathname}#${fragment}`;
}

const frame = document.createElement("iframe");
frame.title = "Ketamine dosing calculator";
// "Copy as note" and "Copy link" need the clipboard, which a cross-origin frame gets only if allowed.
frame.allow = "clipboard-write";
frame.src = frameSource(formValues());
$("calculator-slot").append(frame);

// 2. Messages from the calculator: check who sent them before reading them.
window.addEventListener("message", (event) => {
  if (event.origin !== CALCULATOR_ORIGIN || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || message.version !== 1) return;
  if (message.type === "ketamine-calculator/height") {
    frame.style.height = `${message.height}px`;
    $("frame-height").textContent = String(message.height);
  } else if (message.type === "ketamine-calculator/result") {
    showResult(message);
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

// ---- End of the snippet. ----

function formValues() {
  return { weight: $("host-weight").value, route: $("host-route").value };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  sendPrefill(formValues());
});

function range(r) {
  return r ? `${r.min} to ${r.max}` : "none";
}

function showResult(message) {
  const r = message.result;
  messageCount += 1;
  $("message-count").textContent = String(messageCount);
  $("result-status").textContent = r.status;
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
