// The network diagram: x -> hidden node -> output node -> cost, with every value the ledger
// shows, and the three phases animated: values travel forward, deltas travel back, weights move.

import { putSign, signClass } from "./format.js";
import { ACTIVATIONS, shape } from "./activation.js";
import { put, putAttr, putData, putText } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";

// [key, symbol, kind]: kind decides colour and when it appears.
const LABELS = [
  ["x", "x", "forward"], ["w1", "w₁", "param"], ["b1", "b₁", "param"], ["z1", "z₁", "forward"],
  ["a1", "a₁", "forward"], ["w2", "w₂", "param"], ["b2", "b₂", "param"], ["z2", "z₂", "forward"],
  ["yHat", "ŷ", "forward"], ["cost", "C", "forward"], ["y", "y", "target"],
  ["dCdYHat", "∂C/∂ŷ", "backward"], ["dYHatdZ2", "σ′(z₂)", "backward"], ["delta2", "δ₂ = ∂C/∂z₂", "backward"],
  ["dCdW2", "∂C/∂w₂", "backward"], ["dA1dZ1", "σ′(z₁)", "backward"], ["delta1", "δ₁ = ∂C/∂z₁", "backward"],
  ["dCdW1", "∂C/∂w₁", "backward"],
];

// When each value appears within its phase (0..1), following the travelling pulse.
const FORWARD_AT = { x: 0, z1: 0.34, a1: 0.34, z2: 0.67, yHat: 0.67, cost: 1 };
const BACKWARD_AT = { dCdYHat: 0.1, dYHatdZ2: 0.34, delta2: 0.34, dCdB2: 0.34, dCdW2: 0.45, dA1dZ1: 0.67, delta1: 0.67, dCdB1: 0.67, dCdW1: 0.95 };

const el = (name, attrs = {}, parent) => {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  parent?.append(e);
  return e;
};

/** `weightRange`: the core's sliders' range, the |w| of the thickest edge; `layouts`: the
 * core's `networkLayout()`, wide for desktops and tall for phones: where the nodes and each
 * label sit, with the room on its row each label owns (the core keeps the one copy, which
 * the figure command's diagram draws from too; style.css gives the diagram each viewBox's
 * proportions). */
