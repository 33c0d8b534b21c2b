// The create / edit / duplicate form of a job. Placeholder until the form lands (helper D2 owns this module).
import { el, routes } from "./ui.js";

/**
 * Renders the job form into root. mode: "new" | "edit" | "duplicate"; job: the job (edit, duplicate; null for new);
 * etag: the job's ETag (edit: send it as If-Match). The form is not polled (the page does not refresh it).
 */
export function renderForm(root, { mode, job } = {}) {
  root.replaceChildren(el("section", { class: "card", "data-testid": "form-placeholder", "aria-labelledby": "form-title" },
    el("h2", { id: "form-title" }, mode === "new" ? "New export job" : mode === "edit" ? `Edit ${job ? job.name : "job"}` : `Duplicate ${job ? job.name : "job"}`),
    el("p", {}, "The job form is not built yet: create and edit jobs with POST and PUT on the API."),
    el("p", {}, el("a", { href: job ? routes.job(job.id) : routes.list() }, job ? "Back to the job" : "Back to all jobs"))));
}
