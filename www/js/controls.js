// Sliders paired with number fields. The slider is for exploring, the field for an exact
// value; both write to the store on every input event, so everything recomputes while dragging.

import { exactNumber, formatNumber } from "./format.js";
import { put, putAttr } from "./dom.js";

/**
 * Builds one labelled slider + number field.
 * spec: { key, label, min, max, step, scale?: "log", help, limit: [lo, hi] }
 * read(state) -> number; write(value) stores it; parse(text, label, lo, hi) -> { value } or
 * { error } (the core's parser). Returns { element, update(state) }.
 */
export function createSlider(spec, { read, write, parse }) {
  const { key, label, min, max, help } = spec;
  const log = spec.scale === "log";
  const [lo, hi] = spec.limit ?? [min, max];
  const wrap = document.createElement("div");
  wrap.className = "slider";
  wrap.dataset.key = key;
  if (spec.control) wrap.dataset.control = spec.control;

  const name = document.createElement("label");
  name.htmlFor = `slider-${key}`;
  name.className = "slider-label";
  name.textContent = label;

  const range = document.createElement("input");
  range.type = "range";
  range.id = `slider-${key}`;
  // A log slider moves through exponents; the field always shows the real value.
  range.min = log ? String(Math.log10(min)) : String(min);
  range.max = log ? String(Math.log10(max)) : String(max);
  range.step = log ? "0.001" : String(spec.step ?? 0.01);
  if (help) range.setAttribute("aria-describedby", `help-${key}`);

  const field = document.createElement("input");
  // Text, not type=number: the browser would silently blank "abc" or "1,5", and the learner
  // deserves to be told what was wrong.
  field.type = "text";
  field.id = `field-${key}`;
  field.inputMode = "decimal";
  field.autocomplete = "off";
  field.spellcheck = false;
  field.setAttribute("aria-label", `${label}, exact value`);

  const error = document.createElement("p");
  error.id = `error-${key}`;
  error.className = "field-error";
  // Said when it appears (a polite live region, as the table's and the race's errors are):
  // always in the page and empty when all is well (style.css hides it then), since a region
  // that appears together with its words is not announced by every screen reader.
  error.setAttribute("role", "status");
  field.setAttribute("aria-describedby", error.id);

  wrap.append(name, range, field, error);
  if (help) {
    const h = document.createElement("p");
    h.id = `help-${key}`;
    h.className = "visually-hidden";
    h.textContent = help;
    wrap.append(h);
  }

  const fromRange = () => (log ? roundLog(10 ** Number(range.value)) : Number(range.value));
  range.addEventListener("input", () => {
    clearError();
    write(fromRange());
  });

  /** Applies the field's value if the core accepts it; with `explain`, says what is wrong. */
  const fromField = (explain) => {
    const text = field.value;
    const { value, error: problem } = parse(text, label, log ? 0 : lo, hi);
    const ok = problem === undefined && !(log && value <= 0);
    if (ok) {
      clearError();
      write(value);
    } else if (explain) {
      const why = problem ?? `${label} must be greater than 0`;
      error.textContent = `${why}. Kept ${exactNumber(read(current))}.`;
      field.setAttribute("aria-invalid", "true");
    }
  };
  field.addEventListener("input", () => fromField(false));
  // The field is narrow: away from focus it shows a rounded value when the exact one would
  // not fit (never a clipped one); focus brings the exact value back for editing.
  field.addEventListener("focus", () => {
    const exact = current ? exactNumber(read(current)) : field.value;
    if (field.value !== exact) {
      // The rounded text becomes the exact one, all selected: typing replaces it whole.
      field.value = exact;
      field.select();
    }
  });
  field.addEventListener("blur", () => {
    if (current && !error.textContent) field.value = fieldText(read(current));
  });
  field.addEventListener("change", () => {
    fromField(true);
    if (error.textContent) field.value = exactNumber(read(current));
  });

  function clearError() {
    error.textContent = "";
    field.removeAttribute("aria-invalid");
  }

  let current = null; // the last state shown, for "kept ..." messages

  return {
    element: wrap,
    /** Locks the slider and its field (a quiz's exercise fixes its inputs), or frees them. */
    lock(locked) {
      put(range, "disabled", locked);
      put(field, "disabled", locked);
    },
    update(state) {
      current = state;
      const v = read(state);
      const r = log ? Math.log10(v) : v;
      // Out-of-range values (typed into the field) pin the slider at its end.
      const pinned = String(Math.min(Number(range.max), Math.max(Number(range.min), r)));
      if (document.activeElement !== range) put(range, "value", pinned);
      // Only what changed is written: while playing this runs many times a second.
      if (document.activeElement !== field) put(field, "value", fieldText(v));
      const exact = exactNumber(v);
      put(field, "title", `exact: ${exact}`);
      putAttr(range, "aria-valuetext", `${label} = ${exact}`);
    },
  };
}

/** The longest text the number fields show whole (about their width in digits). */
const FIELD_CHARS = 8;

/** A field's text away from focus: the exact value when it fits, else "≈" and 4 significant
 * digits (the exact value is in the title and comes back on focus). */
export function fieldText(v) {
  const exact = exactNumber(v);
  if (exact.length <= FIELD_CHARS) return exact;
  return `≈${formatNumber(v, { signed: false })}`;
}

/** Keeps log-slider values readable: 3 significant digits. */
function roundLog(v) {
  return Number(v.toPrecision(3));
}
