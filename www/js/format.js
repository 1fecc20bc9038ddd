// How numbers are shown: the core's one formatter (src/format.rs), so the page, the charts
// and the figure command write every number alike (4 significant digits, a true minus,
// "× 10⁻⁴", no negative zero, never "NaN") and say it alike (spokenNumber). This module only
// holds the core's functions and puts numbers into elements.

import { put, putAttr, putData } from "./dom.js";

/** The core's formatNumber and spokenNumber (set by main.js once the core's first part is in,
 * before anything is shown). */
let core = null;

/** Gives this module the core it formats with. */
export function useCore(c) {
  core = c;
}

/** A number for reading: "+0.1263", "−2.500", "+1.256 × 10⁻⁷", "0"; with signed: false a
 * positive number has no "+" ("0.1263"). */
export function formatNumber(v, { signed = true } = {}) {
  return core.formatNumber(v, signed);
}

/** The same number as a screen reader should say it: "minus 2.500", "plus 1.256 times ten to
 * the minus 7". */
export function spokenNumber(v, { signed = true } = {}) {
  return core.spokenNumber(v, signed);
}

/** The exact value, as the shortest text that parses back to the same number. */
export function exactNumber(v) {
  if (Number.isNaN(v)) return "NaN";
  return String(v);
}

/** "pos", "neg" or "zero": the colour language (blue positive, orange negative). */
export function signClass(v) {
  if (!(v === v) || v === 0) return "zero";
  return v > 0 ? "pos" : "neg";
}

/** What a number not shown says on hover, by its status in the core's view. */
const NOT_SHOWN = { pending: "computed in the backward pass", withheld: "hidden until you check your answers" };

/**
 * Puts one of the core view's entries into an element (its classes: `cls`): when known, its
 * text, exact value (hover, focus) and sign colour (unless `sign` is false); when pending or
 * withheld, what stands in its place ("—", "?"). A screen reader hears the same as the screen
 * shows: with `name`, the element is named "name: spoken value" ("delta 2, the error at the
 * output node: plus 0.07074"); without, a number not shown is named by its spoken form ("not
 * computed yet: ...").
 */
export function showEntry(el, entry, cls = "num", { sign = true, name = null, title = null } = {}) {
  put(el, "textContent", entry.text);
  const known = entry.status === "known";
  if (known) {
    put(el, "className", sign ? `${cls} ${signClass(entry.value)}` : cls);
    putData(el, "exact", String(entry.value));
    put(el, "title", title ?? `exact: ${entry.value}`);
  } else {
    put(el, "className", `${cls} ${entry.status}`);
    delete el.dataset.exact;
    put(el, "title", NOT_SHOWN[entry.status]);
  }
  if (name !== null) putAttr(el, "aria-label", `${name}: ${entry.spoken}`);
  else if (!known) putAttr(el, "aria-label", entry.spoken);
  else if (el.hasAttribute("aria-label")) el.removeAttribute("aria-label");
}

/** Gives an element v's sign class (pos, neg or zero), touching it only when that changes. */
export function putSign(el, v) {
  const sign = signClass(v);
  if (!el.classList.contains(sign)) {
    el.classList.remove("pos", "neg", "zero");
    el.classList.add(sign);
  }
}
