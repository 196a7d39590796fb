// A statement list over /api/v1/statements: pages of 50, a status line, "Load more", a CSV
// export link of the same filters, and the chosen statement read in an article pane.
"use strict";

import { API, element, getJSON, plural } from "./common.js";
import { showArticle, statementItem } from "./article.js";

// `parts`: {list, status, more, exportLink, article} elements; `filters()`: the current
// URLSearchParams. Answers `search({append})`.
export function statementBrowser(parts, filters) {
  let nextCursor = null;
  let serial = 0;
  const open = (statement, item) => showArticle(parts.article, statement.article.id, statement.id, item);

  async function search({ append = false } = {}) {
    const mine = ++serial;
    const params = filters();
    if (!append) {
      const exportParams = new URLSearchParams(params);
      exportParams.set("format", "csv");
      parts.exportLink.href = `${API}/statements?${exportParams}`;
    }
    const pageParams = new URLSearchParams(params);
    pageParams.set("limit", "50");
    if (append && nextCursor) pageParams.set("cursor", nextCursor);
    parts.status.textContent = "Searching…";
    parts.status.className = "";
    try {
      const page = await getJSON(`${API}/statements?${pageParams}`);
      if (mine !== serial) return; // a newer search has started
      if (!append) parts.list.replaceChildren();
      for (const statement of page.items) parts.list.append(statementItem(statement, open));
      nextCursor = page.next_cursor;
      parts.more.hidden = !nextCursor;
      const shown = parts.list.children.length;
      parts.status.textContent =
        page.total === 0
          ? "No statements match."
          : plural(page.total, "statement") + (shown < page.total ? ` (showing ${shown})` : "");
    } catch (error) {
      if (mine !== serial) return;
      parts.status.textContent = `Search failed: ${error.message}`;
      parts.status.className = "error";
    }
  }

  parts.more.addEventListener("click", () => search({ append: true }));
  return { search };
}

// The elements of a browser built for an entity view, with its own kind and words filters.
export function statementPanel(fixed) {
  const kind = element(
    "select",
    { name: "kind" },
    element("option", { value: "" }, "Any"),
    element("option", { value: "direct" }, "Direct quote"),
    element("option", { value: "indirect" }, "Reported speech"),
  );
  const words = element("input", { type: "search", name: "q", placeholder: "e.g. security" });
  const parts = {
    list: element("ol", { class: "statements" }),
    status: element("p", { class: "status", role: "status" }, "Loading…"),
    more: element("button", { type: "button", class: "more", hidden: true }, "Load more"),
    exportLink: element("a", { href: "#", download: "" }, "Export CSV"),
    article: element("article", { class: "article", "aria-live": "polite" }, element("p", { class: "hint" }, "Choose a statement to read it in its article.")),
  };
  const browser = statementBrowser(parts, () => {
    const params = new URLSearchParams(fixed);
    if (kind.value) params.set("kind", kind.value);
    if (words.value.trim()) params.set("q", words.value.trim());
    return params;
  });
  let timer = null;
  words.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => browser.search(), 300);
  });
  kind.addEventListener("change", () => browser.search());
  const form = element(
    "form",
    { class: "search inline", role: "search", "aria-label": "Filter the statements" },
    element("label", {}, "Words", words),
    element("label", {}, "Kind", kind),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    browser.search();
  });
  const node = element(
    "div",
    { class: "statement-panel" },
    element(
      "div",
      { class: "results" },
      form,
      element("div", { class: "summary" }, parts.status, parts.exportLink),
      parts.list,
      parts.more,
    ),
    parts.article,
  );
  browser.search();
  return node;
}
