// What a screen reader hears after each change: the moment in words, from the core's view (so
// a cost and a gradient spoken together are of the same moment, and a number not computed
// yet is not spoken), briefly: a weight set by hand says the weight and the new cost; playing
// speaks at most once a second, and pausing gives a summary. The clock and timers can be
// given (tests pin the rate without waiting).

/** How often, at most, the region speaks while playing (ms). */
export const PLAYING_GAP = 1000;
/** How long a weight must rest before a drag's or a key's new value is spoken (ms). */
export const SETTLE = 400;

const WEIGHTS = ["w1", "b1", "w2", "b2"];

/** The view of a moment as one short message; `before`, the moment spoken last, makes a weight
 * set by hand brief ("w2 minus 1.250. Cost, mean over 3 points, 0.06583."). */
export function message(numbers, before = null) {
  const e = numbers.entries;
  const say = (k) => e[k].spoken;
  const n = numbers.points;
  const mean = n === 1 ? "" : `mean over ${n} points, `;
  const gradients = `${n === 1 ? "Gradient" : "Mean gradient"} of w1 ${say("mean.dCdW1")}, of w2 ${say("mean.dCdW2")}.`;
  const moved = before && numbers.phase === "ready" && numbers.iteration === 0 && before.points === n
    ? WEIGHTS.filter((k) => before.entries[`now.${k}`]?.spoken !== e[`now.${k}`].spoken)
    : [];
  if (moved.length > 0 && moved.length < 4) {
    return `${moved.map((k) => `${k} ${say(`now.${k}`)}`).join(", ")}. Cost, ${mean}${say("now.cost")}. ${gradients}`;
  }
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

/** What pausing says: where training stopped and how far the cost came since Play. */
export function pauseSummary(numbers, fromIteration, fromCost) {
  const e = numbers.entries;
  const mean = numbers.points === 1 ? "" : `mean over ${numbers.points} points, `;
  const ran = numbers.iteration - fromIteration;
  return `Paused at iteration ${numbers.iteration}, after ${ran} iteration${ran === 1 ? "" : "s"}. Cost, ${mean}${e["now.cost"].spoken}, from ${fromCost} when Play was pressed.`;
}

/**
 * A polite live region, written from the view of each change (`announce(numbers, { playing,
 * settling })`): at once when the learner acts; once a weight has rested SETTLE ms while it
 * is dragged or keyed (`settling`); at most every PLAYING_GAP ms while playing (the latest
 * moment); and a summary when playing stops.
 */
export function createAnnouncer(region, { now = () => performance.now(), later = (f, ms) => setTimeout(f, ms), cancel = (t) => clearTimeout(t) } = {}) {
  let lastAt = -Infinity;
  let timer = null;
  let latest = null;
  let spoken = null; // the moment spoken last
  let play = null; // { iteration, cost } when Play was pressed
  const write = (text) => {
    // The same words again (a speed change, a redraw) are not spoken twice.
    if (region.textContent === text) return;
    region.textContent = text;
    lastAt = now();
  };
  const say = () => {
    timer = null;
    write(message(latest, spoken));
    spoken = latest;
  };
  return (numbers, { playing = false, settling = false } = {}) => {
    latest = numbers;
    if (timer !== null) cancel(timer);
    timer = null;
    if (playing && !play) play = { iteration: numbers.iteration, cost: numbers.entries["now.cost"].spoken };
    if (!playing && play) {
      const from = play;
      play = null;
      write(pauseSummary(numbers, from.iteration, from.cost));
      spoken = numbers;
      return;
    }
    const wait = settling ? SETTLE : playing ? PLAYING_GAP - (now() - lastAt) : 0;
    if (wait <= 0) say();
    else timer = later(say, wait);
  };
}
