// The two cross-sections: C along w1 (w2 held) and along w2 (w1 held), each with the tangent
// whose slope is the back-propagated gradient. Ranges follow the map's; the core draws them
// from its view of the moment (the pass on screen's weights, the tangent only once the
// backward pass has run and no quiz hides it), and the note says which numbers they are.

import { watchSize } from "./boxes.js";
import { requestDraw } from "./frames.js";
import { dark } from "./theme.js";
import { onPresent, pixelRatio } from "./present.js";

export function createSections({ w1, w2, note }, lab, rangeOf) {
  const canvases = { w1, w2 };
  const geometry = { w1: null, w2: null };
  let queued = false;
  const boxes = { w1: watchSize(w1, () => request()), w2: watchSize(w2, () => request()) };

  function draw() {
    queued = false;
    const charts = lab.charts;
    if (!charts) return; // drawn when the whole core arrives
    const dpr = pixelRatio();
    const r = rangeOf();
    for (const [axis, canvas] of Object.entries(canvases)) {
      const box = boxes[axis];
      if (box.width === 0) continue;
      const w = Math.round(box.width * dpr);
      const h = Math.round(box.height * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      const range = axis === "w1" ? [r.w1Min, r.w1Max] : [r.w2Min, r.w2Max];
      try {
        geometry[axis] = charts.drawSection(canvas, lab.session, axis, { range, dark: dark.matches, pixelRatio: dpr });
      } catch (e) {
        canvas.setAttribute("aria-label", `Could not draw: ${e.message}`);
      }
    }
  }

  /** Says which pass and which gradient the tangents show. */
  function explain(snap, settings) {
    const n = settings.samples.length;
    const what = n === 1
      ? "The cost along one weight, the other held still. The tangent (a magenta line through the current point) has the back-propagated gradient as its slope: ∂C/∂w₁ and ∂C/∂w₂ from the chain rule above."
      : `The mean cost over all ${n} points along one weight, the other held still. The tangent (a magenta line through the current point) has the mean gradient as its slope, the "back-prop" column of the numerical check (the chain rule above breaks down point ${settings.chosen + 1} alone).`;
    const when = snap.phase === "update" ? " Drawn at the weights before this update: the slope that moved them."
      : snap.phase === "forward" ? " The tangents come with the backward pass: step once more." : "";
    const text = what + when;
    if (note.textContent !== text) note.textContent = text;
  }

  const request = (snap, settings) => {
    if (snap && settings) explain(snap, settings);
    if (!queued) {
      queued = true;
      requestDraw("sections", draw, 2, false, w1.parentElement);
    }
  };
  dark.addEventListener("change", () => request());
  onPresent(() => request());
  return { update: request, drawNow: draw, geometry };
}