export function createNetwork(container, description, legend, weightRange, table, layouts) {
  const reduced = matchMedia("(prefers-reduced-motion: reduce)");
  let layoutName = "";
  let svg, parts;
  let last = null; // last view, to redraw on a layout change
  let anim = null; // { phase, start, duration, resolve }
  /** Labels whose text changed since they were last fitted into their slots. */
  const changed = new Set();

  function build(name) {
    layoutName = name;
    const L = layouts[name];
    // The legend's arrows follow the layout: left to right on desktops, top to bottom on phones.
    const [fwd, bwd] = L.arrows;
    if (legend.forward) legend.forward.textContent = `${fwd} forward pass`;
    if (legend.backward) legend.backward.textContent = `${bwd} backward pass`;
    svg = el("svg", { viewBox: L.viewBox.join(" "), role: "img", "aria-labelledby": "diagram-title diagram-desc", class: `net-svg ${name}` });
    el("title", { id: "diagram-title" }, svg).textContent = "The two-node network";
    const { x, h, o, c } = L.nodes;
    const edges = {
      e1: el("line", { x1: x[0], y1: x[1], x2: h[0], y2: h[1], class: "edge" }, svg),
      e2: el("line", { x1: h[0], y1: h[1], x2: o[0], y2: o[1], class: "edge" }, svg),
      e3: el("line", { x1: o[0], y1: o[1], x2: c[0], y2: c[1], class: "edge neutral" }, svg),
    };
    const node = (p, label, cls) => {
      const g = el("g", { class: `node ${cls}` }, svg);
      el("circle", { cx: p[0], cy: p[1], r: cls === "input" ? L.inputR : L.r }, g);
      el("text", { x: p[0], y: p[1] + 6, "text-anchor": "middle", class: "node-name" }, g).textContent = label;
      return g;
    };
    // A neuron shows its activation: the name, and a small plot of g(z) with a dot at the
    // current z, so a flat (saturated or dead) stretch is visible where the node sits.
    const neuron = (p, cls) => {
      const g = el("g", { class: `node ${cls}` }, svg);
      el("circle", { cx: p[0], cy: p[1], r: L.r }, g);
      const name = el("text", { x: p[0], y: p[1] - 3, "text-anchor": "middle", class: "node-name act" }, g);
      const curve = el("path", { class: "glyph" }, g);
      const dot = el("circle", { r: 3.2, class: "glyph-dot" }, g);
      return Object.assign(g, { parts: { name, curve, dot, centre: p, r: L.r } });
    };
    const nodes = { x: node(x, "x", "input"), h: neuron(h, "hidden"), o: neuron(o, "output") };
    const cg = el("g", { class: "node cost-node" }, svg);
    const [bw, bh, br] = L.costBox;
    el("rect", { x: c[0] - bw, y: c[1] - bh, width: 2 * bw, height: 2 * bh, rx: br }, cg);
    el("text", { x: c[0], y: c[1] + 6, "text-anchor": "middle", class: "node-name" }, cg).textContent = "C";
    nodes.c = cg;
    const labels = {};
    for (const [key, symbol, kind] of LABELS) {
      // [x, y, text-anchor, slotLeft, slotRight]: a label longer than its slot (a number in
      // powers of ten) is fitted into it, never drawn over its neighbour (see fitLabels).
      const [lx, ly, anchor, left, right] = L.labels[key];
      const t = el("text", { x: lx, y: ly, "text-anchor": anchor, class: `label ${kind}`, "data-key": key }, svg);
      t.layout = { x: lx, anchor, left, right };
      el("tspan", { class: "sym" }, t).textContent = `${symbol} = `;
      el("tspan", { class: "val" }, t);
      labels[key] = t;
    }
    const pulse = el("circle", { r: 7, class: "pulse", visibility: "hidden" }, svg);
    container.replaceChildren(svg);
    parts = { edges, nodes, labels, pulse, centres: [x, h, o, c] };
    widths.clear();
    for (const t of Object.values(labels)) changed.add(t);
  }

  /** Tall under 520 px, wide above (style.css shapes the diagram's box by the same rule).
   * Until the browser has laid the diagram out, a guess from the window's width: reading the
   * container's width then would force the whole page's first layout inside the script that
   * builds it, one long task where two shorter ones do. */
  let laidOut = false;
  let width = 0; // the container's, unrounded, as the browser last laid it out
  const narrow = matchMedia("(max-width: 559px)"); // innerWidth would force the layout too
  const choose = () => ((laidOut ? width < 520 : narrow.matches) ? "tall" : "wide");
  // Runs after each layout that resized the diagram, before that frame is painted: a wrong
  // guess is rebuilt and the labels are fitted (measured) without forcing a layout.
  new ResizeObserver(([entry]) => {
    width = entry.contentRect.width;
    if (!parts || width === 0) return; // not drawn yet, or hidden
    laidOut = true;
    const name = choose();
    if (name !== layoutName) {
      build(name);
      if (last) paint(last, anim ? progress() : 1);
    }
    fitLabels();
  }).observe(container);

  function progress() {
    if (!anim) return 1;
    return Math.min(1, (performance.now() - anim.start) / anim.duration);
  }

  /** Each label's width by its text with every digit written 0: the digits are tabular
   * (style.css), so "0.4321" and "0.4318" are as wide, and while training only the digits
   * change. Measuring is a layout read, which would force the whole page's layout in every
   * frame; this way it happens only when a label's shape of text is new. Emptied when the
   * diagram is rebuilt. */
  const widths = new Map();
  const shapeOf = (t) => `${t.dataset.key}|${t.textContent.replace(/[0-9]/g, "0")}`;

  /** Keeps each changed label inside its slot: shifted along its row when it fits, squeezed
   * to the slot's width (textLength) when it does not. All reads after all writes, so one
   * layout serves every label. */
  function fitLabels() {
    if (changed.size === 0 || !laidOut) return;
    const labels = [...changed];
    changed.clear();
    const unmeasured = labels.filter((t) => !widths.has(shapeOf(t)));
    for (const t of unmeasured) t.removeAttribute("textLength");
    const measured = unmeasured.map((t) => t.getComputedTextLength());
    unmeasured.forEach((t, i) => widths.set(shapeOf(t), measured[i]));
    for (const t of labels) {
      const { x, anchor, left, right } = t.layout;
      const w = widths.get(shapeOf(t));
      const room = right - left;
      let at = x;
      if (w > room) {
        t.setAttribute("textLength", room.toFixed(1));
        t.setAttribute("lengthAdjust", "spacingAndGlyphs");
        at = anchor === "middle" ? (left + right) / 2 : anchor === "end" ? right : left;
      } else {
        t.removeAttribute("textLength");
        if (anchor === "middle") at = Math.min(right - w / 2, Math.max(left + w / 2, x));
      }
      putAttr(t, "x", at.toFixed(1));
    }
  }

  function setSymbol(key, text) {
    const t = parts.labels[key];
    if (t.firstChild.textContent !== text) {
      putText(t.firstChild, text);
      changed.add(t);
    }
  }

  /** Puts one of the view's entries into a label: its text (or "—" while it is not computed
   * yet), its exact value and sign colour when known; `shown`: the pulse has reached it (one
   * not reached yet is hidden from sight and from screen readers alike); `stale`: of the pass
   * that moved the weights. */
  function setLabel(key, entry, shown, stale = false) {
    const t = parts.labels[key];
    rows.set(key, { entry, shown });
    const val = t.lastChild;
    if (val.textContent !== entry.text) {
      putText(val, entry.text);
      changed.add(t);
    }
    const known = entry.status === "known";
    if (known) putData(t, "exact", String(entry.value));
    else delete t.dataset.exact;
    t.classList.toggle("pending", !known);
    t.classList.toggle("hidden", !shown);
    if (shown) t.removeAttribute("aria-hidden");
    else putAttr(t, "aria-hidden", "true");
    t.classList.toggle("stale", stale);
    putSign(t, known ? entry.value : 0);
  }

  /**
   * Paints a view at progress t of its phase. view = { phase, numbers, activations }, numbers
   * the core's view of the moment (every value, known or not, with its text).
   */
  function paint(view, t) {
    // Built at the first paint, when the page is shown (it is built while hidden).
    if (!parts) build(choose());
    const { phase, numbers } = view;
    const e = numbers.entries;
    const acts = view.activations ?? {};
    paintNeuron(parts.nodes.h, acts.hidden, e.z1.value);
    paintNeuron(parts.nodes.o, acts.output, e.z2.value);
    setSymbol("dA1dZ1", `${ACTIVATIONS[acts.hidden].slope}(z₁) = `);
    setSymbol("dYHatdZ2", `${ACTIVATIONS[acts.output].slope}(z₂) = `);
    const fwdShown = (k) => phase !== "forward" || t >= FORWARD_AT[k];
    // Backward values not computed yet show as "—" (pending); while the backward pulse
    // travels, each appears when it reaches it.
    const bwdShown = (k) => phase !== "backward" || t >= BACKWARD_AT[k];
    const stale = phase === "update";
    for (const [key, , kind] of LABELS) {
      if (kind === "param") continue;
      if (kind === "target") setLabel(key, e[key], true);
      else if (kind === "forward") setLabel(key, e[key], fwdShown(key), stale && key !== "x");
      else setLabel(key, e[key], bwdShown(key), stale);
    }
    // Weights: during the update the edges glide from the old values to the new ones; the
    // labels say the old value until the glide ends, then the new one (no number in between).
    const gliding = phase === "update" && t < 1;
    const w = {};
    for (const k of ["w1", "b1", "w2", "b2"]) {
      const before = e[k];
      const after = e[`now.${k}`];
      w[k] = gliding ? before.value + (after.value - before.value) * ease(t) : after.value;
      setLabel(k, gliding ? before : after, true);
    }
    styleEdge(parts.edges.e1, w.w1, weightRange);
    styleEdge(parts.edges.e2, w.w2, weightRange);

    // The pulse: forward x -> C, backward C -> x.
    const moving = anim && (phase === "forward" || phase === "backward") && t < 1;
    putAttr(parts.pulse, "visibility", moving ? "visible" : "hidden");
    putAttr(parts.pulse, "class", `pulse ${phase}`);
    if (moving) {
      const path = phase === "forward" ? parts.centres : [...parts.centres].reverse();
      const [px, py] = along(path, t);
      parts.pulse.setAttribute("cx", px);
      parts.pulse.setAttribute("cy", py);
    }
    const active = moving ? activeNode(phase, t) : null;
    for (const [k, g] of Object.entries(parts.nodes)) g.classList.toggle("active", k === active);
    svg.classList.toggle("phase-update", phase === "update");
    fitLabels();
    put(description, "textContent", describe(numbers, acts));
    if (table?.closest("details").open) fillTable();
  }

  /** What each label holds now (as setLabel last put it), for the table behind the diagram. */
  const rows = new Map();
  /** The diagram as numbers: each label's symbol, its value as shown, and its exact value,
   * so the exact values are there for the keyboard and in browse mode, not on hover alone.
   * The table says what the diagram says at the same moment: a number the pulse has not
   * reached yet, or not computed, or hidden by a quiz, is not in it either. */
  function fillTable() {
    const tr = (cells, head) => {
      const row = document.createElement("tr");
      cells.forEach((text, i) => {
        const cell = document.createElement(head || i === 0 ? "th" : "td");
        cell.textContent = text;
        if (head || i === 0) cell.scope = head ? "col" : "row";
        row.append(cell);
      });
      return row;
    };
    const cells = [];
    for (const [key] of LABELS) {
      const r = rows.get(key);
      if (!r) continue;
      const sym = parts.labels[key].firstChild.textContent.replace(/ = $/, "");
      const { entry, shown } = r;
      const [text, exact] = !shown ? ["…", "not reached yet"]
        : entry.status === "known" ? [entry.text, String(entry.value)]
          : entry.status === "pending" ? ["—", "not computed yet"]
            : [entry.text, "hidden until the quiz is checked"];
      cells.push([sym, text, exact]);
    }
    // Painted on every frame of a pulse: the rows are built once, then only the cells whose
    // text changed are written (a screen reader's place in the table is kept).
    const tbody = table.tBodies[0];
    if (tbody.rows.length !== cells.length) {
      table.tHead.replaceChildren(tr(["Value", "Shown", "Exact"], true));
      tbody.replaceChildren(...cells.map((c) => tr(c, false)));
      return;
    }
    cells.forEach((c, i) => c.forEach((text, j) => put(tbody.rows[i].cells[j], "textContent", text)));
  }
  table?.closest("details").addEventListener("toggle", () => parts && last && fillTable());

  function frame() {
    if (!anim) return;
    const t = progress();
    paint(last, t);
    anim.onFrame?.((key) => shownAt(last.phase, key, t));
    if (t >= 1) {
      const { resolve, onFrame } = anim;
      anim = null;
      paint(last, 1);
      onFrame?.(() => true);
      resolve();
    } else requestAnimationFrame(frame);
  }

  return {
    /** Shows a view at once (no animation). */
    show(view) {
      last = view;
      if (!anim) paint(view, 1);
    },
    /** Animates a view's phase over `duration` ms; resolves when done. Instant under reduced motion. */
    animate(view, duration, onFrame) {
      last = view;
      if (anim) {
        anim.onFrame?.(() => true);
        anim.resolve();
        anim = null;
      }
      if (reduced.matches || duration <= 0 || view.phase === "ready") {
        paint(view, 1);
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        anim = { start: performance.now(), duration, resolve, onFrame };
        // The pulse's first moment is on the page when the render returns, not at the next
        // frame: until then the diagram (its labels, its words, its table) held the moment
        // before, which anything reading the page in between (a screen reader, a test) saw.
        paint(view, 0);
        onFrame?.((key) => shownAt(view.phase, key, 0));
        requestAnimationFrame(frame);
      });
    },
    get animating() {
      return anim !== null;
    },
  };
}

