// Dossier explorer: the statement search at `/` and the views of actors, exercises and
// countries at their own URLs, switched with the history API (back and forward work; the app
// answers every view URL with this page, so a reload lands on the same view).
// Plain browser JavaScript modules over /api/v1; every text is inserted as text, never HTML.
"use strict";

import { showActor } from "./actor.js";
import { clearCharts } from "./charts.js";
import { $, element } from "./common.js";
import { showCountry } from "./country.js";
import { showExercise } from "./exercise.js";
import { setUpSearch, showSearch } from "./search.js";

const VIEWS = [
  { pattern: /^\/actors\/(\d+)$/, show: showActor, noun: "actor" },
  { pattern: /^\/exercises\/(\d+)$/, show: showExercise, noun: "exercise" },
  { pattern: /^\/countries\/([A-Za-z]{2})$/, show: showCountry, noun: "country" },
];

function viewOf(path) {
  for (const view of VIEWS) {
    const match = view.pattern.exec(path);
    if (match) return { view, key: match[1] };
  }
  return null;
}

let routeSerial = 0;

async function route() {
  const mine = ++routeSerial;
  clearCharts();
  const found = viewOf(location.pathname);
  $("search-view").hidden = Boolean(found);
  $("entity-view").hidden = !found;
  if (!found) {
    showSearch();
    return;
  }
  const root = $("entity-view");
  root.replaceChildren(element("p", { class: "hint", role: "status" }, "Loading…"));
  window.scrollTo(0, 0);
  try {
    await found.view.show(root, found.key, navigate);
    if (mine !== routeSerial) return;
    const heading = root.querySelector("h2");
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  } catch (error) {
    if (mine !== routeSerial) return;
    const text = error.status === 404 ? `No ${found.view.noun} ${found.key}.` : `Could not load the ${found.view.noun}: ${error.message}`;
    root.replaceChildren(element("h2", {}, "Not found"), element("p", { class: "error", role: "alert" }, text), element("p", {}, element("a", { href: "/" }, "Back to the statement search")));
  }
}

export function navigate(url) {
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  route();
}

// Same-page links to the views open without reloading the page.
function followLinks(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest("a[href]");
  if (!link || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  if (url.pathname !== "/" && !viewOf(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

document.addEventListener("DOMContentLoaded", async () => {
  document.addEventListener("click", followLinks);
  window.addEventListener("popstate", route);
  await setUpSearch();
  route();
});
