// Dossier explorer: search statements, read them highlighted in their article.
// Plain browser JavaScript over the /api/v1 endpoints; every text is inserted as text, never HTML.
"use strict";

const API = "/api/v1";
const FILTERS = ["speaker", "country", "q", "kind"];
const $ = (id) => document.getElementById(id);

let nextCursor = null;
let searchSerial = 0;

function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

function currentFilters() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $(name).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function showFilters(params) {
  for (const name of FILTERS) $(name).value = params.get(name) || "";
}

async function loadCountries() {
  try {
    const page = await getJSON(`${API}/countries?limit=200`);
    const select = $("country");
    const wanted = new URLSearchParams(location.search).get("country") || "";
    for (const country of page.items) {
      select.append(element("option", { value: country.code }, `${country.name} (${country.code})`));
    }
    select.value = wanted.toUpperCase();
  } catch (error) {
    // The free-text filters still work without the list of countries.
  }
}

// Who said it: the actor's name, else the words the article uses ("a union representative").
function speakerName(statement, unknown) {
  if (statement.speaker) return statement.speaker.name;
  return statement.speaker_mention ? statement.speaker_mention.text : unknown;
}

// The words naming the speaker as written, when they say more than the name ("he", a title).
function mentionNote(statement) {
  const mention = statement.speaker_mention;
  if (!mention || !statement.speaker || mention.text === statement.speaker.name) return null;
  return element("span", { class: "mention", title: "as the article names the speaker" }, ` (“${mention.text}”)`);
}

function statementItem(statement) {
  const speaker = speakerName(statement, "Unknown speaker");
  const role = statement.speaker_title ? `, ${statement.speaker_title}` : "";
  const item = element(
    "li",
    {
      class: `statement ${statement.kind}`,
      tabIndex: 0,
      "data-id": statement.id,
      "data-article": statement.article.id,
    },
    element("blockquote", {}, statement.text),
    element(
      "div",
      { class: "meta" },
      element("span", { class: "who" }, speaker),
      mentionNote(statement),
      role,
      element("span", { class: "badge" }, statement.kind === "direct" ? "quote" : "reported"),
      statement.cue ? element("span", { class: "badge" }, statement.cue) : null,
      ...statement.countries.map((code) => element("span", { class: "badge" }, code)),
    ),
    element("div", { class: "meta article-title" }, "in ", element("cite", {}, statement.article.title)),
  );
  const open = () => showArticle(statement.article.id, statement.id, item);
  item.addEventListener("click", open);
  item.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open();
    }
  });
  return item;
}

async function search({ append = false } = {}) {
  const serial = ++searchSerial;
  const params = currentFilters();
  if (!append) {
    history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
    const exportParams = new URLSearchParams(params);
    exportParams.set("format", "csv");
    $("export").href = `${API}/statements?${exportParams}`;
    loadFacets(params, serial);
  }
  const pageParams = new URLSearchParams(params);
  pageParams.set("limit", "50");
  if (append && nextCursor) pageParams.set("cursor", nextCursor);
  $("status").textContent = "Searching…";
  try {
    const page = await getJSON(`${API}/statements?${pageParams}`);
    if (serial !== searchSerial) return; // a newer search has started
    const list = $("statements");
    if (!append) list.replaceChildren();
    for (const statement of page.items) list.append(statementItem(statement));
    nextCursor = page.next_cursor;
    $("more").hidden = !nextCursor;
    const shown = list.children.length;
    $("status").textContent =
      page.total === 0
        ? "No statements match."
        : `${page.total} statement${page.total === 1 ? "" : "s"}` +
          (shown < page.total ? ` (showing ${shown})` : "");
  } catch (error) {
    if (serial !== searchSerial) return;
    $("status").textContent = `Search failed: ${error.message}`;
    $("status").className = "error";
    return;
  }
  $("status").className = "";
}

