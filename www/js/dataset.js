// Training sets: one sample (the x and y sliders), presets, and an editable table.

import { put, putAttr } from "./dom.js";
import { showEntry } from "./format.js";

/** Named presets; "one" is the single sample the x and y sliders edit. */
export const PRESETS = {
  one: { label: "One sample (x, y sliders)" }, // its sample is the core's default
  step: {
    label: "A step (8 points)",
    samples: [0.05, 0.15, 0.25, 0.35, 0.55, 0.65, 0.75, 0.9].map((x) => ({ x, y: x < 0.5 ? 0 : 1 })),
  },
  slope: {
    label: "A noisy slope (10 points)",
    // y = 0.15 + 0.7x plus fixed "noise", so every visit gets the same set.
    samples: [0.02, -0.04, 0.05, 0.01, -0.06, 0.04, -0.02, 0.06, -0.03, 0.03].map((noise, i) => {
      const x = i / 9;
      return { x: round(x), y: round(Math.min(1, Math.max(0, 0.15 + 0.7 * x + noise))) };
    }),
  },
};

function round(v) {
  return Math.round(v * 1000) / 1000;
}

/**
 * The preset picker and the editable table. `lab` holds the samples; a number button picks the
 * sample the chain rule breaks down. `core`: { one (the default sample set), valueLimit,
 * maxPoints }, the core's.
 */
export function createDataset({ select, container }, lab, parse, { one, valueLimit, maxPoints }) {
  const samplesOf = (key) => (key === "one" ? one : PRESETS[key].samples);
  for (const [key, { label }] of Object.entries(PRESETS)) select.add(new Option(label, key));
  select.add(new Option("Custom (edited)", "custom"));
  select.addEventListener("change", () => {
    if (select.value === "custom") return;
    lab.setSettings({ samples: structuredClone(samplesOf(select.value)), chosen: 0 });
  });

  const table = document.createElement("table");
  table.className = "dataset";
  table.innerHTML = `<caption class="visually-hidden">Training samples: input x and target y. Choose one to break down in the chain rule.</caption>
    <thead><tr><th scope="col">#</th><th scope="col">x</th><th scope="col">y</th><th scope="col">ŷ</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody></tbody>`;
  const body = table.tBodies[0];
  const yHatHead = table.tHead.rows[0].cells[3];
  const add = document.createElement("button");
  add.type = "button";
  add.textContent = "Add a point";
  const message = document.createElement("p");
  message.className = "field-error";
  message.setAttribute("role", "status");
  container.append(table, add, message);

  const edit = (samples, chosen = lab.settings.chosen) => {
    try {
      lab.setSettings({ samples, chosen: Math.min(chosen, samples.length - 1) });
      select.value = matchPreset(samples);
      message.textContent = "";
    } catch (e) {
      message.textContent = e.message;
    }
  };

  add.addEventListener("click", () => {
    const samples = lab.settings.samples;
    if (samples.length >= maxPoints) return;
    const last = samples[samples.length - 1];
    edit([...samples, { x: round(Math.min(1, last.x + 0.1)), y: last.y }], samples.length);
  });

  body.addEventListener("change", (e) => {
    const input = e.target.closest("input[data-field]");
    if (!input) return;
    const i = Number(input.dataset.index);
    const field = input.dataset.field;
    const [lo, hi] = field === "x" ? [-valueLimit, valueLimit] : [0, 1];
    const { value: v, error } = parse(input.value, `Point ${i + 1}: ${field}`, lo, hi);
    if (error !== undefined) {
      message.textContent = `${error}. Kept ${lab.settings.samples[i][field]}.`;
      input.value = String(lab.settings.samples[i][field]);
      return;
    }
    edit(lab.settings.samples.map((s, k) => (k === i ? { ...s, [field]: v } : s)), i);
  });
  body.addEventListener("click", (e) => {
    const remove = e.target.closest("button[data-remove]");
    if (remove) {
      const i = Number(remove.dataset.remove);
      const samples = lab.settings.samples.filter((_, k) => k !== i);
      if (samples.length) edit(samples, Math.max(0, Math.min(lab.settings.chosen, samples.length - 1)));
      return;
    }
    const choose = e.target.closest("[data-choose]");
    if (choose) edit(lab.settings.samples, Number(choose.dataset.choose));
  });

  let shape = "";
  return {
    /** Renders the table; each ŷ is the core's view's ("point.K.yHat", at the pass on
     * screen's weights), and the ŷ column's header says when that pass is the one before the
     * step. */
    update(snap, settings, numbers, locked = false) {
      const { samples, chosen } = settings;
      if (document.activeElement !== select) put(select, "value", matchPreset(samples));
      put(add, "disabled", samples.length >= maxPoints);
      put(add, "title", add.disabled ? `At most ${maxPoints} points` : "");
      // New rows only when the count changes; otherwise the fields take their new values in
      // place (x dragged on the slider moves its point every frame: rebuilding every row then
      // was most of a slow phone's frame, and it took the focus from a field).
      const key = samples.map((s) => `${s.x},${s.y}`).join(";");
      if (key !== shape) {
        shape = key;
        if (body.rows.length !== samples.length) body.replaceChildren(...samples.map((s, i) => row(s, i, samples.length)));
        else for (const input of body.querySelectorAll("input[data-field]")) put(input, "value", String(samples[input.dataset.index][input.dataset.field]));
      }
      for (const [i, tr] of [...body.rows].entries()) {
        tr.classList.toggle("chosen", i === chosen);
        putAttr(tr.querySelector("[data-choose]"), "aria-pressed", String(i === chosen));
        showEntry(tr.querySelector(".yhat"), numbers.entries[`point.${i}.yHat`], "yhat num", { sign: false });
      }
      // A quiz's exercise fixes its data.
      put(select, "disabled", locked);
      for (const el of table.querySelectorAll("input, button")) put(el, "disabled", locked);
      if (locked) put(add, "disabled", true);
      const before = numbers.entries["point.0.yHat"].moment === "beforeStep";
      put(yHatHead, "textContent", before ? "ŷ before this step" : "ŷ");
    },
  };
}

function row(s, i, count) {
  const tr = document.createElement("tr");
  const num = document.createElement("td");
  const choose = document.createElement("button");
  choose.type = "button";
  choose.className = "choose";
  choose.dataset.choose = String(i);
  choose.textContent = String(i + 1);
  choose.setAttribute("aria-label", `Break down point ${i + 1} in the chain rule`);
  num.append(choose);
  const cell = (field) => {
    const td = document.createElement("td");
    const input = document.createElement("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.value = String(s[field]);
    input.dataset.field = field;
    input.dataset.index = String(i);
    input.setAttribute("aria-label", `Point ${i + 1} ${field}`);
    td.append(input);
    return td;
  };
  const yhat = document.createElement("td");
  yhat.className = "yhat num";
  const actions = document.createElement("td");
  if (count > 1) {
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.dataset.remove = String(i);
    remove.setAttribute("aria-label", `Remove point ${i + 1}`);
    remove.innerHTML = `<svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14"><path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="2"/></svg>`;
    actions.append(remove);
  }
  tr.append(num, cell("x"), cell("y"), yhat, actions);
  return tr;
}

/** The preset these samples equal, or "custom". */
export function matchPreset(samples) {
  for (const [key, preset] of Object.entries(PRESETS)) {
    if (key === "one") {
      if (samples.length === 1) return "one";
      continue;
    }
    if (preset.samples.length === samples.length && preset.samples.every((p, i) => p.x === samples[i].x && p.y === samples[i].y)) return key;
  }
  return "custom";
}
