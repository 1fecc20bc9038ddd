// Writes to the page only what changed. While playing, the page's numbers are put on screen
// many times a second, and a write costs the browser style and layout work even when the value
// is the same as before.

/** Sets `el[prop]` (textContent, className, title, value, ...) unless it already holds it. */
export function put(el, prop, value) {
  if (prop === "textContent") putText(el, value);
  else if (el[prop] !== value) el[prop] = value;
}

/** Sets an element's text. One text node already there keeps its place and takes the new
 * characters: assigning textContent would remove it and insert a new one, which the browser
 * restyles and lays out from scratch (a number changing on every frame of a drag). */
export function putText(el, text) {
  const node = el.firstChild;
  if (node !== null && node === el.lastChild && node.nodeType === Node.TEXT_NODE) {
    if (node.data !== text) node.data = text;
  } else if (el.textContent !== text) el.textContent = text;
}

/** Sets `el.dataset[key]` unless it already holds it. */
export function putData(el, key, value) {
  if (el.dataset[key] !== value) el.dataset[key] = value;
}

/** Sets an attribute (SVG's x, class, ...) unless it already holds it. */
export function putAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Replaces an element's paragraphs with `texts`, rewriting only the ones that changed. */
export function putParagraphs(el, texts) {
  const ps = [...el.children];
  if (ps.length !== texts.length || ps.some((p) => p.tagName !== "P")) {
    el.replaceChildren(...texts.map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }));
    return;
  }
  texts.forEach((text, i) => put(ps[i], "textContent", text));
}

/** A labelled field for a number, as the page's small forms have them: "text " then the
 * field (type text with a decimal keypad: the core reads a decimal comma or a true minus that
 * a number field would refuse). Returns { label, input }. */
export function numberField(id, text) {
  const label = document.createElement("label");
  label.className = "param-field";
  const input = Object.assign(document.createElement("input"), { type: "text", inputMode: "decimal", id });
  label.append(`${text} `, input);
  return { label, input };
}
