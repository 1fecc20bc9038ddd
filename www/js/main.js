// Boot: load the wasm core (with a loading state and a clear failure message), build the
// controls and tables, and recompute everything on every change.

import init, { forward, backward, update } from "../pkg/backprop_lab.js";
import { createStore } from "./store.js";
import { createSlider } from "./controls.js";
import { BACKWARD_ROWS, FORWARD_ROWS, buildTable, fill } from "./readout.js";
import { formatNumber } from "./format.js";

/** The starting point, and where Reset returns to, exactly. */
export const DEFAULTS = Object.freeze({
  params: Object.freeze({ w1: 2, b1: -0.5, w2: 1.5, b2: 0.5 }),
  x: 0.8,
  y: 0.1,
  cost: "squared",
  learningRate: 1,
  steps: 0,
});

const VALUE_LIMIT = 1e6; // the core refuses |values| beyond this (see limits())

const SLIDERS = [
  { key: "w1", label: "w₁", min: -8, max: 8, help: "Weight from the input to the hidden node" },
  { key: "b1", label: "b₁", min: -8, max: 8, help: "Bias of the hidden node" },
  { key: "w2", label: "w₂", min: -8, max: 8, help: "Weight from the hidden node to the output" },
  { key: "b2", label: "b₂", min: -8, max: 8, help: "Bias of the output node" },
  { key: "x", label: "x", min: 0, max: 1, help: "The input" },
  { key: "y", label: "y", min: 0, max: 1, limit: [0, 1], help: "The target the output should reach" },
  { key: "learningRate", label: "η", min: 0.001, max: 100, scale: "log", limit: [0, 1e6],
    help: "Learning rate: how far one gradient-descent step moves the weights" },
];

const $ = (id) => document.getElementById(id);

async function boot() {
  if (typeof WebAssembly !== "object") {
    return fail("This browser cannot run WebAssembly, which Backprop Lab needs. Try a current Firefox, Chrome, Edge or Safari.");
  }
  try {
    await init();
  } catch (e) {
    return fail(`The WebAssembly core did not load (${e?.message ?? e}). Reload the page; if that does not help, the files may be incomplete on this server.`);
  }
  start();
  $("status").hidden = true;
  $("app").hidden = false;
  document.documentElement.dataset.ready = "true";
}

function fail(message) {
  $("status").hidden = true;
  const box = $("fatal");
  box.textContent = message;
  box.hidden = false;
}

function start() {
  const store = createStore(DEFAULTS);
  const isParam = (key) => key in DEFAULTS.params;
  const sliders = SLIDERS.map((spec) => {
    const read = (s = store.get()) => (isParam(spec.key) ? s.params[spec.key] : s[spec.key]);
    const write = (v) =>
      store.set(isParam(spec.key) ? { params: { ...store.get().params, [spec.key]: v } } : { [spec.key]: v });
    return createSlider({ limit: [-VALUE_LIMIT, VALUE_LIMIT], ...spec }, { read, write });
  });
  $("sliders").append(...sliders.map((s) => s.element));

  const forwardCells = buildTable($("forward-values").tBodies[0], FORWARD_ROWS);
  const backwardCells = buildTable($("backward-values").tBodies[0], BACKWARD_ROWS);
  const cost = $("cost");
  cost.addEventListener("change", () => store.set({ cost: cost.value }));

  const note = $("step-note");
  $("step").addEventListener("click", () => {
    const s = store.get();
    try {
      const grads = backward(s.params, { x: s.x, y: s.y }, s.cost);
      const params = update(s.params, grads, s.learningRate);
      const after = backward(params, { x: s.x, y: s.y }, s.cost).cost;
      store.set({ params, steps: s.steps + 1 });
      note.textContent = `Step ${s.steps + 1}: cost ${formatNumber(grads.cost)} → ${formatNumber(after)}` +
        (after > grads.cost ? ". The cost went up: the learning rate is too large for this slope." : ".");
    } catch (e) {
      note.textContent = `No step taken: ${e.message}`;
    }
  });
  $("reset").addEventListener("click", () => {
    store.set(structuredClone(DEFAULTS));
    note.textContent = "Back to the starting weights.";
  });

  const render = (s) => {
    for (const slider of sliders) slider.update(s);
    cost.value = s.cost;
    try {
      fill(forwardCells, forward(s.params, s.x));
      fill(backwardCells, backward(s.params, { x: s.x, y: s.y }, s.cost));
    } catch (e) {
      note.textContent = `Could not compute: ${e.message}`;
    }
  };
  store.subscribe(render);
  render(store.get());
  // For tests and the console: the live state and the core.
  window.backpropLab = { store, forward, backward, update };
}

boot();
