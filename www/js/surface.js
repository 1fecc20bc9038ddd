// The cost surface view: a static base canvas (heatmap, contours, axes, legend: redrawn only
// when its own inputs change) under an overlay canvas (path, arrow, marker: redrawn on every
// change). Pointer, touch and keyboard set (w1, w2); wheel, pinch and Shift+drag zoom and pan.

import { watchSize } from "./boxes.js";
import { isBusy, requestDraw } from "./frames.js";
import { formatNumber } from "./format.js";
import { dark } from "./theme.js";
import { onPresent, pixelRatio } from "./present.js";

const RESOLUTION = 128;

/** Rounds a weight set by pointer to 0.01, the sliders' step. */
const snap01 = (v) => Math.round(v * 100) / 100;

/** How the map is worked, in the words of the pointer at hand: a mouse, or a finger. */
const HANDS_MAP = {
  mouse: "Click or drag on the map to set w₁ and w₂ (arrow keys too; Shift moves further). Wheel or pinch to zoom, Shift+drag to pan.",
  touch: "Tap or drag on the map to set w₁ and w₂. Pinch with two fingers to zoom; “Range and colour” sets the range exactly.",
};
const HELP_MAP = " The white line is the path training has taken (ring: its start), with the Optimizer chosen; the magenta arrow is the next step, −η·∇C, to scale.";
/** What the race adds to the help, in a part of its own that hides with the race's controls. */
const HELP_RACE = " Coloured lines, each ending in a shape of its own (the same as beside its name under Race optimizers), are the optimizers racing it.";
const HELP_3D = "Drag to turn the surface, or use the arrow keys or the turn buttons beside Reset view. The white line is the path training has taken, laid on this surface; the white marker is the current weights. Reset view turns it back.";

/** The last argument: { view (the core's default view: range and 3D angles, where Reset view goes),
 * valueLimit, pitch (the core's [min, max] of the 3D view's pitch) }. */
