// The create / edit / duplicate form of a job: every field of the job contract, destination settings generated from
// the type's settings schema (or a JSON editor), the next five runs as you type, test connection and preview rows
// before saving. Validation is the API's: its problem details are shown under the fields they name, all at once.
import { api, send, can, jobPath } from "./api.js";
import { el, say, navigate, routes, inZone } from "./ui.js";
import { field, numberOrText, parseJson, jsonText } from "./fields.js";
import { settingsEditor } from "./settings.js";
import { confirmDelete } from "./dialog.js";

const scheduleDelayMs = 300;

let catalog = null;
/** The host's destination types and formats (GET /destination-types, /formats), loaded once per page. */
async function loadCatalog() {
  if (!catalog) {
    const [types, formats] = await Promise.all([api("/destination-types"), api("/formats")]);
    catalog = { types, formats };
  }
  return catalog;
}

let zones = null;
/** A <datalist> of the browser's IANA zones, made once per page. */
function zoneList() {
  if (!zones) {
    const names = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zones = el("datalist", { id: "time-zones" }, ["UTC", ...names.filter((z) => z !== "UTC")].map((z) => el("option", { value: z })));
    document.body.append(zones);
  }
  return zones.id;
}

const titles = { new: "New export job", edit: "Edit export job", duplicate: "Duplicate export job" };

/**
 * Renders the job form into root. mode: "new" | "edit" | "duplicate"; job: the job (edit, duplicate; null for new);
 * etag: the job's ETag (edit: sent as If-Match; a 412 offers to reload). The form is not polled.
 */
export async function renderForm(root, { mode, job, etag } = {}) {
  if (!can("edit")) {
    root.replaceChildren(el("section", { class: "card", "aria-labelledby": "form-title" },
      el("h2", { id: "form-title" }, titles[mode] || titles.new),
      el("p", {}, "You may not create or change export jobs."),
      el("p", {}, el("a", { href: job ? routes.job(job.id) : routes.list() }, job ? "Back to the job" : "Back to all jobs"))));
    return;
  }
  const { types, formats } = await loadCatalog();
  new JobForm(root, mode, job, etag, types, formats).render();
}

class JobForm {
  constructor(root, mode, job, etag, types, formats) {
    this.root = root;
    this.mode = mode === "edit" || mode === "duplicate" ? mode : "new";
    this.job = job;
    this.etag = etag;
    this.types = types;
    this.formats = formats;
    this.fields = new Map();
    this.scheduleSeq = 0;
    this.configs = new Map(); // settings per destination type while switching types
  }

  add(f) { this.fields.set(f.key, f); return f; }

