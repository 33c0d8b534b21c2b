// A running run's live progress: a bar (records written against the last successful run's count, when there is
// one; indeterminate otherwise), records and bytes written, stage and elapsed time; and its Cancel button.
import { api, can, jobPath } from "./api.js";
import { el, say, size, count, span, requestRefresh } from "./ui.js";

const stages = { source: "reading records", writer: "writing the file", delivery: "delivering", recording: "recording the run" };

/** Seconds the run has been running: from its start to now (never less than to its last progress update). */
function elapsed(run) {
  const start = new Date(run.startedAt).getTime();
  const updated = run.progress && run.progress.updatedAt ? new Date(run.progress.updatedAt).getTime() : start;
  return Math.max(0, Date.now() - start, updated - start) / 1000;
}

/**
 * The progress box of a running run (data-testid=progress; data-records / data-bytes carry the numbers). expected:
 * the record count of the job's last successful run (the bar's full length), or null (an indeterminate bar).
 */
export function progressBox(run, expected) {
  const p = run.progress || { stage: "source", recordsWritten: 0, bytesWritten: 0 };
  const label = `Progress of run ${run.id}`;
  const bar = expected > 0
    ? el("progress", { max: 100, value: Math.min(99, Math.round((p.recordsWritten / expected) * 100)), "aria-label": label, "data-testid": "progress-bar" })
    : el("progress", { "aria-label": label, "data-testid": "progress-bar" });
  return el("div", { class: "progress", "data-testid": "progress", "data-records": p.recordsWritten, "data-bytes": p.bytesWritten, "data-stage": p.stage },
    bar,
    el("div", { class: "meta" },
      el("span", { "data-testid": "progress-records" }, `${count(p.recordsWritten)}${expected > 0 ? ` of about ${count(expected)}` : ""} records`), ", ",
      el("span", { "data-testid": "progress-bytes" }, `${size(p.bytesWritten)} written`), " · ",
      el("span", { "data-testid": "progress-stage" }, `stage: ${p.stage} (${stages[p.stage] || p.stage})`), " · ",
      el("span", { "data-testid": "progress-elapsed" }, `${span(elapsed(run))} elapsed`),
      run.cancelled ? el("span", { class: "cancelling" }, " · cancel asked for") : null));
}

/** The Cancel button of a running run (operate capability; none otherwise); a 409 says it is too late. */
export function cancelButton(jobId, run) {
  if (!can("operate") || run.status !== "running") return null;
  const text = run.cancelled ? "Cancelling…" : "Cancel run";
  return el("button", {
    type: "button", class: "danger", "data-action": "cancel", "aria-label": `${text} ${run.id}`, disabled: run.cancelled || null,
    onclick: async (e) => {
      const button = e.currentTarget;
      button.disabled = true;
      try {
        await api(jobPath(jobId, `/runs/${encodeURIComponent(run.id)}/cancel`), { method: "POST" });
        say(`Asked run ${run.id} to cancel; it ends failed (cancelled).`);
      } catch (error) {
        say(error.status === 409 ? `Too late to cancel run ${run.id}: ${(error.problem && error.problem.detail) || "it has already ended or published its file."}` : error.message);
      }
      requestRefresh();
    },
  }, text);
}
