// The exercise view at /exercises/{id}: kind and host, editions by year, who took part in
// which edition (a country-by-year chart and table), and the articles reporting it.
"use strict";

import { matrixChart } from "./charts.js";
import { showArticle } from "./article.js";
import { API, commaList, countryLink, element, facts, getJSON, hint, plural, section } from "./common.js";

const ROLE_WORDS = { units: "units", representatives: "representatives", participant: "took part" };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const yearLabel = (year) => (year === null ? "undated" : String(year));

// Distinct {country, year, role} of the participations (one per article otherwise).
function participationCells(exercise) {
  const seen = new Map();
  for (const p of exercise.participants) {
    const cell = { country: p.country, year: yearLabel(p.year), role: p.role };
    seen.set(`${cell.country} ${cell.year} ${cell.role}`, cell);
  }
  return [...seen.values()];
}

function editionsTable(editions) {
  if (!editions.length) return hint("No edition reported.");
  const head = ["Year", "Months", "Articles", "Countries taking part"];
  return element(
    "table",
    { class: "data" },
    element("caption", { class: "visually-hidden" }, "Editions by year"),
    element("thead", {}, element("tr", {}, ...head.map((h) => element("th", { scope: "col" }, h)))),
    element(
      "tbody",
      {},
      ...editions.map((e) =>
        element(
          "tr",
          {},
          element("th", { scope: "row" }, yearLabel(e.year)),
          element("td", {}, e.months.map((m) => MONTHS[m - 1]).join(", ") || "–"),
          element("td", {}, e.article_count),
          element("td", {}, ...(e.countries.length ? commaList(e.countries.map((c) => countryLink(c))) : ["–"])),
        ),
      ),
    ),
  );
}

// The matrix as a table too: a row per country, a column per year, the roles in each cell.
function matrixTable(countries, years, cells) {
  const roles = (country, year) =>
    cells.filter((c) => c.country === country && c.year === year).map((c) => ROLE_WORDS[c.role]).join(", ");
  return element(
    "table",
    { class: "data matrix" },
    element("caption", {}, "Participants by role per edition"),
    element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Country"), ...years.map((y) => element("th", { scope: "col" }, y)))),
    element(
      "tbody",
      {},
      ...countries.map((country) =>
        element("tr", {}, element("th", { scope: "row" }, countryLink(country)), ...years.map((y) => element("td", {}, roles(country, y)))),
      ),
    ),
  );
}

function participantsSection(exercise) {
  const cells = participationCells(exercise);
  if (!cells.length) return section("Participants by edition", hint("No participant reported."));
  const years = [...new Set(cells.map((c) => c.year))].sort();
  const countries = [...new Set(cells.map((c) => c.country))].sort();
  const title = `Countries taking part in ${exercise.name}, by year and role`;
  return section("Participants by edition", matrixChart({ title, countries, years, cells }), matrixTable(countries, years, cells));
}

function articleList(reports, pane) {
  if (!reports.articles.length) return hint("No article reports it.");
  return element(
    "ol",
    { class: "articles" },
    ...reports.articles.map((article) => {
      const open = element("button", { type: "button", class: "link" }, article.title);
      open.addEventListener("click", () => showArticle(pane, article.id, null, null));
      const edition = article.year ? `edition ${article.year}` : null;
      return element("li", {}, open, element("div", { class: "meta" }, facts(article.published_at, article.source, edition, plural(article.statement_count, "statement"))));
    }),
  );
}

export async function showExercise(root, id) {
  const [exercise, reports] = await Promise.all([
    getJSON(`${API}/exercises/${id}`),
    getJSON(`${API}/exercises/${id}/articles`),
  ]);
  document.title = `${exercise.name} · Dossier explorer`;
  const pane = element("article", { class: "article", "aria-live": "polite" }, hint("Choose an article to read it."));
  const host = exercise.host_country ? ["Hosted by ", countryLink(exercise.host_country)] : ["Host not reported"];
  root.replaceChildren(
    element(
      "header",
      { class: "entity-head" },
      element("h2", {}, exercise.name),
      element("p", { class: "meta" }, facts("Exercise", exercise.kind, exercise.frequency, plural(reports.total, "article"))),
      element("p", {}, ...host),
      exercise.aliases.length ? element("p", {}, "Also named: ", exercise.aliases.join("; ")) : null,
    ),
    element("div", { class: "panels" }, section("Editions by year", editionsTable(reports.editions)), participantsSection(exercise)),
    section("Reporting articles", element("div", { class: "statement-panel" }, articleList(reports, pane), pane)),
  );
  return exercise.name;
}