  render() {
    const job = this.job || {};
    const dup = this.mode === "duplicate";
    const value = (name, fallback = "") => (job[name] === undefined || job[name] === null ? fallback : job[name]);
    this.configs.set(job.destinationType, job.destinationConfig || {});

    const name = this.add(field("name", "text", { label: "Name", required: true, value: dup ? `Copy of ${value("name")}` : value("name") }));
    const description = this.add(field("description", "textarea", { label: "Description", rows: 2, value: value("description") }));
    const active = this.mode === "edit" ? null : this.add(field("active", "checkbox", { label: "Active (runs on its schedule)", value: this.mode === "new" ? true : value("active", true) }));

    const schedule = this.add(field("schedule", "text", { label: "Schedule (cron)", required: true, value: value("schedule", "0 2 * * *"), hint: "5 fields: minute hour day-of-month month day-of-week, e.g. 0 2 * * * (daily at 02:00), or @daily, @hourly." }));
    const timeZone = this.add(field("timeZone", "text", { label: "Time zone", value: value("timeZone"), list: zoneList(), placeholder: "the host's default", hint: "An IANA id such as Europe/Berlin; empty for the host's default zone." }));
    this.nextRuns = el("ol", { class: "next", "data-testid": "next-runs-preview", "aria-label": "Next five runs" });
    this.nextRunsNote = el("p", { class: "hint", "data-testid": "next-runs-note", "aria-live": "polite" });
    for (const f of [schedule, timeZone]) f.control.addEventListener("input", () => this.scheduleChanged());

    const format = this.add(field("format", "select", { label: "Format", required: true, choices: this.formats.map((f) => [f.name, f.name]), value: value("format", "csv") }));
    const compress = this.add(field("compress", "checkbox", { label: "Compress with gzip", value: value("compress", false) }));
    const syncCompress = () => {
      const info = this.formats.find((f) => f.name === format.control.value);
      const allowed = !info || info.supportsCompression;
      compress.control.disabled = !allowed;
      if (!allowed) compress.control.checked = false;
    };
    format.control.addEventListener("change", syncCompress);
    syncCompress();
    const modeField = this.add(field("mode", "select", { label: "Mode", choices: [["full", "Full: every record"], ["changes", "Changes: only what changed since the last successful run"]], value: value("mode", "full") }));
    const filename = this.add(field("filenameTemplate", "text", { label: "File name template", value: value("filenameTemplate"), placeholder: "{jobId}-{date}.{format}", hint: "Placeholders such as {jobName}, {date}, {date:yyyyMMdd}, {format}, {part} (split jobs)." }));

    const typeNames = this.types.map((t) => t.name);
    const destinationType = this.add(field("destinationType", "select", { label: "Destination type", required: true, choices: typeNames.map((n) => [n, n]), value: value("destinationType", typeNames[0]) }));
    this.settingsSlot = el("div", { class: "settings-slot" });
    destinationType.control.addEventListener("change", () => this.showSettings(destinationType.control.value, true));

    const schemaId = this.add(field("schemaId", "text", { label: "Schema id", value: value("schemaId") }));
    const catalogId = this.add(field("catalogId", "text", { label: "Catalog id", value: value("catalogId") }));
    const includeVariants = this.add(field("includeVariants", "checkbox", { label: "Include variants", value: value("includeVariants", false) }));
    const dimensionScope = this.add(field("dimensionScope", "textarea", { label: "Dimension scope (JSON)", rows: 2, value: jsonText(job.dimensionScope), placeholder: "{\"dim-language\": \"seg-en\"}", hint: "A JSON object of dimension id to segment id; empty for none." }));

    const columns = this.add(field("columns", "textarea", { label: "Columns (JSON)", rows: 3, value: jsonText(job.columns), placeholder: "[{\"source\": \"id\"}, {\"source\": \"name\", \"header\": \"Name\"}]", hint: "The output columns in order; empty exports every column under its code." }));
    const headers = this.add(field("headers", "select", { label: "Column headers", choices: [["codes", "Attribute codes"], ["labels", "Labels of the record source"]], value: value("headers", "codes") }));
    const splitRecords = this.add(field("split.maxRecords", "number", { label: "Split: records per file", value: job.split?.maxRecords ?? "", hint: "Empty for no limit; with a split, the file name template needs {part}." }));
    const splitBytes = this.add(field("split.maxBytes", "number", { label: "Split: bytes per file", value: job.split?.maxBytes ?? "", hint: "At least 1024, counted after gzip; text formats only." }));
    const manifest = this.add(field("manifest", "checkbox", { label: "Deliver a manifest after the data files", value: value("manifest", false) }));
    const skipEmpty = this.add(field("skipEmpty", "checkbox", { label: "Deliver nothing when there are no records", value: value("skipEmpty", false) }));
    const maxRuns = this.add(field("retention.maxRuns", "number", { label: "Keep at most this many runs", value: job.retention?.maxRuns ?? "", placeholder: "the host's default" }));
    const maxAgeDays = this.add(field("retention.maxAgeDays", "number", { label: "Keep runs for this many days", value: job.retention?.maxAgeDays ?? "", placeholder: "the host's default" }));
    const notifications = this.add(field("notifications", "textarea", { label: "Notification channels (JSON)", rows: 3, value: jsonText(job.notifications), placeholder: "[{\"type\": \"slack\", \"on\": [\"failed\"], \"url\": \"https://hooks.slack.com/…\"}]", hint: "Empty uses the host's channels; [] sends none. Secrets show masked: leave them to keep them." }));
    this.jsonFields = [dimensionScope, columns, notifications];

    this.summary = el("div", { class: "error-summary", role: "alert", hidden: true, "data-testid": "error-summary", tabindex: "-1" });
    this.conflict = el("div", { class: "conflict", role: "alert", hidden: true, "data-testid": "conflict" });
    this.testResult = el("div", { class: "result", role: "status", "data-testid": "test-result" });
    this.previewResult = el("div", { class: "result", role: "status", "data-testid": "preview-result" });
    this.saveButton = el("button", { type: "submit", class: "primary", "data-action": "save" }, this.mode === "edit" ? "Save changes" : "Create job");

    const back = this.job && this.mode !== "new" ? routes.job(this.job.id) : routes.list();
    this.form = el("form", { class: "job-form card", novalidate: true, "data-testid": "job-form", "data-mode": this.mode, "aria-labelledby": "form-title", onsubmit: (e) => { e.preventDefault(); this.save(); } },
      el("h2", { id: "form-title" }, this.mode === "new" ? titles.new : `${titles[this.mode]}: ${job.name}`),
      this.conflict,
      this.summary,
      el("fieldset", {}, el("legend", {}, "Job"), name.wrap, description.wrap, active && active.wrap),
      el("fieldset", {}, el("legend", {}, "Schedule"), el("div", { class: "row" }, schedule.wrap, timeZone.wrap),
        el("div", { class: "next-runs" }, el("h3", { id: "next-runs-title" }, "Next five runs"), this.nextRunsNote, this.nextRuns)),
      el("fieldset", {}, el("legend", {}, "Output"), el("div", { class: "row" }, format.wrap, modeField.wrap), compress.wrap, filename.wrap),
      el("fieldset", {}, el("legend", {}, "Destination"), destinationType.wrap, this.settingsSlot,
        el("div", { class: "actions" }, el("button", { type: "button", "data-action": "test-connection", onclick: (e) => this.testConnection(e.currentTarget) }, "Test connection")),
        this.testResult),
      el("fieldset", {}, el("legend", {}, "Records"), el("div", { class: "row" }, schemaId.wrap, catalogId.wrap), includeVariants.wrap, dimensionScope.wrap),
      el("details", { class: "advanced", "data-testid": "advanced", open: this.hasAdvanced(job) || null },
        el("summary", {}, "Advanced: columns, split, manifest, retention, notifications"),
        columns.wrap, headers.wrap, el("div", { class: "row" }, splitRecords.wrap, splitBytes.wrap), manifest.wrap, skipEmpty.wrap,
        el("div", { class: "row" }, maxRuns.wrap, maxAgeDays.wrap), notifications.wrap),
      el("div", { class: "actions form-actions" },
        this.saveButton,
        el("button", { type: "button", "data-action": "preview", onclick: (e) => this.preview(e.currentTarget) }, "Preview rows"),
        el("a", { href: back, class: "button", "data-action": "cancel" }, "Cancel"),
        this.mode === "edit" ? el("button", { type: "button", class: "danger", "data-action": "delete", onclick: () => confirmDelete(this.job, this.etag) }, "Delete job") : null),
      this.previewResult);

    this.root.replaceChildren(this.form);
    this.showSettings(destinationType.control.value, false);
    this.scheduleChanged(true);
    name.focus();
  }

