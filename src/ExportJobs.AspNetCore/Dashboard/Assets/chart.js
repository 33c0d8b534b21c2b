// The job page's chart: records (bars) and duration (line) of recent finished runs; a failed run draws a red bar.
import { el, local, seconds, duration } from "./ui.js";

const ns = "http://www.w3.org/2000/svg";
const svg = (tag, attrs, text) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v)); if (text) n.textContent = text; return n; };

/** Draws the chart of runs (newest first, as the API answers) into box. */
export function chart(box, runs) {
  const data = runs.filter((r) => r.status !== "running").slice().reverse();
  if (data.length === 0) { box.replaceChildren(el("p", { class: "meta" }, "No finished runs yet.")); return; }
  const W = 600, H = 180, pad = 28, step = (W - 2 * pad) / data.length;
  const anyRecords = data.some((r) => r.recordCount > 0);
  const maxRecords = Math.max(1, ...data.map((r) => r.recordCount || 0));
  const failMark = 8; // a run without records (a failure, an empty run) still draws a visible mark, in its status colour
  const maxSeconds = Math.max(0.001, ...data.map((r) => seconds(r) || 0));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Records (bars) and duration (line) of recent runs" });
  root.append(svg("line", { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, stroke: "#b8c0cc" }));
  const points = [];
  data.forEach((run, i) => {
    const x = pad + i * step;
    const failed = run.status === "failed";
    const h = Math.max(failed ? failMark : 0, ((run.recordCount || 0) / maxRecords) * (H - 2 * pad));
    const bar = svg("rect", { x: x + step * 0.15, y: H - pad - h, width: Math.max(2, step * 0.7), height: h, fill: failed ? "#c62828" : "#8fb8f5", "data-status": run.status });
    bar.append(svg("title", {}, `${local(run.startedAt)}: ${run.status}, ${run.recordCount ?? "no"} records, ${duration(run)}${failed && run.error ? ` — ${run.error}` : ""}`));
    root.append(bar);
    const y = H - pad - ((seconds(run) || 0) / maxSeconds) * (H - 2 * pad);
    points.push(`${x + step / 2},${y}`);
    root.append(svg("circle", { cx: x + step / 2, cy: y, r: 3, fill: "#9a6700" }));
  });
  root.append(svg("polyline", { points: points.join(" "), fill: "none", stroke: "#9a6700", "stroke-width": 2 }));
  root.append(svg("text", { x: 2, y: 14, "font-size": 11, fill: "#5b6475" }, anyRecords ? `${maxRecords} records` : "no records"));
  root.append(svg("text", { x: W - 2, y: 14, "font-size": 11, fill: "#9a6700", "text-anchor": "end" }, `${maxSeconds.toFixed(1)} s`));
  box.replaceChildren(root, el("div", { class: "legend" },
    el("span", {}, el("span", { class: "swatch records" }), "records"),
    el("span", {}, el("span", { class: "swatch failed" }), "failed run"),
    el("span", {}, el("span", { class: "swatch duration" }), "duration")));
}
