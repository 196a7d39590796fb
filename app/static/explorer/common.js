// Shared pieces of the explorer: DOM building (text only, never HTML), the API, links to views.
"use strict";

export const API = "/api/v1";
export const $ = (id) => document.getElementById(id);

export function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("data-") || key.startsWith("aria-") || key === "role") {
      node.setAttribute(key, value);
    } else node[key] = value;
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.detail || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

// The view URLs the app answers with this page (app/api/explorer.py).
export const actorURL = (id) => `/actors/${id}`;
export const exerciseURL = (id) => `/exercises/${id}`;
export const countryURL = (code) => `/countries/${code.toUpperCase()}`;

export function actorLink(actor, text = actor.name) {
  return element("a", { href: actorURL(actor.id), class: "entity actor" }, text);
}

export function exerciseLink(exercise, text = exercise.name) {
  return element("a", { href: exerciseURL(exercise.id), class: "entity exercise" }, text);
}

// A country code as a link; `name` shown instead of the code when given.
export function countryLink(code, name = null) {
  const label = name ? name : code;
  const title = name ? code : null;
  return element("a", { href: countryURL(code), class: "entity country", title }, label);
}

export function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

// "kind · frequency" style lines, leaving out what is missing.
export function facts(...parts) {
  return parts.filter((part) => part !== null && part !== undefined && part !== "").join(" · ");
}

// A list of nodes separated by ", " (for links in running text).
export function commaList(nodes) {
  const out = [];
  nodes.forEach((node, index) => {
    if (index) out.push(", ");
    out.push(node);
  });
  return out;
}

export function section(title, ...children) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return element(
    "section",
    { class: "panel", "aria-labelledby": id },
    element("h3", { id }, title),
    ...children,
  );
}

export function hint(text) {
  return element("p", { class: "hint" }, text);
}

// The list of a counted facet ("name 12") as links to the entity views.
export function countedLinks(items, link, count = (item) => item.count) {
  if (!items.length) return hint("None.");
  return element(
    "ol",
    { class: "counted" },
    ...items.map((item) =>
      element("li", {}, link(item), element("span", { class: "count" }, count(item))),
    ),
  );
}
