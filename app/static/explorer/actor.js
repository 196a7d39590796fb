// The actor view at /actors/{id}: who they are, their titles over time, what they said when
// and about which countries, who is quoted beside them, and their statements.
"use strict";

import { barChart, timelineChart } from "./charts.js";
import { API, actorLink, countedLinks, countryLink, countryURL, element, facts, getJSON, hint, plural, section } from "./common.js";
import { statementPanel } from "./statements.js";

// One row per article giving the actor a title, oldest first (undated last).
function titleRows(actor) {
  const articles = new Map(actor.articles.map((article) => [article.id, article]));
  const rows = [];
  for (const { title, article_ids: ids } of actor.titles) {
    for (const id of ids) rows.push({ title, article: articles.get(id), id });
  }
  const day = (row) => (row.article && row.article.published_at) || "9999";
  return rows.sort((a, b) => day(a).localeCompare(day(b)) || a.id - b.id);
}

function titlesTable(actor) {
  const rows = titleRows(actor);
  if (!rows.length) return hint("No article gives a title.");
  return element(
    "table",
    { class: "data" },
    element("caption", { class: "visually-hidden" }, "Titles given, per article, oldest first"),
    element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Date"), element("th", { scope: "col" }, "Title"), element("th", { scope: "col" }, "Article"))),
    element(
      "tbody",
      {},
      ...rows.map((row) =>
        element(
          "tr",
          {},
          element("td", {}, (row.article && row.article.published_at) || "undated"),
          element("td", {}, row.title),
          element("td", {}, row.article ? row.article.title : `article ${row.id}`),
        ),
      ),
    ),
  );
}

function identity(actor) {
  const lines = [
    element("p", { class: "meta" }, facts(actor.kind === "person" ? "Person" : "Organisation", actor.title, plural(actor.statement_count, "statement"), plural(actor.article_count, "article"))),
  ];
  if (actor.organization) {
    lines.push(element("p", {}, "Speaks for ", actorLink(actor.organization)));
  }
  if (actor.country) lines.push(element("p", {}, "Country: ", countryLink(actor.country)));
  if (actor.aliases.length) lines.push(element("p", {}, "Also named: ", actor.aliases.join("; ")));
  return lines;
}

export async function showActor(root, id, navigate) {
  const actor = await getJSON(`${API}/actors/${id}`);
  document.title = `${actor.name} · Dossier explorer`;
  const scope = `speaker_id=${actor.id}`;
  const [timeline, facets, coQuoted] = await Promise.all([
    getJSON(`${API}/statements/timeline?${scope}&interval=month`),
    getJSON(`${API}/statements/facets?${scope}&facet=country&size=15`),
    getJSON(`${API}/actors/${actor.id}/co-quoted?size=15`),
  ]);
  const countries = facets.countries;
  root.replaceChildren(
    element("header", { class: "entity-head" }, element("h2", {}, actor.name), ...identity(actor)),
    element(
      "div",
      { class: "panels" },
      section("Statements per month", timelineChart(`Statements by ${actor.name} per month`, timeline)),
      section(
        "Countries spoken about",
        countries.length
          ? barChart({
              title: `Countries ${actor.name}'s statements mention`,
              labels: countries.map((c) => c.name),
              counts: countries.map((c) => c.count),
              horizontal: true,
              onPick: (index) => navigate(countryURL(countries[index].code)),
            })
          : hint("No statement mentions a country."),
        countedLinks(countries, (c) => countryLink(c.code, c.name)),
      ),
      section(
        "Quoted in the same articles",
        countedLinks(coQuoted.items, (other) => actorLink(other), (other) => plural(other.article_count, "article")),
      ),
      section("Titles over time", titlesTable(actor)),
    ),
    section("Statements", statementPanel(scope)),
  );
  return actor.name;
}

