// How numbers are shown: 4 significant digits, an explicit sign, and never "NaN" or "Infinity".

import { put, putData } from "./dom.js";

const SUPERSCRIPT = { "-": "⁻", "+": "", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
const MINUS = "\u2212";

/** A number for reading: "+0.1263", "−2.500", "+1.256 × 10⁻⁷", "0". */
export function formatNumber(v) {
  if (Number.isNaN(v)) return "undefined (not a number)";
  if (!Number.isFinite(v)) return `${v > 0 ? "+" : MINUS}∞ (too large for a float)`;
  if (v === 0) return "0";
  const sign = v > 0 ? "+" : MINUS;
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) {
    const p = a.toPrecision(4);
    // toPrecision switches to exponent form at 1e4 and up; keep plain digits there.
    return sign + (p.includes("e") ? Math.round(a).toString() : p);
  }
  const [mantissa, exponent] = a.toExponential(3).split("e");
  const sup = [...exponent].map((c) => SUPERSCRIPT[c]).join("");
  return `${sign}${mantissa} × 10${sup}`;
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
