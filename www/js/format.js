// How numbers are shown: the core's one formatter (src/format.rs), so the page, the charts
// and the figure command write every number alike (4 significant digits, a true minus,
// "× 10⁻⁴", no negative zero, never "NaN") and say it alike (spokenNumber). This module only
// holds the core's functions and puts numbers into elements.

import { put, putData } from "./dom.js";

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

/** Puts v into a value element: rounded text, exact value on hover and focus, sign colour. */
export function showNumber(el, v) {
  put(el, "textContent", formatNumber(v));
  const exact = exactNumber(v);
  putData(el, "exact", exact);
  put(el, "title", `exact: ${exact}`);
  putSign(el, v);
}

/** Gives an element v's sign class (pos, neg or zero), touching it only when that changes. */
export function putSign(el, v) {
  const sign = signClass(v);
  if (!el.classList.contains(sign)) {
    el.classList.remove("pos", "neg", "zero");
    el.classList.add(sign);
  }
}