  hasAdvanced(job) {
    return !!(job.columns || job.split || job.manifest || job.skipEmpty || job.retention || job.notifications || (job.headers && job.headers !== "codes"));
  }

  /** Shows the settings editor of a type; a type switched back to gets the settings it had. */
  showSettings(typeName, switched) {
    if (switched && this.settings && this.currentType) {
      const { value } = this.settings.read();
      if (value) this.configs.set(this.currentType, value);
    }
    const type = this.types.find((t) => t.name === typeName) || null;
    const sameAsJob = this.job && this.job.destinationType === typeName;
    const config = this.configs.get(typeName) || {};
    this.settings = settingsEditor(type, config, sameAsJob ? this.mode : "new");
    this.currentType = typeName;
    this.settingsSlot.replaceChildren(this.settings.wrap);
  }

  // ---- next runs as you type ------------------------------------------------------------------
  scheduleChanged(now = false) {
    clearTimeout(this.scheduleTimer);
    this.scheduleTimer = setTimeout(() => this.loadNextRuns(), now ? 0 : scheduleDelayMs);
  }

  async loadNextRuns() {
    const seq = ++this.scheduleSeq;
    const schedule = this.fields.get("schedule").value();
    const timeZone = this.fields.get("timeZone").value();
    if (!schedule) { this.nextRuns.replaceChildren(); this.nextRunsNote.textContent = "Enter a schedule to see its next runs."; return; }
    let answer;
    try {
      answer = await send("/schedule", { method: "POST", body: { schedule, timeZone: timeZone || null } });
    } catch (error) {
      if (seq === this.scheduleSeq) this.nextRunsNote.textContent = error.message;
      return;
    }
    if (seq !== this.scheduleSeq) return; // an answer to an older text
    if (answer.ok) {
      const zone = answer.body.timeZone;
      this.nextRunsNote.textContent = `In ${zone}.`;
      this.nextRuns.replaceChildren(...answer.body.nextRuns.map((t) => el("li", { "data-testid": "next-run" }, el("time", { datetime: t, title: t }, inZone(t, zone)))));
      this.form.dataset.nextRunsFor = `${schedule}|${timeZone}`;
    } else {
      const errors = (answer.body && answer.body.errors) || {};
      this.nextRuns.replaceChildren();
      this.nextRunsNote.textContent = Object.values(errors).flat().join(" ") || `The schedule could not be checked (${answer.status}).`;
      this.form.dataset.nextRunsFor = `invalid|${schedule}|${timeZone}`;
    }
  }

