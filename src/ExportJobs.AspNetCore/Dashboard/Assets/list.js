// The jobs list (#/): one GET of the job list per refresh, whatever the job count.
import { api } from "./api.js";
import { el, badge, local, inZone, cronInWords, routes } from "./ui.js";
import { jobActions } from "./actions.js";

export function state(job) {
  return job.active
    ? badge("active", "active", "state")
    : badge(job.pausedReason ? `paused: ${job.pausedReason}` : "paused", "paused", "state");
}

function lastRun(job) {
  if (!job.lastRun) return el("div", { class: "meta", "data-testid": "last-run" }, "Last run: never");
  return el("div", { class: "meta", "data-testid": "last-run" }, "Last run: ", badge(job.lastRun.status, job.lastRun.status), " ", local(job.lastRun.startedAt));
}

// The list's schedule line: the schedule in words and the next run (the list response's nextRunAt), in the job's zone.
function nextRun(job) {
  const zone = job.timeZone || "UTC";
  return el("div", { class: "meta" }, `${cronInWords(job.schedule)} (${zone})`,
    el("div", { "data-testid": "next-run" }, job.active ? ["Next run: ", el("time", { datetime: job.nextRunAt || null, title: job.nextRunAt || null }, inZone(job.nextRunAt, zone))] : "No runs while paused."));
}

/** Mounts the list into root; answers the view ({ refresh }). */
export function mount(root) {
  const jobsList = el("ul", { id: "jobs", class: "jobs", "data-testid": "jobs" });
  const none = el("p", { id: "no-jobs", hidden: true }, "No export jobs yet.");
  root.replaceChildren(el("section", { id: "jobs-view", "aria-label": "Export jobs" }, jobsList, none));
  return {
    async refresh() {
      const jobs = await api("/");
      jobsList.replaceChildren(...jobs.map((job) => el("li", { class: "job", "data-job-id": job.id, "data-testid": "job" },
        el("h2", {}, el("a", { href: routes.job(job.id) }, job.name)),
        el("div", {}, state(job), " ", el("span", { class: "meta" }, `${job.format}${job.compress ? " + gzip" : ""} → ${job.destinationType}`)),
        nextRun(job),
        lastRun(job),
        jobActions(job))));
      none.hidden = jobs.length > 0;
    },
  };
}
