// A job's buttons (pause/resume, run now, history, edit, duplicate), each shown only when the user may use it.
import { api, can, jobPath } from "./api.js";
import { el, say, requestRefresh, navigate, routes } from "./ui.js";
import { confirmDelete } from "./dialog.js";

/** POSTs path (no body), says message and refreshes the view; on an error says it and enables the button again. */
export async function act(button, path, message, body) {
  button.disabled = true;
  try {
    await api(path, { method: "POST", body });
    say(message);
    requestRefresh();
  } catch (error) {
    say(error.message);
    button.disabled = false;
  }
}

/**
 * The action buttons of one job: pause/resume and run now (operate), run history (on the list; omitted with
 * { onJobPage: true }), edit, duplicate and delete (edit). Buttons carry data-action (pause, resume, run, history, edit, duplicate, delete).
 */
export function jobActions(job, { onJobPage = false } = {}) {
  const operate = can("operate");
  const edit = can("edit");
  return el("div", { class: "actions" },
    !operate ? null : job.active
      ? el("button", { type: "button", "data-action": "pause", "aria-label": `Pause: ${job.name}`, onclick: (e) => act(e.currentTarget, jobPath(job.id, "/pause"), `Paused '${job.name}'.`) }, "Pause")
      : el("button", { type: "button", "data-action": "resume", "aria-label": `Resume: ${job.name}`, onclick: (e) => act(e.currentTarget, jobPath(job.id, "/resume"), `Resumed '${job.name}'.`) }, "Resume"),
    !operate ? null : el("button", { type: "button", class: "primary", "data-action": "run", "aria-label": `Run now: ${job.name}`, onclick: (e) => act(e.currentTarget, jobPath(job.id, "/trigger"), `Started a run of '${job.name}'.`) }, "Run now"),
    onJobPage ? null : el("button", { type: "button", "data-action": "history", "aria-label": `Run history: ${job.name}`, onclick: () => navigate(routes.job(job.id)) }, "Run history"),
    !edit || !onJobPage ? null : el("button", { type: "button", "data-action": "edit", onclick: () => navigate(routes.edit(job.id)) }, "Edit"),
    !edit || !onJobPage ? null : el("button", { type: "button", "data-action": "duplicate", onclick: () => navigate(routes.duplicate(job.id)) }, "Duplicate"),
    // Delete (D2): confirmed in an in-page dialog (dialog.js), then DELETE and back to the list.
    !edit || !onJobPage ? null : el("button", { type: "button", class: "danger", "data-action": "delete", onclick: () => confirmDelete(job) }, "Delete"));
}
