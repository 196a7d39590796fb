// Charts drawn by the vendored Chart.js (window.Chart, /static/vendor/chartjs): each in a
// figure with a visible caption, an aria-label summing up its data and a text fallback.
"use strict";

import { element } from "./common.js";

const INK = "#1d2433";
const ACCENT = "#1f5fbf";
const drawn = [];
let serial = 0;

// Every chart of the previous view goes when a view is drawn.
export function clearCharts() {
  while (drawn.length) drawn.pop().destroy();
}

function figure(title, summary, tall) {
  const id = `chart-title-${++serial}`;
  const canvas = element(
    "canvas",
    { role: "img", "aria-label": `${title}: ${summary}`, "aria-describedby": id },
    summary,
  );
  const node = element(
    "figure",
    { class: tall ? "chart tall" : "chart" },
    element("figcaption", { id }, title),
    element("div", { class: "canvas-box" }, canvas),
  );
  return { node, canvas };
}

function baseOptions(onPick) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: false } },
    onClick: onPick
      ? (_event, elements) => {
          if (elements.length) onPick(elements[0].index);
        }
      : undefined,
  };
}

// Bars of labelled counts; `horizontal` for long labels (names), `onPick(index)` on a click.
export function barChart({ title, labels, counts, horizontal = false, onPick = null }) {
  const pairs = labels.map((label, i) => `${label} ${counts[i]}`);
  const summary = pairs.length ? pairs.join(", ") : "no data";
  const { node, canvas } = figure(title, summary, horizontal && labels.length > 8);
  const options = baseOptions(onPick);
  options.indexAxis = horizontal ? "y" : "x";
  const valueAxis = { beginAtZero: true, ticks: { precision: 0, color: INK } };
  options.scales = horizontal
    ? { x: valueAxis, y: { ticks: { color: INK, autoSkip: false } } }
    : { y: valueAxis, x: { ticks: { color: INK } } };
  drawn.push(
    new window.Chart(canvas, {
      type: "bar",
      data: { labels, datasets: [{ label: title, data: counts, backgroundColor: ACCENT }] },
      options,
    }),
  );
  return node;
}

// Statements per period from a /statements/timeline answer; words instead of an empty chart
// when no statement is in a dated article.
export function timelineChart(title, timeline) {
  if (!timeline.buckets.length) {
    const words = timeline.undated
      ? `All ${timeline.undated} statements are in articles without a publication date: no month to chart.`
      : "No statement.";
    return element("p", { class: "hint" }, words);
  }
  const labels = timeline.buckets.map((bucket) => bucket.start.slice(0, 7));
  const counts = timeline.buckets.map((bucket) => bucket.count);
  const node = barChart({ title, labels, counts });
  if (timeline.undated) {
    node.append(element("p", { class: "hint" }, `and ${timeline.undated} in undated articles`));
  }
  return node;
}

const ROLE_STYLE = {
  units: { color: "#1f5fbf", point: "rect", label: "sent units", radius: 9, order: 2 },
  representatives: { color: "#d9822b", point: "triangle", label: "sent representatives", radius: 6, order: 1 },
  participant: { color: "#3a8f5c", point: "circle", label: "took part", radius: 6, order: 1 },
};

// Countries (rows) by years (columns), one marker per role a country had in that year's
// edition: `cells` are {country, year, role}. The larger squares of units lie beneath, so a
// country with two roles in a year shows both markers.
export function matrixChart({ title, countries, years, cells }) {
  const summary = cells.length
    ? cells.map((c) => `${c.country} ${c.year} ${c.role}`).join(", ")
    : "no participants";
  const { node, canvas } = figure(title, summary, countries.length > 8);
  const datasets = Object.entries(ROLE_STYLE).map(([role, style]) => ({
    label: style.label,
    data: cells.filter((c) => c.role === role).map((c) => ({ x: c.year, y: c.country })),
    backgroundColor: style.color,
    pointStyle: style.point,
    pointRadius: style.radius,
    pointHoverRadius: style.radius + 2,
    order: style.order,
  }));
  const options = baseOptions(null);
  options.plugins.legend = { display: true, position: "bottom", labels: { usePointStyle: true } };
  options.scales = {
    x: { type: "category", labels: years, offset: true, ticks: { color: INK } },
    y: { type: "category", labels: countries, offset: true, ticks: { color: INK } },
  };
  drawn.push(new window.Chart(canvas, { type: "scatter", data: { datasets }, options }));
  return node;
}
