// The ExportJobs dashboard: plain browser JavaScript modules, no dependencies, no build step; talks to the REST API at
// the page's data-api-base. This module is the router (location.hash) and the refresh loop.
import { apiWithETag, loadCapabilities, jobPath } from "./api.js";
import { $, el, say } from "./ui.js";
import * as listView from "./list.js";
import * as jobView from "./job.js";
import * as runView from "./run.js";
import { renderForm } from "./form.js";

// How often the open view refreshes itself while the page is visible (stopped while hidden): one GET of the job list
// per interval on the list (whatever the job count), the job's overview on a job's page (the job, its runs and next runs in
// one answer), the run on a run's page.
const refreshMs = Math.max(1000, Number(document.body.dataset.refreshMs) || 5000);

// A form view: mounted once, never refreshed (the user's input stays); edit and duplicate load the job (and its ETag) first.
const formView = (mode) => (root, { id }) => ({
  async mount() {
    let job = null, etag = null;
    if (id) ({ body: job, etag } = await apiWithETag(jobPath(id)));
    await renderForm(root, { mode, job, etag });
  },
});

// Routes: #/ (list), #/jobs/{id} (job), #/jobs/{id}/runs/{runId} (run), #/new, #/jobs/{id}/edit, #/jobs/{id}/duplicate.
const table = [
  [/^#?\/?$/, () => ({}), listView.mount],
  [/^#\/new$/, () => ({}), formView("new")],
  [/^#\/jobs\/([^/]+)\/edit$/, (m) => ({ id: m[1] }), formView("edit")],
  [/^#\/jobs\/([^/]+)\/duplicate$/, (m) => ({ id: m[1] }), formView("duplicate")],
  [/^#\/jobs\/([^/]+)\/runs\/([^/]+)$/, (m) => ({ id: m[1], runId: m[2] }), runView.mount],
  [/^#\/jobs\/([^/]+)$/, (m) => ({ id: m[1] }), jobView.mount],
];

function route(hash) {
  const legacy = /^#job\/(.+)$/.exec(hash); // links of releases before the routes (#job/{id})
  if (legacy) return { redirect: `#/jobs/${legacy[1]}` };
  for (const [pattern, params, mount] of table) {
    const match = pattern.exec(hash);
    if (match) {
      const values = Object.fromEntries(Object.entries(params(match)).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { key: hash, params: values, mount };
    }
  }
  return { key: hash, params: {}, mount: (root) => ({ mount() { root.replaceChildren(el("p", {}, "No such page. ", el("a", { href: "#/" }, "All jobs"))); } }) };
}

const root = $("#view");
let current = { key: null, view: null };
let pollTimer = null;
let refreshes = 0;
let rendering = null;
let again = false;

// One refresh at a time: a refresh asked for while one is under way runs once after it (never two at once), and the
// next timed refresh is set only after the current one ended, only while the page is visible and the view polls.
async function render() {
  clearTimeout(pollTimer);
  pollTimer = null;
  if (rendering) { again = true; return rendering; }
  let target = route(location.hash);
  if (target.redirect) { history.replaceState(null, "", target.redirect); target = route(location.hash); }
  let polls = false;
  rendering = (async () => {
    try {
      await loadCapabilities();
      if (current.key !== target.key) {
        current = { key: target.key, view: target.mount(root, target.params) };
        root.dataset.route = target.key || "#/";
        if (current.view.mount) await current.view.mount();
      }
      if (current.view.refresh) polls = (await current.view.refresh()) !== false;
      document.body.dataset.ready = "true";
    } catch (error) {
      say(error.message);
      polls = !!(current.view && current.view.refresh);
    }
  })();
  await rendering;
  rendering = null;
  if (again) { again = false; return render(); }
  schedule(polls);
  document.body.dataset.refreshes = String(++refreshes);
}

function schedule(polls) {
  clearTimeout(pollTimer);
  pollTimer = null;
  const visible = document.visibilityState !== "hidden";
  document.body.dataset.polling = String(visible && polls);
  if (visible && polls) pollTimer = setTimeout(render, refreshMs);
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") { clearTimeout(pollTimer); pollTimer = null; document.body.dataset.polling = "false"; }
  else if (!rendering) render();
});
document.addEventListener("exportjobs:refresh", () => render());
window.addEventListener("hashchange", () => { say(""); render(); });
$("#refresh").addEventListener("click", () => { say(""); render(); });
render();