  // ---- the body -------------------------------------------------------------------------------
  /** { body, errors }: the job as the API takes it; errors are what cannot be sent (bad JSON, a secret to retype). */
  body() {
    const v = (key) => this.fields.get(key).value();
    const errors = {};
    const json = (key) => {
      const parsed = parseJson(v(key));
      if (parsed.error) { errors[key] = [parsed.error]; return undefined; }
      return parsed.value;
    };
    const settings = this.settings.read();
    Object.assign(errors, settings.errors);
    const body = {
      name: v("name"),
      description: v("description") || null,
      destinationType: v("destinationType"),
      destinationConfig: settings.value ?? {},
      format: v("format"),
      compress: this.fields.get("compress").control.disabled ? false : v("compress"),
      mode: v("mode"),
      schedule: v("schedule"),
      timeZone: v("timeZone") || null,
      schemaId: v("schemaId") || null,
      catalogId: v("catalogId") || null,
      includeVariants: v("includeVariants"),
      dimensionScope: json("dimensionScope"),
      columns: json("columns"),
      headers: v("headers"),
      manifest: v("manifest"),
      skipEmpty: v("skipEmpty"),
      notifications: json("notifications"),
    };
    if (v("filenameTemplate")) body.filenameTemplate = v("filenameTemplate");
    if (this.fields.has("active")) body.active = v("active");
    const maxRecords = numberOrText(v("split.maxRecords"));
    const maxBytes = numberOrText(v("split.maxBytes"));
    body.split = maxRecords === null && maxBytes === null ? null : { maxRecords, maxBytes };
    const maxRuns = numberOrText(v("retention.maxRuns"));
    const maxAgeDays = numberOrText(v("retention.maxAgeDays"));
    body.retention = maxRuns === null && maxAgeDays === null ? null : { maxRuns, maxAgeDays };
    return { body, errors };
  }