/** Whether a value is on screen at progress t of a phase (the pulse has reached it). */
function shownAt(phase, key, t) {
  if (phase === "backward" && key in BACKWARD_AT) return t >= BACKWARD_AT[key];
  return true;
}

const GLYPH_Z = 5; // the glyph plots g over z in [-5, 5]

/** Draws a neuron's activation glyph and puts its dot at z (clamped to the glyph's range). */
function paintNeuron(g, kind, z) {
  const { name, curve, dot, centre: [cx, cy], r } = g.parts;
  const [left, width, top, height] = [cx - 0.55 * r, 1.1 * r, cy + 0.12 * r, 0.42 * r];
  const lo = shape(kind, -GLYPH_Z);
  const hi = shape(kind, GLYPH_Z);
  const px = (zz) => left + ((zz + GLYPH_Z) / (2 * GLYPH_Z)) * width;
  const py = (v) => top + height - ((v - lo) / (hi - lo)) * height;
  if (g.dataset.kind !== kind) {
    g.dataset.kind = kind;
    name.textContent = ACTIVATIONS[kind].symbol;
    const points = [];
    for (let i = 0; i <= 24; i++) {
      const zz = -GLYPH_Z + (i / 24) * 2 * GLYPH_Z;
      points.push(`${px(zz).toFixed(1)},${py(shape(kind, zz)).toFixed(1)}`);
    }
    curve.setAttribute("d", `M${points.join("L")}`);
  }
  const zc = Number.isFinite(z) ? Math.max(-GLYPH_Z, Math.min(GLYPH_Z, z)) : 0;
  putAttr(dot, "cx", px(zc).toFixed(1));
  putAttr(dot, "cy", py(shape(kind, zc)).toFixed(1));
  dot.classList.toggle("off-scale", zc !== z);
}

