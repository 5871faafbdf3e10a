// Crash guard of the ketamine calculator: a page whose program has died must not keep showing
// doses. Loaded by index.html as a classic script before the app's module (which loads the wasm),
// so it is listening before any of the app's code runs; it is a file of its own because the
// Content-Security-Policy allows no inline script, and pwa/build-sw.mjs precaches it with the rest
// of the build.
//
// The release wasm aborts on a panic: the instance traps ("unreachable"), whatever it last drew
// stays on screen, and nothing of it can be trusted any more. The guard turns every such failure
// into one plain message to reload, in place of everything the page showed:
//
// - a trap or any other uncaught error or unhandled promise rejection (the page runs no script but
//   its own: the Content-Security-Policy allows 'self' only, so every one of them is the app's);
// - a Rust panic: the app's panic hook (src/crash.rs) calls `fail` directly, in case a trap is
//   ever swallowed on its way out (a panic while the app starts is a failed start); with `-Cpanic=immediate-abort` no hook runs, and the trap
//   alone reaches the listeners below;
// - a start that fails: a script or the wasm that does not load, a wasm that does not compile or
//   instantiate, a browser without WebAssembly, a panic while the app starts.
//
// In a host page (`embed=1` and a valid `parent_origin`, the rules of src/embed.rs, read once at
// start) it also posts `{type: "ketamine-calculator/error", version: 1, reason, message}` to
// `parent_origin`. Once failed, the app posts nothing more (src/embed.rs asks `failed()`).
//
// The window gets one property, `ketamineCalculatorGuard`, read-only: `{fail(reason, detail),
// failed()}`.

(() => {
  "use strict";

  const ERROR_TYPE = "ketamine-calculator/error";
  const CONTRACT_VERSION = 1;
  const MESSAGES = {
    crashed:
      "The calculator stopped because of an internal error. Its figures have been removed: " +
      "any dose it showed before may be wrong. Reload the page to start again.",
    "failed-to-start":
      "The calculator could not start: its program did not load, or this browser cannot run it " +
      "(it needs WebAssembly). No figure was calculated. Reload the page to try again.",
  };

  // The host page to tell, as src/embed.rs decides it: embed=1, parent_origin a plain http(s)
  // origin (a key given twice keeps its last value, as Inputs::from_fragment does), and a page
  // around this one. Read now, at start, so nothing later can redirect the message.
  const host = (() => {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const last = (key) => {
      const all = params.getAll(key);
      return all.length > 0 ? all[all.length - 1].trim() : null;
    };
    const origin = last("parent_origin");
    if (last("embed") !== "1" || !origin || window.parent === window) return null;
    try {
      const url = new URL(origin);
      const plain = (url.protocol === "http:" || url.protocol === "https:") && url.origin === origin;
      return plain ? origin : null;
    } catch {
      return null;
    }
  })();

  let started = false;
  let failure = null;

  /** reason: "crashed" or "failed-to-start"; anything else: whichever fits (has the app started?). */
  function fail(reason, detail) {
    if (failure) return;
    failure = MESSAGES[reason] ? reason : started ? "crashed" : "failed-to-start";
    console.error(`ketamine-calculator: ${failure}:`, detail);
    if (host) {
      try {
        window.parent.postMessage(
          { type: ERROR_TYPE, version: CONTRACT_VERSION, reason: failure, message: MESSAGES[failure] },
          host,
        );
      } catch {
        // Nothing more to do: the message on screen still replaces the figures.
      }
    }
    if (document.body) replacePage();
    else document.addEventListener("DOMContentLoaded", replacePage, { once: true });
  }

  // Everything in the body goes: figures, alerts, printouts, live regions. What the dead program
  // still holds are detached nodes; anything it (or a late start) adds to the body is removed.
  function replacePage() {
    const box = document.createElement("main");
    box.className = "crash-notice";
    const heading = document.createElement("h1");
    heading.textContent =
      failure === "crashed" ? "The calculator stopped working" : "The calculator could not start";
    heading.tabIndex = -1;
    const text = document.createElement("p");
    text.setAttribute("role", "alert");
    text.textContent = MESSAGES[failure];
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload the page";
    button.addEventListener("click", () => location.reload());
    box.append(heading, text, button);
    document.body.replaceChildren(box);
    new MutationObserver(() => {
      for (const node of [...document.body.childNodes]) if (node !== box) node.remove();
    }).observe(document.body, { childList: true });
    heading.focus();
  }

  window.addEventListener(
    "error",
    (event) => {
      const target = event.target;
      if (target !== window) {
        // A resource that failed to load (seen in the capture phase only). A script that does not
        // load is an app that never starts; an image or a stylesheet is not fatal.
        if (target instanceof HTMLScriptElement) fail("failed-to-start", `${target.src} did not load`);
        return;
      }
      // Chromium reports a ResizeObserver that had to skip a frame as an error event without an
      // error: a notice, not a failure (the embed height observer may cause it).
      if (!event.error && /ResizeObserver loop/.test(event.message)) return;
      fail(null, event.error ?? event.message);
    },
    true,
  );
  window.addEventListener("unhandledrejection", (event) => {
    fail(null, event.reason);
  });
  // Trunk's loader dispatches it once the wasm is instantiated and `main` has mounted the app.
  window.addEventListener("TrunkApplicationStarted", () => (started = true));

  Object.defineProperty(window, "ketamineCalculatorGuard", {
    value: Object.freeze({ fail, failed: () => failure !== null }),
    writable: false,
    configurable: false,
  });

  if (typeof WebAssembly !== "object") fail("failed-to-start", "WebAssembly is not available");
})();
