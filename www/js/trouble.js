// When training goes wrong, say what happened in plain words, with a way back.

import { formatNumber } from "./format.js";

const NAMES = { w1: "w₁", b1: "b₁", w2: "w₂", b2: "b₂" };

/** The banner's words. Each states the rule that paused training with the numbers that met
 * it (the core guarantees a quoted rise is a rise), and blames η only when the cost grew. */
export function troubleText(trouble, snap, settings, valueLimit) {
  const it = snap.iteration;
  const lr = settings.learningRate;
  const back = snap.lastGoodIteration;
  const f = formatNumber;
  switch (trouble.kind) {
    case "diverging": {
      const what = trouble.rises >= 2
        ? `the cost rose ${trouble.rises} iterations in a row, from ${f(trouble.fromCost)} at iteration ${trouble.fromIteration} to ${f(trouble.toCost)}`
        : `the cost more than doubled in one step, from ${f(trouble.fromCost)} to ${f(trouble.toCost)}`;
      return `Training paused at iteration ${it}: ${what}. ` +
        `The learning rate η = ${lr} is too large here: each step overshoots the bottom of the valley and lands higher up. ` +
        `Go back to iteration ${back} and try a smaller η.`;
    }
    case "leftRange": {
      const name = NAMES[trouble.param] ?? trouble.param;
      const where = `${name} left the sliders' range (it is now ${f(trouble.value)}; the sliders go from −${settings.weightRange} to +${settings.weightRange})`;
      if (trouble.toCost <= trouble.fromCost) {
        return `Training paused at iteration ${it}: ${where}, while the cost fell (from ${f(trouble.fromCost)} to ${f(trouble.toCost)}). ` +
          "That is not a problem with training: the best weights lie beyond the sliders. Dismiss this to keep training " +
          `(widen the map under Range to follow), or go back to iteration ${back}.`;
      }
      return `Training paused at iteration ${it}: ${where}, and the cost rose (from ${f(trouble.fromCost)} to ${f(trouble.toCost)}). ` +
        `The learning rate η = ${lr} may be too large. Go back to iteration ${back}, or dismiss this and keep training.`;
    }
    case "overflow":
      return `The step was not taken: it would have moved ${NAMES[trouble.param] ?? trouble.param} beyond ±${valueLimit.toLocaleString("en")}. ` +
        `η = ${lr} is far too large for a gradient this steep. Go back to iteration ${back}, or lower η.`;
    default:
      return "Training paused.";
  }
}

export function createTrouble({ box, text, back, dismiss }, lab, valueLimit) {
  back.addEventListener("click", () => lab.restoreLastGood());
  dismiss.addEventListener("click", () => lab.dismissTrouble());
  let shownKey = "";
  return {
    update(snap, settings) {
      const t = snap.trouble;
      if (box.hidden !== !t) box.hidden = !t;
      if (!t) {
        shownKey = "";
        return;
      }
      const key = JSON.stringify([t, snap.iteration]);
      if (key === shownKey) return;
      shownKey = key;
      text.textContent = troubleText(t, snap, settings, valueLimit);
      back.textContent = `Back to iteration ${snap.lastGoodIteration}`;
    },
  };
}
