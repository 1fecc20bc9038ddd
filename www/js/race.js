// The optimizer race: tick optimizers to race the lead run (the one the ledger explains) from
// the same start with the same data, cost and learning rate. Each rival gets a coloured ball
// and path on the map and the 3D view and its own loss curve; this panel is their legend,
// with each rival's hyper-parameters and where it has got to. The core keeps them level.

import { LABELS, NAMES } from "./optimizer.js";
import { formatNumber } from "./format.js";
import { put } from "./dom.js";
import { dark } from "./theme.js";

/** els: { container (the table's body), summary, error, legend (the loss curve's legend) };
 * onRaceStart(): the first rival was ticked (the page speeds Play up). */
export function createRace({ container, summary, error, legend }, lab, parse, { defaults, limits }, onRaceStart = () => {}) {
  /** Every optimizer, in the core's order. */
  const KINDS = Object.keys(defaults);
  const rows = {};
  for (const kind of KINDS) {
    const row = document.createElement("tr");
    row.dataset.kind = kind;
    row.innerHTML = `
      <td><label class="check"><input type="checkbox" data-race="${kind}"> <span class="swatch" aria-hidden="true"></span><span class="name">${NAMES[kind]}</span></label></td>
      <td><div class="hyper"></div></td>
      <td class="num cost"></td>
      <td class="race-status"></td>`;
    const box = row.querySelector("input");
    box.addEventListener("change", () => {
      const race = lab.race.filter((o) => o.kind !== kind);
      if (box.checked) race.push({ ...defaults[kind] });
      race.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
      try {
        const starting = lab.race.length === 0 && race.length > 0;
        lab.setRace(race);
        error.textContent = "";
        // At one iteration a second a race shows nothing for a long while: it starts fast.
        if (starting) onRaceStart();
      } catch (e) {
        // The core refused (it should not happen from these boxes): say why, show the truth.
        error.textContent = e.message;
        box.checked = !box.checked;
      }
    });
    rows[kind] = { row, box, hyper: row.querySelector(".hyper"), cost: row.querySelector(".cost"), status: row.querySelector(".race-status"), swatch: row.querySelector(".swatch"), shown: "" };
    container.append(row);
  }

  /** Hyper-parameter fields for a rival, each checked by the core's parser on change. */
  function fields(kind, opt) {
    return Object.keys(opt).filter((k) => k !== "kind").map((k) => {
      const label = document.createElement("label");
      label.className = "race-field";
      const input = document.createElement("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.id = `race-${kind}-${k}`;
      input.value = String(opt[k]);
      input.setAttribute("aria-label", `${NAMES[kind]} ${LABELS[k]}`);
      const message = document.createElement("span");
      message.className = "field-error";
      message.setAttribute("role", "status");
      input.addEventListener("change", () => {
        const [lo, hi] = limits[k];
        const current = lab.race.find((o) => o.kind === kind);
        const { value, error } = parse(input.value, LABELS[k], lo, hi);
        if (error !== undefined) {
          message.textContent = `${error}. Kept ${current[k]}.`;
          input.value = String(current[k]);
          return;
        }
        message.textContent = "";
        lab.setRace(lab.race.map((o) => (o.kind === kind ? { ...o, [k]: value } : o)));
      });
      label.append(`${LABELS[k].split(" ")[0]} `, input, message);
      return label;
    });
  }

  // The race sits in a closed <details> until wanted; a race arriving (a link) opens it.
  const box = container.closest("details");
  let racing = 0;

  /** The loss curve's legend while racing: each curve's optimizer by name, with its colour as
   * the chart draws it (a deeper shade on a light page), and the lead's in the page's teal. */
  let legendKey = "";
  let legendOf = null;
  // A new theme: the chart's colours change shade, and the legend with them.
  dark.addEventListener("change", () => legendOf && showLegend(...legendOf));
  function showLegend(snap, lead) {
    legendOf = [snap, lead];
    const entries = snap.race.length === 0 ? [] : [
      { name: `${NAMES[lead]} (this run)`, color: "" },
      ...snap.race.map((r) => ({ name: NAMES[r.optimizer.kind], color: dark.matches ? r.mapColor : r.color, mark: r.mark })),
    ];
    const key = JSON.stringify(entries);
    if (key === legendKey) return;
    legendKey = key;
    legend.hidden = entries.length === 0;
    legend.replaceChildren(...entries.map(({ name, color, mark }) => {
      const li = document.createElement("li");
      const swatch = Object.assign(document.createElement("span"), { className: color ? "line" : "line lead" });
      swatch.setAttribute("aria-hidden", "true");
      if (color) swatch.style.background = color;
      li.append(swatch);
      // The curve's mark (its shape on the chart), so the legend does not rest on colour.
      if (mark) {
        const glyph = Object.assign(document.createElement("span"), { className: "mark", textContent: mark });
        glyph.setAttribute("aria-hidden", "true");
        glyph.style.color = color;
        li.append(glyph);
      }
      li.append(name);
      return li;
    }));
  }

  return {
    update(snap, settings) {
      if (box && racing === 0 && snap.race.length > 0) box.open = true;
      racing = snap.race.length;
      const lead = settings.optimizer.kind;
      const byKind = Object.fromEntries(snap.race.map((r) => [r.optimizer.kind, r]));
      for (const kind of KINDS) {
        const r = rows[kind];
        const isLead = kind === lead;
        const rival = byKind[kind];
        put(r.row, "className", isLead ? "lead" : rival ? "racing" : "");
        put(r.box, "checked", isLead || Boolean(rival));
        put(r.box, "disabled", isLead);
        put(r.box, "title", isLead ? "This run: the one the chain rule on the left explains (change it with Optimizer)" : "");
        // Its mark on the map, in its colour (a deeper shade of the same hue on a light page,
        // as the loss curve draws it): the shape tells the rivals apart where colours do not.
        const color = !isLead && rival ? (dark.matches ? rival.mapColor : rival.color) : "";
        put(r.swatch, "textContent", !isLead && rival ? rival.mark : "");
        if (r.swatch.dataset.color !== color) {
          r.swatch.dataset.color = color;
          r.swatch.style.color = color;
        }
        const opt = isLead ? settings.optimizer : rival?.optimizer;
        const key = isLead ? "lead" : JSON.stringify(opt ?? null);
        if (key !== r.shown && !r.hyper.contains(document.activeElement)) {
          r.shown = key;
          if (isLead) {
            const span = document.createElement("span");
            span.className = "muted";
            span.textContent = "this run (the one the chain rule explains)";
            r.hyper.replaceChildren(span);
          } else {
            r.hyper.replaceChildren(...(opt ? fields(kind, opt) : []));
          }
        }
        const cost = isLead ? snap.cost : rival?.cost;
        put(r.cost, "textContent", cost === undefined ? "" : formatNumber(cost, { signed: false }));
        // Focusable (for its exact value) only when it holds a number.
        put(r.cost, "tabIndex", cost === undefined ? -1 : 0);
        if (cost === undefined) delete r.cost.dataset.exact;
        else if (r.cost.dataset.exact !== String(cost)) r.cost.dataset.exact = String(cost);
        put(r.status, "textContent", rival?.stuck ? `stopped at ${rival.iteration}: the next step would overflow` : "");
      }
      const n = snap.race.length;
      put(summary, "textContent", n === 0 ? "" : `${n + 1} optimizers racing from the same start, η = ${settings.learningRate}`);
      showLegend(snap, lead);
    },
  };
}
