// The country view at /countries/{code}: statements mentioning it over time, who speaks about
// it, the exercises it hosts or joins (with its roles) and the countries it exercises with.
"use strict";

import { barChart, timelineChart } from "./charts.js";
import { API, actorLink, actorURL, countedLinks, countryLink, countryURL, element, exerciseLink, facts, getJSON, hint, plural, section } from "./common.js";

const ROLE_WORDS = { host: "host", units: "sent units", representatives: "sent representatives", participant: "took part" };

// This country's roles in one exercise, with the years they are reported for.
function rolesIn(exercise, code) {
  const roles = new Map();
  if (exercise.host_country === code) roles.set("host", new Set());
  for (const p of exercise.participants) {
    if (p.country !== code) continue;
    if (!roles.has(p.role)) roles.set(p.role, new Set());
    if (p.year) roles.get(p.role).add(p.year);
  }
  return [...roles].map(([role, years]) => {
    const list = [...years].sort();
    return list.length ? `${ROLE_WORDS[role]} (${list.join(", ")})` : ROLE_WORDS[role];
  });
}

function exercisesTable(country) {
  if (!country.exercises.length) return hint("No exercise reported.");
  return element(
    "table",
    { class: "data" },
    element("caption", { class: "visually-hidden" }, `Exercises ${country.name} hosts or joins`),
    element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Exercise"), element("th", { scope: "col" }, "Role"), element("th", { scope: "col" }, "Host"))),
    element(
      "tbody",
      {},
      ...country.exercises.map((exercise) =>
        element(
          "tr",
          {},
          element("td", {}, exerciseLink(exercise)),
          element("td", {}, rolesIn(exercise, country.code).join("; ")),
          element("td", {}, exercise.host_country ? countryLink(exercise.host_country) : "–"),
        ),
      ),
    ),
  );
}

function speakersSection(country, speakers, navigate) {
  if (!speakers.length) return section("Top speakers about it", hint("No statement mentions it."));
  return section(
    "Top speakers about it",
    barChart({
      title: `Speakers whose statements mention ${country.name}`,
      labels: speakers.map((s) => s.name),
      counts: speakers.map((s) => s.count),
      horizontal: true,
      onPick: (index) => navigate(actorURL(speakers[index].id)),
    }),
    countedLinks(speakers, (s) => actorLink(s)),
  );
}

function partnersSection(country, partners, navigate) {
  if (!partners.items.length) return section("Exercise partners", hint("No exercise partner reported."));
  return section(
    "Exercise partners",
    barChart({
      title: `Countries in the same exercises as ${country.name}`,
      labels: partners.items.map((p) => p.name),
      counts: partners.items.map((p) => p.exercise_count),
      horizontal: true,
      onPick: (index) => navigate(countryURL(partners.items[index].code)),
    }),
    countedLinks(partners.items, (p) => countryLink(p.code, p.name), (p) => plural(p.exercise_count, "exercise")),
  );
}

export async function showCountry(root, code, navigate) {
  const country = await getJSON(`${API}/countries/${code}`);
  document.title = `${country.name} · Dossier explorer`;
  const scope = `country=${country.code}`;
  const [timeline, facets, partners] = await Promise.all([
    getJSON(`${API}/statements/timeline?${scope}&interval=month`),
    getJSON(`${API}/statements/facets?${scope}&facet=speaker&size=10`),
    getJSON(`${API}/countries/${country.code}/partners?size=15`),
  ]);
  const search = element("a", { href: `/?country=${country.code}` }, "Search its statements");
  root.replaceChildren(
    element(
      "header",
      { class: "entity-head" },
      element("h2", {}, country.name),
      element("p", { class: "meta" }, facts(`${country.code} / ${country.iso3}`, plural(country.article_count, "article"), plural(country.statement_count, "statement"), plural(country.exercise_count, "exercise"))),
      element("p", {}, search),
    ),
    element(
      "div",
      { class: "panels" },
      section("Statements mentioning it", timelineChart(`Statements mentioning ${country.name} per month`, timeline)),
      speakersSection(country, facets.speakers, navigate),
      partnersSection(country, partners, navigate),
      section("Exercises hosted and joined", exercisesTable(country)),
    ),
  );
  return country.name;
}
