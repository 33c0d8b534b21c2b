// A run's page (#/jobs/{id}/runs/{runId}): every field of the run, its files, and while it runs its live progress
// and Cancel button. One GET of the run per refresh (the job's name and the expected record count are asked once).
import { api, jobPath } from "./api.js";
import { el, badge, local, size, count, duration, routes } from "./ui.js";
import { progressBox, cancelButton } from "./progress.js";

const field = (name, label, value) => [el("dt", {}, label), el("dd", { "data-field": name }, value === null || value === undefined || value === "" ? "—" : value)];

function fields(run) {
  return el("dl", { class: "fields", "data-testid": "run-fields" },
    field("id", "Run id", el("code", {}, run.id)),
    field("status", "Status", badge(run.status, run.status, "run-status")),
    field("trigger", "Trigger", run.trigger),
    field("mode", "Mode", run.mode),
    field("attempt", "Attempt", run.attempt),
    field("scheduledAt", "Scheduled for", run.scheduledAt ? local(run.scheduledAt) : null),
    field("startedAt", "Started", local(run.startedAt)),
    field("completedAt", "Completed", run.completedAt ? local(run.completedAt) : null),
    field("duration", "Duration", duration(run)),
    field("recordCount", "Records", count(run.recordCount)),
    field("fileSize", "Size", run.fileSize === null || run.fileSize === undefined ? null : `${size(run.fileSize)} (${count(run.fileSize)} bytes)`),
    field("fileName", "File name", run.fileName),
    field("destinationPath", "Destination", run.destinationPath),
    field("checksum", "SHA-256", run.checksum ? el("code", {}, run.checksum) : null),
    field("skipped", "Skipped", run.skipped),
    field("cancelled", "Cancelled", run.cancelled ? `yes${run.cancelledBy ? `, by ${run.cancelledBy}` : ""}` : "no"),
    field("owner", "Host", run.owner),
    field("error", "Error", run.error ? el("pre", { class: "error" }, run.error) : null));
}

function files(run) {
  if (!run.files || run.files.length === 0) return null;
  return el("section", { "aria-labelledby": "files-title" },
    el("h3", { id: "files-title" }, `Files (${run.files.length})`),
    el("div", { class: "table-scroll" }, el("table", { "data-testid": "run-files" },
      el("thead", {}, el("tr", {}, el("th", {}, "Name"), el("th", {}, "Path"), el("th", { class: "num" }, "Records"), el("th", { class: "num" }, "Size"), el("th", {}, "SHA-256"))),
      el("tbody", {}, run.files.map((f) => el("tr", { "data-testid": "run-file" },
        el("td", {}, f.name), el("td", { class: "path" }, f.path), el("td", { class: "num" }, count(f.records)),
        el("td", { class: "num" }, size(f.bytes)), el("td", { class: "path" }, el("code", {}, f.checksum))))))));
}

/** Mounts a run's page into root; answers the view ({ refresh }). */
export function mount(root, { id, runId }) {
  const heading = el("h2", { id: "run-title" }, "Run");
  const live = el("div", { "data-testid": "run-live" });
  const detail = el("div", { "data-testid": "run-detail" });
  root.replaceChildren(el("section", { id: "run-view", "aria-labelledby": "run-title" },
    el("p", {}, el("a", { href: routes.job(id), class: "back", "data-testid": "back-to-job" }, "← The job")),
    heading, live, detail));
  let job = null;
  let expected;
  return {
    async refresh() {
      const run = await api(jobPath(id, `/runs/${encodeURIComponent(runId)}`));
      if (!job) job = await api(jobPath(id)).catch(() => ({ id, name: id }));
      if (run.status === "running" && expected === undefined) {
        const last = await api(jobPath(id, "/runs?status=success&limit=1")).catch(() => []);
        expected = last.length > 0 ? last[0].recordCount : null;
      }
      heading.replaceChildren(`Run of ${job.name}`);
      live.replaceChildren(...(run.status === "running" ? [progressBox(run, expected), el("div", { class: "actions" }, cancelButton(id, run))] : []));
      detail.replaceChildren(el("div", { class: "card", "data-run-id": run.id }, fields(run)), files(run));
      // A finished run does not change: the page stops polling it.
      return run.status === "running";
    },
  };
}
