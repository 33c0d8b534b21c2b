// The in-page confirmation of a job's deletion (a modal <dialog>, not window.confirm), and the deletion itself.
import { send, jobPath } from "./api.js";
import { el, say, navigate, routes } from "./ui.js";

/** Asks in a modal dialog; answers true when the user confirmed. */
export function confirmDialog({ title, text, confirm, testid }) {
  return new Promise((resolve) => {
    const titleId = `dialog-title-${Date.now()}`;
    const textId = `${titleId}-text`;
    const dialog = el("dialog", { class: "confirm", "aria-labelledby": titleId, "aria-describedby": textId, "data-testid": testid || "confirm-dialog" });
    const close = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    dialog.append(
      el("h2", { id: titleId }, title),
      el("p", { id: textId }, text),
      el("div", { class: "actions" },
        el("button", { type: "button", "data-action": "cancel", onclick: () => close(false) }, "Cancel"),
        el("button", { type: "button", class: "danger", "data-action": "confirm", onclick: () => close(true) }, confirm)));
    dialog.addEventListener("cancel", (e) => { e.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector("[data-action=cancel]").focus();
  });
}

/**
 * Confirms, then deletes the job (If-Match with etag when known) and opens the list. Answers false when the user
 * cancelled or the API refused (its message is on the status line).
 */
export async function confirmDelete(job, etag) {
  const ok = await confirmDialog({
    title: `Delete '${job.name}'?`,
    text: "The job and its whole run history are deleted. Files already delivered stay where they are. This cannot be undone.",
    confirm: "Delete job",
    testid: "delete-dialog",
  });
  if (!ok) return false;
  const answer = await send(jobPath(job.id), { method: "DELETE", ifMatch: etag || null });
  if (answer.status === 204 || answer.status === 404) {
    // The router clears the status line on hashchange; this listener runs after it.
    window.addEventListener("hashchange", () => say(`Deleted '${job.name}'.`), { once: true });
    navigate(routes.list());
    return true;
  }
  say(answer.status === 412
    ? `'${job.name}' was changed by someone else since you opened it; nothing was deleted. Reload it and try again.`
    : `The job could not be deleted: ${(answer.body && (answer.body.detail || answer.body.title)) || answer.status}`);
  return false;
}