  clearErrors() {
    this.summary.hidden = true;
    this.summary.replaceChildren();
    for (const f of this.fields.values()) f.clear();
    this.settings.clear();
  }

  /** Shows every error under its field (a nested key under its nearest field), the rest in the summary; focuses the summary. */
  showErrors(errors, title) {
    const rest = this.settings.showErrors(errors);
    const unplaced = [];
    for (const [key, messages] of Object.entries(rest)) {
      const f = this.fieldFor(key);
      if (f) f.error(f.key === key ? messages : messages.map((m) => `${key}: ${m}`)); else unplaced.push(`${key}: ${messages.join(" ")}`);
    }
    if (this.form.querySelector(".advanced [aria-invalid=true]")) this.form.querySelector(".advanced").open = true;
    const count = Object.keys(errors).length;
    this.summary.replaceChildren(...[
      el("p", {}, title || `The job was not saved: ${count} field${count === 1 ? "" : "s"} to correct (shown under each).`),
      unplaced.length ? el("ul", {}, unplaced.map((u) => el("li", {}, u))) : null].filter(Boolean));
    this.summary.hidden = false;
    const first = this.form.querySelector("[aria-invalid=true]");
    if (first) first.focus(); else this.summary.focus();
  }

  fieldFor(key) {
    const parts = key.split(/(?=[.[])/); // "columns[0].source" -> ["columns", "[0]", ".source"]
    for (let n = parts.length; n > 0; n--) {
      const candidate = parts.slice(0, n).join("");
      if (this.fields.has(candidate)) return this.fields.get(candidate);
    }
    return null;
  }

  // ---- save -----------------------------------------------------------------------------------
  async save() {
    this.clearErrors();
    this.conflict.hidden = true;
    const { body, errors } = this.body();
    if (Object.keys(errors).length) { this.showErrors(errors, "The job was not sent: correct the fields shown first."); return; }
    this.saveButton.disabled = true;
    try {
      const edit = this.mode === "edit";
      const answer = edit
        ? await send(jobPath(this.job.id), { method: "PUT", body, ifMatch: this.etag })
        : await send("/", { method: "POST", body });
      if (answer.ok) {
        const saved = answer.body;
        window.addEventListener("hashchange", () => say(edit ? `Saved '${saved.name}'.` : `Created '${saved.name}'.`), { once: true });
        navigate(routes.job(saved.id));
        return;
      }
      if (answer.status === 412) { this.showConflict(); return; }
      if (answer.status === 404 && edit) { this.summary.hidden = false; this.summary.replaceChildren(el("p", {}, "This job no longer exists: it was deleted by someone else.")); this.summary.focus(); return; }
      const problem = answer.body || {};
      if (problem.errors && Object.keys(problem.errors).length) this.showErrors(problem.errors);
      else {
        this.summary.replaceChildren(el("p", {}, `The job was not saved: ${problem.detail || problem.title || answer.status}`));
        this.summary.hidden = false;
        this.summary.focus();
      }
    } catch (error) {
      this.summary.replaceChildren(el("p", {}, `The job was not saved: ${error.message}`));
      this.summary.hidden = false;
    } finally {
      this.saveButton.disabled = false;
    }
  }

  showConflict() {
    const reload = el("button", { type: "button", class: "primary", "data-action": "reload", onclick: () => this.reload() }, "Reload the job");
    this.conflict.replaceChildren(
      el("p", {}, el("strong", {}, "This job was changed by someone else"), " since you opened it, so your changes were not saved."),
      el("p", {}, "Reload it to see the current version (what you typed here is replaced), then make your change again."),
      el("div", { class: "actions" }, reload));
    this.conflict.hidden = false;
    reload.focus();
  }

  async reload() {
    const answer = await send(jobPath(this.job.id));
    if (!answer.ok) { say(`The job could not be reloaded: ${answer.status}`); return; }
    this.job = answer.body;
    this.etag = answer.etag;
    this.fields.clear();
    this.configs.clear();
    this.render();
    say("Reloaded the job as it is now.");
  }

  // ---- test connection and preview ------------------------------------------------------------
  async testConnection(button) {
    this.settings.clear();
    const settings = this.settings.read();
    const type = this.fields.get("destinationType").value();
    if (Object.keys(settings.errors).length) { this.settings.showErrors(settings.errors); return; }
    button.disabled = true;
    this.testResult.replaceChildren(el("p", {}, "Testing the connection…"));
    try {
      // A saved job's edited settings go to its own endpoint, where masks stand for its stored secrets.
      const path = this.mode === "edit" ? jobPath(this.job.id, "/test-connection") : "/test-connection";
      const answer = await send(path, { method: "POST", body: { destinationType: type, destinationConfig: settings.value } });
      if (answer.ok) {
        const result = answer.body;
        this.testResult.replaceChildren(
          el("p", { class: result.success ? "ok" : "bad", "data-testid": "test-outcome" }, result.success ? "Connection works." : "Connection failed."),
          el("ul", { class: "checks" }, (result.checks || []).map((c) => el("li", { class: c.success ? "ok" : "bad", "data-testid": "check" },
            el("span", { class: "visually-hidden" }, c.success ? "passed: " : "failed: "), el("span", { "aria-hidden": "true" }, c.success ? "✓ " : "✗ "), el("strong", {}, c.name), ` — ${c.message}`))));
      } else if (answer.body && answer.body.errors) {
        this.testResult.replaceChildren(el("p", { class: "bad", "data-testid": "test-outcome" }, "The settings are invalid: see the fields."));
        const rest = this.settings.showErrors(answer.body.errors);
        for (const [key, messages] of Object.entries(rest)) { const f = this.fieldFor(key); if (f) f.error(messages); }
      } else {
        this.testResult.replaceChildren(el("p", { class: "bad", "data-testid": "test-outcome" }, `The test could not be made: ${(answer.body && (answer.body.detail || answer.body.title)) || answer.status}`));
      }
    } catch (error) {
      this.testResult.replaceChildren(el("p", { class: "bad" }, error.message));
    } finally {
      button.disabled = false;
    }
  }

  async preview(button) {
    this.clearErrors();
    const { body, errors } = this.body();
    if (Object.keys(errors).length) { this.showErrors(errors, "Nothing was previewed: correct the fields shown first."); return; }
    button.disabled = true;
    this.previewResult.replaceChildren(el("p", {}, "Reading the first rows…"));
    try {
      // An edit previews on its job's own endpoint, where masks stand for its stored secrets (as on save).
      const path = this.mode === "edit" ? jobPath(this.job.id, "/preview?limit=10") : "/preview?limit=10";
      const answer = await send(path, { method: "POST", body });
      if (answer.ok) {
        const p = answer.body;
        this.previewResult.replaceChildren(
          el("h3", {}, "Preview"),
          el("p", { "data-testid": "preview-summary" }, `${p.recordCount} record${p.recordCount === 1 ? "" : "s"} of the first run, written to ${p.fileName}.`),
          el("pre", { class: "preview", tabindex: "0", "aria-label": "The first rows as the file would hold them", "data-testid": "preview-content" }, p.content ?? ""));
      } else if (answer.body && answer.body.errors) {
        this.previewResult.replaceChildren(el("p", { class: "bad" }, "Nothing was previewed: the job is invalid."));
        this.showErrors(answer.body.errors, "Nothing was previewed: correct the fields shown.");
      } else {
        this.previewResult.replaceChildren(el("p", { class: "bad", "data-testid": "preview-summary" }, `The preview failed: ${(answer.body && (answer.body.detail || answer.body.title)) || answer.status}`));
      }
    } catch (error) {
      this.previewResult.replaceChildren(el("p", { class: "bad" }, error.message));
    } finally {
      button.disabled = false;
    }
  }
}