function facetList(target, buckets, onPick) {
  target.replaceChildren(
    ...buckets.map((bucket) =>
      element(
        "li",
        {},
        element(
          "button",
          { type: "button", onclick: () => onPick(bucket) },
          element("span", { class: "name" }, bucket.name),
          element("span", { class: "count" }, bucket.count),
        ),
      ),
    ),
  );
  if (!buckets.length) target.append(element("li", { class: "hint" }, "None"));
}

async function loadFacets(params, serial) {
  const facetParams = new URLSearchParams(params);
  facetParams.append("facet", "speaker");
  facetParams.append("facet", "country");
  try {
    const [facets, timeline] = await Promise.all([
      getJSON(`${API}/statements/facets?${facetParams}&size=8`),
      getJSON(`${API}/statements/timeline?${params}&interval=month`),
    ]);
    if (serial !== searchSerial) return;
    facetList($("facet-speakers"), facets.speakers, (bucket) => {
      $("speaker").value = bucket.name;
      search();
    });
    facetList($("facet-countries"), facets.countries, (bucket) => {
      $("country").value = bucket.code;
      search();
    });
    showTimeline(timeline);
  } catch (error) {
    // Facets are a help; the list itself reports errors.
  }
}

function showTimeline(timeline) {
  const target = $("timeline");
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
  target.replaceChildren(...rows);
}

// Offsets count Unicode code points (as Python does); JavaScript strings count UTF-16 units,
// so the body is split into code points before slicing.
function highlightedBody(body, statements, currentId) {
  const chars = Array.from(body);
  const container = element("div", { class: "body" });
  let at = 0;
  const ordered = [...statements].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const statement of ordered) {
    const start = Math.max(statement.start, at);
    if (statement.end <= start) continue; // inside a passage already marked
    container.append(chars.slice(at, start).join(""));
    const who = speakerName(statement, "unknown speaker");
    container.append(
      element(
        "mark",
        {
          class: statement.id === currentId ? "current" : "",
          title: `${who} (${statement.kind})`,
          "data-statement": statement.id,
        },
        chars.slice(start, statement.end).join(""),
      ),
    );
    at = statement.end;
  }
  container.append(chars.slice(at).join(""));
  return container;
}

async function showArticle(articleId, statementId, item) {
  for (const selected of document.querySelectorAll(".statement.selected")) {
    selected.classList.remove("selected");
  }
  if (item) item.classList.add("selected");
  const target = $("article");
  target.replaceChildren(element("p", { class: "hint" }, "Loading the article…"));
  try {
    const article = await getJSON(`${API}/articles/${articleId}`);
    const facts = [article.source, article.published_at, `${article.statement_count} statements`];
    const parts = [
      element("h2", {}, article.title),
      element("p", { class: "meta" }, facts.filter(Boolean).join(" · ")),
    ];
    if (article.url) {
      const link = element("a", { href: article.url, rel: "noreferrer" }, article.url);
      parts.push(element("p", { class: "meta" }, link));
    }
    parts.push(highlightedBody(article.body, article.statements, statementId));
    target.replaceChildren(...parts);
    target.scrollTop = 0;
    const current = target.querySelector("mark.current");
    // Scroll the article pane only, not the page, to put the passage in view.
    if (current && current.offsetTop + current.offsetHeight > target.clientHeight) {
      target.scrollTop = current.offsetTop - target.clientHeight / 3;
    }
  } catch (error) {
    target.replaceChildren(element("p", { class: "error" }, `Could not load the article: ${error.message}`));
  }
}

function debounce(fn, wait) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, wait);
  };
}

document.addEventListener("DOMContentLoaded", async () => {
  showFilters(new URLSearchParams(location.search));
  const typed = debounce(() => search(), 300);
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  for (const name of ["speaker", "q"]) $(name).addEventListener("input", typed);
  for (const name of ["country", "kind"]) $(name).addEventListener("change", () => search());
  $("more").addEventListener("click", () => search({ append: true }));
  await loadCountries();
  search();
});
