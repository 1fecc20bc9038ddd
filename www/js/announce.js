// What a screen reader hears after each step: the run's state in words.

import { spokenNumber } from "./format.js";

/** A polite live region: after each step, the iteration, cost and gradients in words;
 * throttled to one message every 2 s while playing. */
export function createAnnouncer(region) {
  let lastAt = 0;
  let timer = 0;
  let latest = null;
  return (next, playing) => {
    latest = next;
    const say = () => {
      const snap = latest;
      const g = (snap.pass ?? snap.live).mean;
      const words = (v) => spokenNumber(v);
      region.textContent = `Iteration ${snap.iteration}, phase ${snap.phase}. Cost ${words(snap.cost)}. ` +
        `Gradient of w1 ${words(g.dCdW1)}, gradient of w2 ${words(g.dCdW2)}.`;
      lastAt = performance.now();
    };
    clearTimeout(timer);
    const wait = playing ? 2000 - (performance.now() - lastAt) : 0;
    if (wait <= 0) say();
    else timer = setTimeout(say, wait);
  };
}
