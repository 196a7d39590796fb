// Statements as list items, and an article read with its statements' passages highlighted.
"use strict";

import { API, actorLink, commaList, countryLink, element, exerciseLink, facts, getJSON } from "./common.js";

// Who said it: the actor's name, else the words the article uses ("a union representative").
function speakerName(statement, unknown) {
  if (statement.speaker) return statement.speaker.name;
  return statement.speaker_mention ? statement.speaker_mention.text : unknown;
}

// The speaker as a link to their view; a described speaker as plain words, with a link to
// the organisation the words name ("a spokesperson for the ministry").
function speakerNode(statement) {
  if (statement.speaker) return actorLink(statement.speaker);
  const words = speakerName(statement, "Unknown speaker");
  const organization = statement.speaker_mention && statement.speaker_mention.organization;
  if (!organization) return words;
  return element("span", {}, words, " (", actorLink(organization), ")");
}

// The words naming the speaker as written, when they say more than the name ("he", a title).
function mentionNote(statement) {
  const mention = statement.speaker_mention;
  if (!mention || !statement.speaker || mention.text === statement.speaker.name) return null;
  return element("span", { class: "mention", title: "as the article names the speaker" }, ` (“${mention.text}”)`);
}

// One statement; `open(statement, item)` runs on a click or Enter outside its links.
export function statementItem(statement, open) {
  const role = statement.speaker_title ? `, ${statement.speaker_title}` : "";
  const item = element(
    "li",
    {
      class: `statement ${statement.kind}`,
      tabIndex: 0,
      "data-id": statement.id,
      "data-article": statement.article.id,
      "aria-label": `Statement by ${speakerName(statement, "an unknown speaker")}; press Enter to read it in its article`,
    },
    element("blockquote", {}, statement.text),
    element(
      "div",
      { class: "meta" },
      element("span", { class: "who" }, speakerNode(statement)),
      mentionNote(statement),
      role,
      element("span", { class: "badge" }, statement.kind === "direct" ? "quote" : "reported"),
      statement.cue ? element("span", { class: "badge" }, statement.cue) : null,
      ...statement.countries.map((code) => element("span", { class: "badge" }, countryLink(code))),
    ),
    element("div", { class: "meta article-title" }, "in ", element("cite", {}, statement.article.title)),
  );
  item.addEventListener("click", (event) => {
    if (!event.target.closest("a")) open(statement, item);
  });
  item.addEventListener("keydown", (event) => {
    if (event.target === item && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      open(statement, item);
    }
  });
  return item;
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

// What the article is about, as links: its countries and exercises.
function articleLinks(article) {
  const lines = [];
  if (article.countries.length) {
    const codes = article.countries.map((c) => countryLink(c.code, c.name));
    lines.push(element("p", { class: "meta" }, "Countries: ", ...commaList(codes)));
  }
  if (article.exercises.length) {
    const names = article.exercises.map((exercise) => exerciseLink(exercise));
    lines.push(element("p", { class: "meta" }, "Exercises: ", ...commaList(names)));
  }
  return lines;
}

// The article in `target`, `statementId`'s passage darker and scrolled into view.
export async function showArticle(target, articleId, statementId, item) {
  for (const selected of document.querySelectorAll(".statement.selected")) {
    selected.classList.remove("selected");
  }
  if (item) item.classList.add("selected");
  target.replaceChildren(element("p", { class: "hint" }, "Loading the article…"));
  try {
    const article = await getJSON(`${API}/articles/${articleId}`);
    const parts = [
      element("h2", {}, article.title),
      element("p", { class: "meta" }, facts(article.source, article.published_at, `${article.statement_count} statements`)),
    ];
    if (article.url) {
      const link = element("a", { href: article.url, rel: "noreferrer" }, article.url);
      parts.push(element("p", { class: "meta" }, link));
    }
    parts.push(...articleLinks(article));
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
