// A job's page (#/jobs/{id}): the job, its next runs, a chart of recent runs and the run history.
import { api, jobPath } from "./api.js";
import { el, badge, local, inZone, cronInWords, size, duration, routes } from "./ui.js";
import { jobActions } from "./actions.js";
import { state } from "./list.js";
import { chart } from "./chart.js";

const recentRuns = Number(document.body.dataset.recentRuns) || 30;

// The next five runs (GET …/schedule), asked again only when the job's schedule, state or next run changed.
let scheduleCache = { key: null, box: null };
async function nextRuns(job) {
  const key = `${job.id}|${job.version}|${job.active}|${job.nextRunAt}`;
  if (scheduleCache.key === key) return scheduleCache.box;
  const box = el("div", { class: "meta" });
  try {
    const schedule = await api(jobPath(job.id, "/schedule"));
    box.append(`${cronInWords(schedule.schedule)} (${schedule.timeZone})`);
    scheduleCache = { key, box };
    if (job.active) {
      box.append(el("ol", { class: "next", "data-testid": "next-runs", "aria-label": "Next runs" },
        schedule.nextRuns.map((t) => el("li", { title: t }, inZone(t, schedule.timeZone)))));
    } else {
      box.append(el("div", {}, "No runs while paused."));
    }
  } catch (error) {
    box.append(`${cronInWords(job.schedule)} — ${error.message}`);
  }
  return box;
}

/** One row of a run history table (the start links to the run's page). */
export function runRow(jobId, run) {
  return el("tr", { "data-run-id": run.id, "data-testid": "run" },
    el("td", {}, el("a", { href: routes.run(jobId, run.id), "data-testid": "run-link" }, local(run.startedAt))),
    el("td", {}, badge(run.status, run.status, "run-status")),
    el("td", {}, run.trigger),
    el("td", { class: "num" }, run.recordCount ?? "—"),
    el("td", { class: "num" }, size(run.fileSize)),
    el("td", { class: "num" }, duration(run)),
    el("td", { class: "path" }, run.destinationPath ?? "—"),
    el("td", { class: "error" }, run.error ?? ""));
}

/** Mounts a job's page into root; answers the view ({ refresh }). */
export function mount(root, { id }) {
  const detail = el("div", { id: "job-detail" });
  const chartBox = el("div", { id: "chart", class: "chart", "data-testid": "chart" });
  const body = el("tbody");
  const noRuns = el("p", { id: "no-runs", hidden: true }, "This job has not run yet.");
  root.replaceChildren(el("section", { id: "job-view", "aria-labelledby": "job-title" },
    el("p", {}, el("a", { href: routes.list(), class: "back" }, "← All jobs")),
    detail,
    el("h3", {}, "Records and duration over recent runs"),
    chartBox,
    el("h3", {}, "Run history"),
    el("div", { class: "table-scroll" },
      el("table", { id: "runs", "data-testid": "runs" },
        el("thead", {}, el("tr", {}, el("th", {}, "Started"), el("th", {}, "Status"), el("th", {}, "Trigger"), el("th", { class: "num" }, "Records"),
          el("th", { class: "num" }, "Size"), el("th", { class: "num" }, "Duration"), el("th", {}, "Destination"), el("th", {}, "Error"))),
        body)),
    noRuns));
  return {
    async refresh() {
      const [job, runs] = await Promise.all([api(jobPath(id)), api(jobPath(id, `/runs?limit=${recentRuns}`))]);
      detail.replaceChildren(el("div", { class: "job", "data-job-id": job.id, "data-testid": "job-detail" },
        el("h2", { id: "job-title" }, job.name),
        job.description ? el("div", { class: "meta" }, job.description) : null,
        el("div", {}, state(job), " ", el("span", { class: "meta" }, `${job.format}${job.compress ? " + gzip" : ""} → ${job.destinationType}, mode ${job.mode}`)),
        await nextRuns(job),
        jobActions(job, { onJobPage: true })));
      chart(chartBox, runs);
      body.replaceChildren(...runs.map((run) => runRow(job.id, run)));
      noRuns.hidden = runs.length > 0;
    },
  };
}
