// A job's page (#/jobs/{id}): the job, its next runs, a chart of recent runs and the run history.
import { api, send, ApiError, jobPath } from "./api.js";
import { el, say, badge, local, inZone, cronInWords, size, duration, routes } from "./ui.js";
import { jobActions } from "./actions.js";
import { state } from "./list.js";
import { chart } from "./chart.js";
import { progressBox, cancelButton } from "./progress.js";

const recentRuns = Number(document.body.dataset.recentRuns) || 30;

// The schedule in words and the next five runs, from the overview's schedule (null with scheduleProblem when the
// current rules refuse the stored schedule or zone).
function nextRuns(job, schedule, problem) {
  const box = el("div", { class: "meta" });
  if (!schedule) {
    box.append(`${cronInWords(job.schedule)} — ${problem || "no schedule"}`);
    return box;
  }
  box.append(`${cronInWords(schedule.schedule)} (${schedule.timeZone})`);
  if (job.active) {
    box.append(el("ol", { class: "next", "data-testid": "next-runs", "aria-label": "Next runs" },
      schedule.nextRuns.map((t) => el("li", { title: t }, inZone(t, schedule.timeZone)))));
  } else {
    box.append(el("div", {}, "No runs while paused."));
  }
  return box;
}

/** One row of a run history table (the start links to the run's page). */
export function runRow(jobId, run) {
  return el("tr", { "data-run-id": run.id, "data-testid": "run" },
    el("td", { class: "started", "data-label": "Started" }, el("a", { href: routes.run(jobId, run.id), "data-testid": "run-link" }, local(run.startedAt))),
    el("td", { class: "status", "data-label": "Status" }, badge(run.status, run.status, "run-status"), run.cancelled ? " (cancelled)" : null),
    el("td", { "data-label": "Trigger" }, run.trigger),
    el("td", { class: "num", "data-label": "Records" }, run.recordCount ?? "—"),
    el("td", { class: "num", "data-label": "Size" }, size(run.fileSize)),
    el("td", { class: "num", "data-label": "Duration" }, duration(run)),
    el("td", { class: "path", "data-label": "Destination" }, run.destinationPath ?? "—"),
    el("td", { class: "error", "data-label": "Error" }, run.error ?? ""));
}

/** A page of a job's runs, newest first: { runs, more } (more: the API's Link rel="next" says an older page exists). */
async function runsPage(id, before) {
  const path = jobPath(id, `/runs?limit=${recentRuns}${before ? `&before=${encodeURIComponent(before)}` : ""}`);
  const answer = await send(path);
  if (!answer.ok) throw new ApiError("GET", path, answer.response, answer.body);
  return { runs: answer.body, more: /rel="?next"?/.test(answer.headers.get("Link") || "") };
}

/** The live box of each running run: its progress and Cancel button. expected: the newest successful run's record count. */
function liveRuns(jobId, runs) {
  const running = runs.filter((r) => r.status === "running");
  const last = runs.find((r) => r.status === "success");
  const expected = last ? last.recordCount : null;
  return running.map((run) => el("div", { class: "live-run", "data-run-id": run.id, "data-testid": "live-run" },
    el("h3", {}, "Running now: ", el("a", { href: routes.run(jobId, run.id) }, `run started ${local(run.startedAt)}`)),
    progressBox(run, expected),
    el("div", { class: "actions" }, cancelButton(jobId, run))));
}

/**
 * Mounts a job's page into root; answers the view ({ refresh }). One GET per refresh, whatever the page shows:
 * GET …/{id}/overview (the job, its newest runs, whether older ones exist, its next runs). "Older runs" pages back on a click.
 */
export function mount(root, { id }) {
  const detail = el("div", { id: "job-detail" });
  const live = el("div", { "data-testid": "job-live" });
  const chartBox = el("div", { id: "chart", class: "chart", "data-testid": "chart" });
  const body = el("tbody");
  const noRuns = el("p", { id: "no-runs", hidden: true }, "This job has not run yet.");
  const olderButton = el("button", { type: "button", "data-action": "older-runs", hidden: true }, "Older runs");
  const endOfHistory = el("p", { class: "meta", "data-testid": "end-of-history", hidden: true }, "That is the whole history.");
  let first = [];        // the newest page, read again on every refresh
  const older = [];      // older pages, read once each with "Older runs" (a cursor: before = the oldest run shown)
  let more = false;      // whether an older page exists than the last one read

  function drawRuns() {
    const seen = new Set(first.map((r) => r.id));
    const rows = first.concat(older.filter((r) => !seen.has(r.id)));
    body.replaceChildren(...rows.map((run) => runRow(id, run)));
    noRuns.hidden = rows.length > 0;
    olderButton.hidden = !more;
    endOfHistory.hidden = more || older.length === 0;
  }

  olderButton.addEventListener("click", async () => {
    olderButton.disabled = true;
    try {
      const shown = older.length > 0 ? older : first;
      const page = await runsPage(id, shown[shown.length - 1].id);
      older.push(...page.runs);
      more = page.more;
      drawRuns();
    } catch (error) {
      say(error.message);
    }
    olderButton.disabled = false;
  });

  root.replaceChildren(el("section", { id: "job-view", "aria-labelledby": "job-title" },
    el("p", {}, el("a", { href: routes.list(), class: "back" }, "← All jobs")),
    detail,
    live,
    el("h3", {}, "Records and duration over recent runs"),
    chartBox,
    el("h3", {}, "Run history"),
    el("div", { class: "table-scroll" },
      el("table", { id: "runs", "data-testid": "runs" },
        el("caption", { class: "visually-hidden" }, "Run history, newest first"),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Started"), el("th", { scope: "col" }, "Status"), el("th", { scope: "col" }, "Trigger"), el("th", { scope: "col", class: "num" }, "Records"),
          el("th", { scope: "col", class: "num" }, "Size"), el("th", { scope: "col", class: "num" }, "Duration"), el("th", { scope: "col" }, "Destination"), el("th", { scope: "col" }, "Error"))),
        body)),
    noRuns,
    el("div", { class: "pager" }, olderButton, endOfHistory)));
  return {
    async refresh() {
      const overview = await api(jobPath(id, `/overview?limit=${recentRuns}`));
      const job = overview.job;
      const page = { runs: overview.runs, more: overview.moreRuns };
      detail.replaceChildren(el("div", { class: "job", "data-job-id": job.id, "data-testid": "job-detail" },
        el("h2", { id: "job-title" }, job.name),
        job.description ? el("div", { class: "meta" }, job.description) : null,
        el("div", {}, state(job), " ", el("span", { class: "meta" }, `${job.format}${job.compress ? " + gzip" : ""} → ${job.destinationType}, mode ${job.mode}`)),
        nextRuns(job, overview.schedule, overview.scheduleProblem),
        jobActions(job, { onJobPage: true })));
      live.replaceChildren(...liveRuns(job.id, page.runs));
      chart(chartBox, page.runs);
      first = page.runs;
      if (older.length === 0) more = page.more;
      drawRuns();
    },
  };
}
