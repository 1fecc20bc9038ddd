// When training goes wrong, say what happened in plain words, with a way back.

import { formatNumber } from "./format.js";

const NAMES = { w1: "w₁", b1: "b₁", w2: "w₂", b2: "b₂" };

export function troubleText(trouble, snap, settings) {
  const it = snap.iteration;
  const lr = settings.learningRate;
  const back = snap.lastGoodIteration;
  switch (trouble.kind) {
    case "diverging":
      return `Training paused at iteration ${it}: the cost is rising (from ${formatNumber(trouble.fromCost)} to ${formatNumber(trouble.toCost)}). ` +
        `The learning rate η = ${lr} is too large here: each step overshoots the bottom of the valley and lands higher up. ` +
        `Go back to iteration ${back} and try a smaller η.`;
    case "leftRange":
      return `Training paused at iteration ${it}: ${NAMES[trouble.param] ?? trouble.param} left the sliders' range (it is now ${formatNumber(trouble.value)}; the sliders go from −${settings.weightRange} to +${settings.weightRange}). ` +
        `This often means η = ${lr} is too large. You can go back to iteration ${back}, or dismiss this and keep training.`;
    case "overflow":
      return `The step was not taken: it would have moved ${NAMES[trouble.param] ?? trouble.param} beyond ±1,000,000. ` +
        `η = ${lr} is far too large for a gradient this steep. Go back to iteration ${back}, or lower η.`;
    default:
      return "Training paused.";
  }
}

export function createTrouble({ box, text, back, dismiss }, lab) {
  back.addEventListener("click", () => lab.restoreLastGood());
  dismiss.addEventListener("click", () => lab.dismissTrouble());
  let shownKey = "";
  return {
    update(snap, settings) {
      const t = snap.trouble;
      box.hidden = !t;
      if (!t) {
        shownKey = "";
        return;
      }
      const key = JSON.stringify([t, snap.iteration]);
      if (key === shownKey) return;
      shownKey = key;
      text.textContent = troubleText(t, snap, settings);
      back.textContent = `Back to iteration ${snap.lastGoodIteration}`;
    },
  };
}
