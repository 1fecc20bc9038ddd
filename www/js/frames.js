// The charts' drawing, shared out over animation frames: each frame draws what was asked for,
// most important first, and leaves the rest for the next frame once it has used its budget.
// One frame never draws the map, the loss curve and both cross-sections at once, so no frame
// (the first one included) becomes a long task on a slow phone, and playing stays smooth; a
// chart that waited goes first the next time, so none waits for long.

/** Milliseconds of drawing per frame before the rest waits (a frame is 16.7 ms at 60 Hz). */
const BUDGET = 8;

/** key -> { draw, priority, waited }: the drawings asked for and not done yet. */
const queue = new Map();
let scheduled = false;

/** Asks for `draw` in a coming frame (once, however often it is asked before then). A lower
 * `priority` goes first: the map 0, the loss curve 1, the cross-sections 2. */
export function requestDraw(key, draw, priority) {
  const entry = queue.get(key);
  if (entry) entry.draw = draw;
  else queue.set(key, { draw, priority, waited: 0 });
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(frame);
  }
}

function frame() {
  scheduled = false;
  const start = performance.now();
  const order = [...queue.entries()].sort(([, a], [, b]) => b.waited - a.waited || a.priority - b.priority);
  let first = true;
  for (const [key, entry] of order) {
    if (!first && performance.now() - start > BUDGET) {
      entry.waited += 1;
      continue;
    }
    first = false;
    queue.delete(key);
    entry.draw();
  }
  if (queue.size > 0 && !scheduled) {
    scheduled = true;
    requestAnimationFrame(frame);
  }
}
