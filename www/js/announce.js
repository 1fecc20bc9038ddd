// What a screen reader hears after each change: the moment in words, from the core's view (so
// a cost and a gradient spoken together are of the same moment, and a number not computed
// yet is not spoken). Throttled while playing.

/** How often, at most, the region speaks while playing (ms). */
const PLAYING_GAP = 2000;

/** The view of a moment as one short message. */
export function message(numbers) {
  const e = numbers.entries;
  const say = (k) => e[k].spoken;
  const n = numbers.points;
  const mean = n === 1 ? "" : `mean over ${n} points, `;
  const gradients = `${n === 1 ? "Gradient" : "Mean gradient"} of w1 ${say("mean.dCdW1")}, of w2 ${say("mean.dCdW2")}.`;
  switch (numbers.phase) {
    case "forward":
      return `Iteration ${numbers.iteration}, forward pass done. y-hat ${say("yHat")}${n === 1 ? "" : ` for point ${numbers.chosen + 1}`}; cost, ${mean}${say("mean.cost")}. The gradients come with the backward pass.`;
    case "backward":
      return `Backward pass done. delta2 ${say("delta2")}, delta1 ${say("delta1")}${n === 1 ? "" : ` for point ${numbers.chosen + 1}`}. ${gradients}`;
    case "update":
      return `Update done, now iteration ${numbers.iteration}. w1 ${say("now.w1")}, was ${say("w1")}; w2 ${say("now.w2")}, was ${say("w2")}. Cost, ${mean}${say("now.cost")}, was ${say("mean.cost")}.`;
    default:
      return `Iteration ${numbers.iteration}, phase ready. Cost, ${mean}${say("mean.cost")}. ${gradients}`;
  }
}

/** How long a weight must rest before a drag's or a key's new value is spoken (ms). */
const SETTLE = 400;

/** A polite live region: after each change, the moment in words; at most one message every
 * PLAYING_GAP ms while playing (the latest moment, when it speaks); a weight being dragged is
 * spoken once it rests (`settling`), not at every step of the drag. */
export function createAnnouncer(region) {
  let lastAt = 0;
  let timer = 0;
  let latest = null;
  return (numbers, { playing = false, settling = false } = {}) => {
    latest = numbers;
    const say = () => {
      region.textContent = message(latest);
      lastAt = performance.now();
    };
    clearTimeout(timer);
    const wait = settling ? SETTLE : playing ? PLAYING_GAP - (performance.now() - lastAt) : 0;
    if (wait <= 0) say();
    else timer = setTimeout(say, wait);
  };
}
