// The statement search at `/`: filters kept in the page URL, facets and a month-by-month count.
"use strict";

import { $, API, actorURL, countryURL, element, getJSON } from "./common.js";
import { statementBrowser } from "./statements.js";

const FILTERS = ["speaker", "country", "q", "kind"];
let facetSerial = 0;
let browser = null;

function currentFilters() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $(name).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function loadCountries() {
  try {
    const page = await getJSON(`${API}/countries?limit=200`);
    const select = $("country");
    for (const country of page.items) {
      select.append(element("option", { value: country.code }, `${country.name} (${country.code})`));
    }
  } catch (error) {
    // The free-text filters still work without the list of countries.
  }
}

// Each bucket filters the search when clicked; the arrow beside it opens its view.
function facetList(target, buckets, onPick, viewURL) {
  target.replaceChildren(
    ...buckets.map((bucket) =>
      element(
        "li",
        {},
        element(
          "button",
          { type: "button", onclick: () => onPick(bucket), title: `Search for ${bucket.name}` },
          element("span", { class: "name" }, bucket.name),
          element("span", { class: "count" }, bucket.count),
        ),
        element("a", { href: viewURL(bucket), class: "to-view", "aria-label": `Open the view of ${bucket.name}` }, "›"),
      ),
    ),
  );
  if (!buckets.length) target.append(element("li", { class: "hint" }, "None"));
}

function showTimeline(timeline) {
  const most = Math.max(1, ...timeline.buckets.map((b) => b.count));
  const rows = timeline.buckets.map((bucket) =>
    element(
      "li",
      {},
      element("span", {}, bucket.start.slice(0, 7)),
      element("span", { class: "bar", style: `width: ${(100 * bucket.count) / most}%` }),
      element("span", { class: "count" }, bucket.count),
    ),
  );
  if (timeline.undated) {
    rows.push(element("li", {}, element("span", {}, "undated"), element("span"), element("span", { class: "count" }, timeline.undated)));
  }
  $("timeline").replaceChildren(...rows);
}

async function loadFacets(params) {
  const mine = ++facetSerial;
  const facetParams = new URLSearchParams(params);
  facetParams.append("facet", "speaker");
  facetParams.append("facet", "country");
  try {
    const [facets, timeline] = await Promise.all([
      getJSON(`${API}/statements/facets?${facetParams}&size=8`),
      getJSON(`${API}/statements/timeline?${params}&interval=month`),
    ]);
    if (mine !== facetSerial) return;
    facetList($("facet-speakers"), facets.speakers, (bucket) => {
      $("speaker").value = bucket.name;
      search();
    }, (bucket) => actorURL(bucket.id));
    facetList($("facet-countries"), facets.countries, (bucket) => {
      $("country").value = bucket.code;
      search();
    }, (bucket) => countryURL(bucket.code));
    showTimeline(timeline);
  } catch (error) {
    // Facets are a help; the list itself reports errors.
  }
}

function search() {
  const params = currentFilters();
  history.replaceState(null, "", params.toString() ? `/?${params}` : "/");
  loadFacets(params);
  browser.search();
}

function debounce(fn, wait) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, wait);
  };
}

// Once per page: the listeners and the list of countries.
export async function setUpSearch() {
  const parts = { list: $("statements"), status: $("status"), more: $("more"), exportLink: $("export"), article: $("article") };
  browser = statementBrowser(parts, currentFilters);
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  const typed = debounce(search, 300);
  for (const name of ["speaker", "q"]) $(name).addEventListener("input", typed);
  for (const name of ["country", "kind"]) $(name).addEventListener("change", search);
  await loadCountries();
}

// Each time `/` is shown: the filters from the URL, then the search.
export function showSearch() {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) $(name).value = params.get(name) || "";
  $("country").value = (params.get("country") || "").toUpperCase();
  document.title = "Dossier explorer";
  search();
}