/** An edge as thick as its weight is large, up to the sliders' range `range`. */
function styleEdge(line, w, range) {
  const m = Math.min(Math.abs(w), range) / range;
  putAttr(line, "stroke-width", (1.5 + 7 * Math.sqrt(m)).toFixed(2));
  putAttr(line, "class", `edge ${signClass(w)}`);
}

function ease(t) {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

/** The point at fraction t along a polyline of equal-time segments. */
function along(points, t) {
  const n = points.length - 1;
  const s = Math.min(n - 1e-9, t * n);
  const i = Math.floor(s);
  const f = s - i;
  const [a, b] = [points[i], points[i + 1]];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

function activeNode(phase, t) {
  const order = phase === "forward" ? ["x", "h", "o", "c"] : ["c", "o", "h", "x"];
  return order[Math.min(3, Math.round(t * 3))];
}

/** The diagram in words, from the view: every number as it is spoken, the moment it belongs
 * to, and which point it is for. */
function describe(numbers, acts = {}) {
  const e = numbers.entries;
  const say = (k) => e[k].spoken;
  const name = (k) => ACTIVATIONS[k].name;
  const point = numbers.points === 1 ? "the one data point" : `point ${numbers.chosen + 1} of ${numbers.points}`;
  const weights = (prefix) => `w1 ${say(`${prefix}w1`)}, b1 ${say(`${prefix}b1`)}, w2 ${say(`${prefix}w2`)}, b2 ${say(`${prefix}b2`)}`;
  const pass = `Input x = ${say("x")}. Hidden node (${name(acts.hidden)}): z1 = w1 times x plus b1 = ${say("z1")}, a1 = ${say("a1")}. ` +
    `Output node (${name(acts.output)}): z2 = ${say("z2")}, y-hat = ${say("yHat")}. Cost ${say("cost")} against target y = ${say("y")}.`;
  const backward = e.delta2.status === "pending"
    ? "Backward: not computed yet; it comes with the next phase."
    : `Backward: delta2 = ${say("delta2")}, delta1 = ${say("delta1")}, gradient of w2 ${say("dCdW2")}, gradient of w1 ${say("dCdW1")}.`;
  if (numbers.phase === "update") {
    return `Phase: update, iteration ${numbers.iteration}. The weights moved: now ${weights("now.")}. ` +
      `The pass that moved them, for ${point}, at the weights before this step (${weights("")}): ${pass} ${backward}`;
  }
  return `Phase: ${numbers.phase}, iteration ${numbers.iteration}, for ${point}. ${pass} Weights: ${weights("")}. ${backward}`;
}