export function createSurface(els, lab, { view, valueLimit, pitch: pitchRange, weightsLocked = () => false }) {
  const DEFAULT_RANGE = Object.freeze({ w1Min: view.w1Min, w1Max: view.w1Max, w2Min: view.w2Min, w2Max: view.w2Max });
  const DEFAULT_ANGLES = Object.freeze({ yaw: view.yaw, pitch: view.pitch });
  const { base, overlay, canvas3d, stack, button2d, button3d, turnButtons, help, readout, logBox, scaleBox, reset, rangeFields, rangeError } = els;
  /** The whole core's CostMap (its grid and pixels kept between frames), once it arrived. */
  let map = null;
  /** A touch screen: the help speaks of taps and pinches. */
  const coarse = matchMedia("(pointer: coarse)");
  coarse.addEventListener("change", () => showHelp());
  let range = { ...DEFAULT_RANGE };
  let baseKey = "";
  /** baseKey without b1 and b2. */
  let baseRest = "";
  let baseQueued = false;
  /** What the overlay showed while playing, in half pixels (overlayChanged). */
  let overlayKey = "";
  let lastFrameKey = "";
  const scratch = document.createElement("canvas"); // the grid-sized heatmap, scaled into the map
  let geometry = null;
  let marks = null;
  let marks3d = null;
  let mode = "map";
  /** The colours' cost range kept fixed ([min, max]), or null: each picture's own. */
  let colorScale = null;
  let angles = { ...DEFAULT_ANGLES };
  let queued = false;
  const rangeListeners = new Set();
  const onRange = (r) => rangeListeners.forEach((fn) => fn(r));
  const box = watchSize(base, request);

  function size() {
    const dpr = pixelRatio();
    const w = Math.max(160, Math.round(box.width * dpr));
    const h = Math.max(160, Math.round(box.height * dpr));
    for (const c of [base, overlay, canvas3d]) {
      if (c.width !== w || c.height !== h) {
        c.width = w;
        c.height = h;
      }
    }
    return dpr;
  }

  /** The inputs of the heatmap other than b1 and b2, and of the axes, as keys. */
  function keys(dpr) {
    const s = lab.settings;
    // The heatmap depends on b1, b2, the data, the model, the range, colours and size only;
    // the axes on the range, colours and size (so training, which moves b1 and b2, redraws
    // only the heatmap, contours and legend).
    const frameKey = JSON.stringify([range, dark.matches, base.width, base.height, dpr]);
    const restKey = JSON.stringify([s.samples, s.cost, s.hidden, s.output, logBox.checked, colorScale, frameKey]);
    const { b1, b2 } = lab.snapshot.params;
    return { frameKey, key: `${b1},${b2},${restKey}`, restKey };
  }

  /** Redraws the heatmap, contours and legend (and the axes if they changed). */
  function drawBase(dpr, { frameKey, key, restKey }) {
    geometry = map.draw(base, scratch, lab.session, { ...range, resolution: RESOLUTION, logColor: logBox.checked, fixedScale: colorScale, dark: dark.matches, pixelRatio: dpr, keepFrame: frameKey === lastFrameKey });
    lastFrameKey = frameKey;
    // The first picture of the surface: what the load benchmark times.
    if (!baseKey) performance.mark("surface-drawn");
    baseKey = key;
    baseRest = restKey;
  }

  /** The heatmap alone, as a job of its own while playing. */
  function baseJob() {
    baseQueued = false;
    if (!map || box.width === 0) return;
    const dpr = size();
    const k = keys(dpr);
    try {
      if (k.key !== baseKey) drawBase(dpr, k);
    } catch (e) {
      readout.textContent = `(could not draw: ${e.message})`;
    }
  }

  /** While playing, whether the overlay would look different: a marker, the step's arrow, a
   * rival's ball or the path's start moved by half a pixel or more, or the picture changed
   * (the path ends at the marker, so it has not moved visibly either). Otherwise every
   * change redraws it. */
  function overlayChanged({ frameKey }) {
    if (!isBusy()) {
      overlayKey = "";
      return true;
    }
    const snap = lab.snapshot;
    const px = (p) => toPixel(geometry, p.w1, p.w2).map((v) => Math.round(v * 2));
    const next = JSON.stringify([frameKey, snap.phase, px(snap.params), px(snap.next), px(snap.start), snap.race.map((r) => px(r.params)), snap.historyStride]);
    if (next === overlayKey) return false;
    overlayKey = next;
    return true;
  }

  function draw() {
    queued = false;
    if (box.width === 0) return; // hidden (3D view)
    if (!lab.charts) return; // drawn when the whole core arrives
    map ??= new lab.charts.CostMap();
    const dpr = size();
    const k = keys(dpr);
    try {
      if (!lastFrameKey) {
        // The first picture in two frames, the axes then the data: two short tasks.
        geometry = map.draw(base, scratch, lab.session, { ...range, resolution: RESOLUTION, dark: dark.matches, pixelRatio: dpr, frameOnly: true });
        lastFrameKey = k.frameKey;
        request();
        return;
      }
      if (k.key !== baseKey) {
        // While playing only b1 and b2 change: the heatmap waits its turn among the heavy
        // drawings (frames.js), the path and marker are drawn at once.
        if (mode === "map" && isBusy() && k.restKey === baseRest) {
          if (!baseQueued) {
            baseQueued = true;
            requestDraw("map-base", baseJob, 0, false, stack);
          }
        } else drawBase(dpr, k);
      }
      if (mode === "map") {
        if (overlayChanged(k)) marks = map.drawOverlay(overlay, lab.session, { dark: dark.matches, pixelRatio: dpr });
      } else marks3d = map.draw3d(canvas3d, lab.session, { ...angles, dark: dark.matches, logColor: logBox.checked, pixelRatio: dpr });
    } catch (e) {
      readout.textContent = `(could not draw: ${e.message})`;
    }
  }

  /** The map is a light drawing (done in every frame it is asked for), but for its first two
   * drawings, the axes then the heatmap: heavy ones. */
  function request() {
    if (!queued) {
      queued = true;
      requestDraw("map", draw, 0, baseKey !== "" || !lab.charts, stack);
    }
  }

  /** The weights under a pointer event, or null off the plot. */
  function weightsAt(e, clamp = true) {
    if (!geometry) return null;
    const rect = overlay.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * overlay.width;
    const y = ((e.clientY - rect.top) / rect.height) * overlay.height;
    let [w1, w2] = toWeights(geometry, x, y);
    if (clamp) {
      w1 = Math.min(geometry.w1Max, Math.max(geometry.w1Min, w1));
      w2 = Math.min(geometry.w2Max, Math.max(geometry.w2Min, w2));
    }
    return { w1, w2, inside: x >= geometry.plotLeft && x <= geometry.plotRight && y >= geometry.plotTop && y <= geometry.plotBottom };
  }

  function setWeights(w1, w2) {
    if (weightsLocked()) return; // a quiz's exercise fixes its weights
    lab.setParams({ ...lab.snapshot.params, w1: snap01(w1), w2: snap01(w2) });
  }

  function setRange(next) {
    const r = { ...range, ...next };
    if (!(Number.isFinite(r.w1Min) && Number.isFinite(r.w1Max) && Number.isFinite(r.w2Min) && Number.isFinite(r.w2Max)) ||
        r.w1Min >= r.w1Max || r.w2Min >= r.w2Max || Math.max(...Object.values(r).map(Math.abs)) > valueLimit ||
        r.w1Max - r.w1Min < 1e-3 || r.w2Max - r.w2Min < 1e-3) {
      rangeError.textContent = `Each range needs two numbers, the first smaller, at least 0.001 apart, within ±${valueLimit.toLocaleString("en")}.`;
      showRange();
      return false;
    }
    rangeError.textContent = "";
    range = r;
    showRange();
    request();
    onRange(range);
    return true;
  }

  function showRange() {
    for (const [k, input] of Object.entries(rangeFields)) {
      if (document.activeElement !== input) input.value = String(Number(range[k].toPrecision(6)));
    }
  }

  /** Zooms by `factor` (< 1 zooms in) about the weights (cw1, cw2). */
  function zoom(factor, cw1, cw2) {
    const f = Math.min(4, Math.max(0.25, factor));
    setRange({
      w1Min: cw1 + (range.w1Min - cw1) * f,
      w1Max: cw1 + (range.w1Max - cw1) * f,
      w2Min: cw2 + (range.w2Min - cw2) * f,
      w2Max: cw2 + (range.w2Max - cw2) * f,
    });
  }

  // Pointers: one finger or the mouse sets the weights (Shift or the middle button pans);
  // two fingers pinch-zoom.
  const pointers = new Map();
  let pan = null;
  let pinch = null;
  /** The weights before a tap or drag set them: Esc during it, or a cancelled pointer (the
   * browser took the gesture), puts them back (WCAG 2.5.2, pointer cancellation). */
  let grabbed = null;
  const putBack = () => {
    if (grabbed) setWeights(grabbed.w1, grabbed.w2);
    grabbed = null;
  };
  overlay.addEventListener("pointerdown", (e) => {
    overlay.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, e);
    if (pointers.size === 2) {
      putBack(); // a pinch, not a tap: the first finger's weights are undone
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), range: { ...range } };
      return;
    }
    if (e.shiftKey || e.button === 1) {
      pan = { x: e.clientX, y: e.clientY, range: { ...range } };
      return;
    }
    const w = weightsAt(e);
    if (w?.inside) {
      const p = lab.snapshot.params;
      grabbed = { w1: p.w1, w2: p.w2 };
      setWeights(w.w1, w.w2);
    }
  });
  overlay.addEventListener("pointermove", (e) => {
    const w = weightsAt(e, false);
    readout.textContent = w?.inside ? `w₁ = ${formatNumber(w.w1, { signed: false })}, w₂ = ${formatNumber(w.w2, { signed: false })}` : "";
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, e);
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const d = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
      const c1 = (pinch.range.w1Min + pinch.range.w1Max) / 2;
      const c2 = (pinch.range.w2Min + pinch.range.w2Max) / 2;
      const f = pinch.d / Math.max(1, d);
      range = { ...pinch.range };
      zoom(f, c1, c2);
      return;
    }
    if (pan) {
      const rect = overlay.getBoundingClientRect();
      const g = geometry;
      const sx = ((g.w1Max - g.w1Min) / (g.plotRight - g.plotLeft)) * (overlay.width / rect.width);
      const sy = ((g.w2Max - g.w2Min) / (g.plotBottom - g.plotTop)) * (overlay.height / rect.height);
      const dx = (e.clientX - pan.x) * sx;
      const dy = (e.clientY - pan.y) * sy;
      const r = pan.range;
      setRange({ w1Min: r.w1Min - dx, w1Max: r.w1Max - dx, w2Min: r.w2Min + dy, w2Max: r.w2Max + dy });
      return;
    }
    if (pointers.size === 1 && grabbed) {
      const w2 = weightsAt(e);
      if (w2) setWeights(w2.w1, w2.w2);
    }
  });
  const release = (e) => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) {
      pan = null;
      grabbed = null;
    }
  };
  overlay.addEventListener("pointerup", release);
  overlay.addEventListener("pointercancel", (e) => {
    putBack();
    release(e);
  });
  overlay.addEventListener("pointerleave", () => {
    if (!pointers.size) readout.textContent = "";
  });
  overlay.addEventListener("wheel", (e) => {
    e.preventDefault();
    const w = weightsAt(e, false);
    if (w) zoom(Math.exp(e.deltaY * 0.0015), w.w1, w.w2);
  }, { passive: false });
  overlay.addEventListener("keydown", (e) => {
    const p = lab.snapshot.params;
    const step = e.shiftKey ? 1 : 0.1;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (e.key === "Escape" && grabbed) {
      e.preventDefault();
      putBack();
    } else if (moves[e.key]) {
      e.preventDefault();
      setWeights(p.w1 + moves[e.key][0], p.w2 + moves[e.key][1]);
    } else if (e.key === "+" || e.key === "=") {
      e.preventDefault();
      zoom(0.8, p.w1, p.w2);
    } else if (e.key === "-") {
      e.preventDefault();
      zoom(1.25, p.w1, p.w2);
    }
  });

  // 3D: drag (mouse or finger) or arrow keys rotate; yaw wraps, pitch is clamped by the core.
  let turning = null;
  canvas3d.addEventListener("pointerdown", (e) => {
    canvas3d.setPointerCapture(e.pointerId);
    turning = { x: e.clientX, y: e.clientY, ...angles };
  });
  canvas3d.addEventListener("pointermove", (e) => {
    if (!turning) return;
    setAngles(turning.yaw - (e.clientX - turning.x) * 0.01, turning.pitch + (e.clientY - turning.y) * 0.01);
  });
  const stopTurning = () => (turning = null);
  canvas3d.addEventListener("pointerup", stopTurning);
  canvas3d.addEventListener("pointercancel", stopTurning);
  const TURNS = (d) => ({ left: [d, 0], right: [-d, 0], up: [0, d], down: [0, -d] });
  const KEY_TURNS = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };
  canvas3d.addEventListener("keydown", (e) => {
    const turn = TURNS(e.shiftKey ? 0.3 : 0.1)[KEY_TURNS[e.key]];
    if (!turn) return;
    e.preventDefault();
    setAngles(angles.yaw + turn[0], angles.pitch + turn[1]);
  });
  // The same turns by button: a single tap or click, for who cannot drag (WCAG 2.5.7).
  turnButtons.addEventListener("click", (e) => {
    const turn = TURNS(0.2)[e.target.closest("[data-turn]")?.dataset.turn];
    if (turn) setAngles(angles.yaw + turn[0], angles.pitch + turn[1]);
  });
  function setAngles(yaw, pitch) {
    // The core's limits (limits().pitch), so the state (and a share link) holds what is shown.
    const wrapped = Math.atan2(Math.sin(yaw), Math.cos(yaw));
    angles = { yaw: wrapped, pitch: Math.min(pitchRange[1], Math.max(pitchRange[0], pitch)) };
    request();
    onRange(range);
  }
  function setMode(next) {
    mode = next === "surface3d" ? "surface3d" : "map";
    stack.classList.toggle("mode-3d", mode === "surface3d");
    canvas3d.hidden = mode !== "surface3d";
    turnButtons.hidden = mode !== "surface3d";
    button2d.setAttribute("aria-pressed", String(mode === "map"));
    button3d.setAttribute("aria-pressed", String(mode === "surface3d"));
    showHelp();
    request();
    onRange(range);
  }
  const raceHelp = Object.assign(document.createElement("span"), { textContent: HELP_RACE });
  raceHelp.dataset.control = "race";
  function showHelp() {
    help.replaceChildren(mode === "map" ? HANDS_MAP[coarse.matches ? "touch" : "mouse"] + HELP_MAP : HELP_3D, raceHelp);
  }
  showHelp();
  button2d.addEventListener("click", () => setMode("map"));
  button3d.addEventListener("click", () => setMode("surface3d"));

  for (const [k, input] of Object.entries(rangeFields)) {
    input.addEventListener("change", () => {
      const v = input.value.trim() === "" ? NaN : Number(input.value);
      setRange({ [k]: v });
    });
  }
  reset.addEventListener("click", () => {
    angles = { ...DEFAULT_ANGLES };
    setRange({ ...DEFAULT_RANGE });
  });
  logBox.addEventListener("change", request);
  dark.addEventListener("change", request);
  onPresent(request);
  showRange();

  return {
    update: request,
    /** Draws now (for tests that read pixels right after a change). */
    drawNow: draw,
    get geometry() {
      return geometry;
    },
    /** The kept colour scale [min, max], or null. */
    get colorScale() {
      return colorScale;
    },
    /** Keeps the colours' cost range: `true` keeps the one on screen, [min, max] a given one,
     * null lets each picture use its own. */
    /** Whether the colours follow log C. */
    get logColor() {
      return logBox.checked;
    },
    /** Colours by log C (a link's view), as the box does. */
    setLogColor(on) {
      logBox.checked = on;
      request();
    },
    setColorScale(next) {
      colorScale = next === true ? (geometry ? [geometry.costMin, geometry.costMax] : null) : next;
      scaleBox.checked = colorScale !== null;
      request();
    },
    get marks() {
      return marks;
    },
    get marks3d() {
      return marks3d;
    },
    get mode() {
      return mode;
    },
    get angles() {
      return { ...angles };
    },
    setMode,
    setAngles,
    get range() {
      return { ...range };
    },
    setRange,
    /** Calls fn whenever the range, the mode or the 3D angles change. */
    onRangeChange(fn) {
      rangeListeners.add(fn);
    },
    /** The last grid of costs (a copy), for tests. */
    costs(memory) {
      const n = map.resolution();
      return { n, values: Array.from(new Float32Array(memory.buffer, map.costsView(), n * n)) };
    },
  };
}

/** Canvas pixel -> weights, mirroring MapGeometry::to_weights. */
export function toWeights(g, x, y) {
  const tx = (x - g.plotLeft) / (g.plotRight - g.plotLeft);
  const ty = (g.plotBottom - y) / (g.plotBottom - g.plotTop);
  return [g.w1Min + tx * (g.w1Max - g.w1Min), g.w2Min + ty * (g.w2Max - g.w2Min)];
}

/** Weights -> canvas pixel, mirroring MapGeometry::to_pixel. */
export function toPixel(g, w1, w2) {
  const tx = (w1 - g.w1Min) / (g.w1Max - g.w1Min);
  const ty = (w2 - g.w2Min) / (g.w2Max - g.w2Min);
  return [g.plotLeft + tx * (g.plotRight - g.plotLeft), g.plotBottom - ty * (g.plotBottom - g.plotTop)];
}
