// Haven's page script: starts GOV.UK Frontend and MoJ Frontend components and warns before
// the session ends. Every page works without it.
import { initAll as initGovukFrontend } from "./vendor/govuk-frontend/govuk-frontend.min.js";
import { initAll as initMojFrontend } from "./vendor/moj-frontend/moj-frontend.min.js";

// KeepFormOnTimeoutMiddleware keeps (and does not submit) a form posted with this field.
const TIMED_OUT_FIELD = "haven-timed-out";
const MAX_TIMER_MS = 30 * 1000;

function initComponents(scope) {
  initGovukFrontend(scope ? { scope } : {});
  initMojFrontend(scope);
}

function plural(count, unit) {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

function formSnapshot(form) {
  const pairs = [];
  for (const [name, value] of new FormData(form)) {
    pairs.push([name, typeof value === "string" ? value : value.name]);
  }
  return JSON.stringify(pairs);
}

function postsToThisPage(form) {
  return new URL(form.action, window.location.href).pathname === window.location.pathname;
}

class SessionTimeout {
  constructor(body, dialog) {
    this.sessionMs = Number(body.dataset.sessionSeconds) * 1000;
    this.warningMs = Math.min(Number(body.dataset.warningSeconds) * 1000, this.sessionMs);
    this.keepaliveUrl = body.dataset.keepaliveUrl;
    this.signInUrl = body.dataset.signInUrl;
    this.dialog = dialog;
    this.countdown = dialog.querySelector(".haven-timeout__countdown");
    this.snapshots = new Map();
    for (const form of document.querySelectorAll("form")) {
      if (form.method === "post" && form.dataset.havenKeep !== "false") {
        this.snapshots.set(form, formSnapshot(form));
      }
    }
    dialog
      .querySelector("[data-haven-stay-signed-in]")
      .addEventListener("click", () => this.staySignedIn());
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.staySignedIn();
    });
    document.addEventListener("visibilitychange", () => this.check());
    document.addEventListener("htmx:afterRequest", (event) => {
      if (event.detail.successful) this.restart();
    });
    this.restart();
  }

  restart() {
    this.expiresAt = Date.now() + this.sessionMs;
    if (this.dialog.open) this.dialog.close();
    this.check();
  }

  // Timers are late after a computer sleeps, so each check works from the clock.
  check() {
    window.clearTimeout(this.timer);
    const now = Date.now();
    if (now >= this.expiresAt) {
      this.timeUp();
      return;
    }
    const warnAt = this.expiresAt - this.warningMs;
    if (now >= warnAt) {
      this.showWarning(this.expiresAt - now);
      this.timer = window.setTimeout(() => this.check(), 1000);
    } else {
      this.timer = window.setTimeout(() => this.check(), Math.min(warnAt - now, MAX_TIMER_MS));
    }
  }

  showWarning(remainingMs) {
    const seconds = Math.ceil(remainingMs / 1000);
    this.countdown.textContent =
      seconds >= 60 ? plural(Math.ceil(seconds / 60), "minute") : plural(seconds, "second");
    if (!this.dialog.open) this.dialog.showModal();
  }

  async staySignedIn() {
    let response;
    try {
      response = await fetch(this.keepaliveUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
      });
    } catch {
      return; // Offline: the warning stays open and the button can be pressed again.
    }
    if (response.ok && !response.redirected) {
      this.restart();
    } else {
      this.timeUp();
    }
  }

  changedForm() {
    for (const [form, snapshot] of this.snapshots) {
      if (form.isConnected && postsToThisPage(form) && formSnapshot(form) !== snapshot) {
        return form;
      }
    }
    return null;
  }

  // Send a changed form to be kept (the server puts it back after sign-in); otherwise go to
  // the sign-in page, which comes back here afterwards.
  timeUp() {
    window.clearTimeout(this.timer);
    const form = this.changedForm();
    if (form) {
      const marker = document.createElement("input");
      marker.type = "hidden";
      marker.name = TIMED_OUT_FIELD;
      marker.value = "1";
      form.append(marker);
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    const next = window.location.pathname + window.location.search;
    window.location.assign(`${this.signInUrl}?next=${encodeURIComponent(next)}`);
  }
}

initComponents();

document.addEventListener("htmx:load", (event) => {
  if (event.target !== document.body) initComponents(event.target);
});

const timeoutDialog = document.getElementById("haven-timeout");
if (
  document.body.dataset.sessionSeconds &&
  timeoutDialog &&
  typeof timeoutDialog.showModal === "function"
) {
  new SessionTimeout(document.body, timeoutDialog);
}
