// The charts' drawing (and, while playing, the page's numbers), shared out over animation
// frames: each frame draws what was asked for, most important first, and leaves the rest for
// the next frame once it has used its budget. One frame never draws the map, the loss curve
// and both cross-sections at once, so no frame (the first one included) becomes a long task
// on a slow phone; a chart that waited goes first the next time, so none waits for long (while
// the charts draw for the first time, once it has waited two frames: the map's heatmap follows
// its axes).
// While playing, the browser's own work on what changed costs about as much again as drawing
// it, so a frame does one heavy job (the numbers, the heatmap, the loss curve or the
// cross-sections, in turn: each about 15 times a second) and, every other frame, the light
// ones (the map's path and marker: 30 times a second), and playing keeps 60 frames a second.
// While something moves on its own or under a finger (Play, a held pointer), a chart out of
// view waits: it is drawn as it comes near the view (within a quarter screen), or when the
// movement stops. On a phone the charts are mostly out of view while the sliders are dragged
// or Play runs from the bar, and drawing them was most of a slow phone's frame. The numbers'
// panels far from view (or folded away) wait the same way (writeWhenSeen), and catch up
// synchronously as they come near, or in the frame after the movement stops; while Play
// runs they are still written once a second, for screen readers.

/** Milliseconds of drawing per frame before the rest waits (a frame is 16.7 ms at 60 Hz). */
const BUDGET = 8;
let busy = false;
/** Whether this frame does the light drawings (every frame, or every other while busy). */
let lightFrame = true;

/** key -> { draw, priority, light, waited, element, forced }: the drawings asked for and not
 * done yet (`forced`: drawn() asked for it, in view or not). */
const queue = new Map();
/** The drawings that wait, out of view, for the view or for the movement to stop (same shape). */
const parked = new Map();
let scheduled = false;

function schedule() {
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(frame);
  }
}

/** Drops a drawing asked for and not done yet (its work was done another way). */
export function cancelDraw(key) {
  queue.delete(key);
  parked.delete(key);
  later.delete(key);
}

/** Asks for `draw` in a coming frame (once, however often it is asked before then). A lower
 * `priority` goes first: the page's numbers while playing -1, the map 0, the loss curve 1,
 * the cross-sections 2. A `light` drawing is done in every frame it is asked for. `element`,
 * what the drawing paints on, lets it wait while out of view and something moves. */
export function requestDraw(key, draw, priority, light = false, element = null) {
  const entry = queue.get(key) ?? parked.get(key);
  if (entry) entry.draw = draw;
  else queue.set(key, { draw, priority, light, waited: 0, element });
  if (element) {
    drawings.add(element);
    watch(element);
  }
  schedule();
}
/** Asks for `draw` from the next frame on, never in this one (requestDraw from an event
 * handler runs in the coming frame): the end of a movement puts off what cannot be seen, so
 * the frame that shows it carries only what can (see still()). Listed by pendingDraws
 * meanwhile, so whoever waits for the page to settle waits for it too. */
export function requestDrawLater(key, draw, priority) {
  later.set(key, { draw, priority });
  requestAnimationFrame(() => release(key));
}
/** Moves a drawing requestDrawLater holds into the queue, if it still holds it. */
function release(key) {
  const entry = later.get(key);
  if (!entry) return;
  later.delete(key);
  requestDraw(key, entry.draw, entry.priority);
}
/** key -> { draw, priority }: the drawings requestDrawLater holds until the next frame. */
const later = new Map();

/** The elements drawings paint on. While something moves, those far from view are marked
 * `data-far` and the style sheet makes their canvases transparent: the browser hands every
 * canvas it composites to the compositor again at each frame that changes anything on the
 * page, drawn or not (in Chromium, about 0.5 ms a canvas at a frame of a 4x-throttled drag,
 * five canvases), and a transparent one it leaves out. They turn back within a quarter screen
 * of the view, and all of them when the movement stops (a page at rest is whole, for a
 * full-page screenshot too). */
const drawings = new Set();
function markFar() {
  const moving = busy || held;
  for (const element of drawings) element.toggleAttribute("data-far", moving && far.has(element));
}

/** key -> { element, write }: the page's words and numbers that wait, out of view, while
 * something moves (see writeWhenSeen). */
const unwritten = new Map();

/** Writes part of the page now (`write`, synchronously), unless something moves and its
 * `element` is far from view or folded away: then only the latest write for `key` is kept,
 * and it runs, still synchronously, the moment the element comes near (a quarter screen
 * before it can be seen), unfolds or takes the focus, and otherwise in the frame after the
 * movement stops (see still()). Nothing on screen or in focus is ever behind; a table
 * below the fold is not rewritten on every frame of a drag, which on a slow phone was as
 * costly as the rest of the frame. While Play runs it is still written once a second (as the
 * pictures' words are), unless it is folded away: a screen reader in browse mode reads text
 * out of view without moving the focus or the view, and hears one whole moment of the run,
 * at most a second old. */
export function writeWhenSeen(key, element, write) {
  watch(element);
  const isFolded = folded(element);
  const waits = (far.has(element) || isFolded) && !element.contains(document.activeElement)
    && (held || (busy && (isFolded || performance.now() - (lastWritten.get(key) ?? -Infinity) < PLAY_PACE)));
  if (waits) {
    unwritten.set(key, { element, write });
    return;
  }
  writeNow(key, write);
}
/** While Play runs, how often a part of the page out of view is written (ms), and when each
 * key last was. */
const PLAY_PACE = 1000;
const lastWritten = new Map();

/** Whether an element cannot be seen soon: far from view, or inside a closed <details>. */
const unseen = (element) => far.has(element) || folded(element);
/** Whether an element is inside a closed <details>: not rendered, so not read by a screen
 * reader either, and not written at Play's pace (it is written as it unfolds). */
const folded = (element) => element.closest("details:not([open])") !== null;

/** Runs the write for `key` that waits, if one still does. */
function writeWaiting(key) {
  const entry = unwritten.get(key);
  if (entry) writeNow(key, entry.write);
}

/** Writes part of the page now, dropping a write of it that waited (it is older). */
export function writeNow(key, write) {
  unwritten.delete(key);
  lastWritten.set(key, performance.now());
  write();
}

/** Runs the waiting writes `which` picks (all, by default). */
function catchUp(which = () => true) {
  for (const [key, entry] of unwritten) {
    if (!which(entry)) continue;
    writeNow(key, entry.write);
  }
}

/** How near the view counts as near: a quarter screen above or below it. */
const NEAR = 0.25;
/** Elements within NEAR of the view (an element not yet reported counts as near). */
const far = new Set();
let watcher = null;
function watch(element) {
  if (!watcher) followPointers();
  watcher ??= new IntersectionObserver((seen) => {
    for (const e of seen) {
      if (e.isIntersecting) far.delete(e.target);
      else far.add(e.target);
    }
    markFar();
    catchUp((entry) => !unseen(entry.element));
    wake((entry) => !far.has(entry.element));
  }, { rootMargin: `${NEAR * 100}% 0px` });
  if (!watched.has(element)) {
    watched.add(element);
    watcher.observe(element);
  }
}
const watched = new WeakSet();

/** What runs when the movement stops (Play paused, the pointer let go). */
const stillListeners = [];
export function onStill(listener) {
  stillListeners.push(listener);
}
/** The movement stopped. What waited near the view (if anything) is written now; what waited
 * far from view or folded away is written in the next frame, as drawings that go before the
 * charts, and is written at once if it comes near, unfolds or takes the focus first; the far
 * canvases turn opaque and the charts that waited start in the frame after that. So the frame
 * that shows the end of the movement carries only what can be seen: on a 4x-throttled phone
 * the pause of Play, with everything caught up and the charts drawn in it, was one frame of
 * 100 ms or more (docs/performance.md). */
function still() {
  catchUp((entry) => !unseen(entry.element));
  for (const listener of stillListeners) listener();
  settling = true;
  for (const key of unwritten.keys()) requestDrawLater(`written ${key}`, () => writeWaiting(key), -2);
  // The frame after those writes: the charts far from view.
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      settling = false;
      if (busy || held) return;
      markFar();
      wake();
    });
  });
}
/** From the end of a movement until the writes that waited are done: drawings far from view
 * asked for meanwhile wait too (the render that ends a movement asks for every chart). */
let settling = false;

/** Puts back in the queue the parked drawings `which` picks (all, by default). */
function wake(which = () => true) {
  for (const [key, entry] of parked) {
    if (!which(entry)) continue;
    parked.delete(key);
    if (!queue.has(key)) queue.set(key, entry);
  }
  if (queue.size > 0) schedule();
}

/** A pointer held anywhere on the page (a slider's thumb, the map, a drag): a movement.
 * Followed from the first drawing that can wait on (the module also loads in Node's tests). */
let held = false;
function followPointers() {
  addEventListener("pointerdown", () => {
    held = true;
    markFar();
  }, { capture: true, passive: true });
  // A <details> opened: what waited inside it is written before it is painted open. The
  // observer reports its contents only after that frame, so here they are measured (one
  // layout, at a click).
  addEventListener("toggle", (e) => {
    if (!e.target.open) return;
    for (const { element } of unwritten.values()) {
      if (!e.target.contains(element)) continue;
      const { top, bottom } = element.getBoundingClientRect();
      if (bottom >= -innerHeight * NEAR && top <= innerHeight * (1 + NEAR)) far.delete(element);
    }
    catchUp((entry) => e.target.contains(entry.element) && !unseen(entry.element));
  }, { capture: true });
  // Focus moving into a part that waits (Tab to a field far below while Play runs): it is
  // written first, in the capture phase, before the part's own focus handler reads it.
  addEventListener("focus", (e) => {
    if (e.target instanceof Node) catchUp((entry) => entry.element.contains(e.target));
  }, { capture: true });
  for (const type of ["pointerup", "pointercancel"]) {
    // While Play runs on, what waited keeps Play's pace (once a second): only the end of the
    // whole movement catches everything up.
    addEventListener(type, () => {
      held = false;
      if (!busy) still();
    }, { capture: true, passive: true });
  }
}

/** Whether a drawing waits this frame: something moves and its element is out of view. */
const waits = (entry) => (busy || held || settling) && !entry.forced && entry.element !== null && far.has(entry.element);

/** The drawings asked for and not done yet, by key, waiting out of view or not (for tests and
 * the console). */
export function pendingDraws() {
  return [...queue.keys(), ...parked.keys(), ...later.keys(), ...unwritten.keys()];
}

/** Resolves once nothing is waiting to be drawn, out of view or not (the page is ready when
 * its charts are). */
export function drawn() {
  for (const key of [...later.keys()]) release(key);
  for (const entry of [...parked.values(), ...queue.values()]) entry.forced = true;
  markFar();
  catchUp();
  wake();
  return queue.size === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
}
const idle = [];

/** While busy (playing), one heavy drawing a frame; else as many as fit in BUDGET ms. */
export function setBusy(playing) {
  const was = busy;
  busy = playing;
  if (busy !== was) markFar();
  if (was && !busy && !held) still();
}

/** Whether a frame does one heavy drawing at most, as while playing. */
let oneAtATime = false;

/** main.js sets it while the charts draw for the first time: each drawing then also compiles
 * its share of the core (the browser compiles a wasm function on its first call) and hands
 * the browser a canvas it has not taken in before, several times the drawing's own time,
 * which BUDGET does not see. */
export function drawOneAtATime(on) {
  oneAtATime = on;
}

/** Whether the page is playing (as last told by setBusy). */
export function isBusy() {
  return busy;
}

/** Whether something moves: the page plays, or a pointer is held on it. */
export function isMoving() {
  return busy || held;
}

/** While busy, a heavy drawing runs at most every HEAVY_EVERY frames (15 times a second at
 * 60 Hz), however few others wait: out-of-view charts waiting must not make the rest of the
 * frames heavier. `count` numbers the frames, `lastHeavy` has each key's last. */
const HEAVY_EVERY = 4;
let count = 0;
const lastHeavy = new Map();

function frame() {
  scheduled = false;
  count += 1;
  const start = performance.now();
  // A drawing that waited goes first; while the charts draw for the first time, once it has
  // waited two frames (the map, the largest picture, draws its heatmap right after its axes).
  const urgency = (e) => (oneAtATime ? Math.max(0, e.waited - 1) : e.waited);
  const order = [...queue.entries()].sort(([, a], [, b]) => b.light - a.light || urgency(b) - urgency(a) || a.priority - b.priority);
  let ran = 0;
  let heavy = 0;
  // While busy the light drawings skip every other frame, so that one frame in two commits
  // a single changed canvas (the browser copies each changed canvas whole: most of a frame's
  // cost here).
  lightFrame = !busy || !lightFrame;
  for (const [key, entry] of order) {
    if (waits(entry)) {
      queue.delete(key);
      parked.set(key, entry);
      continue;
    }
    if (entry.light && !lightFrame) continue;
    if (!entry.light) {
      const room = busy || oneAtATime ? heavy === 0 && (!busy || count - (lastHeavy.get(key) ?? -HEAVY_EVERY) >= HEAVY_EVERY) : ran === 0 || performance.now() - start <= BUDGET;
      if (!room) {
        entry.waited += 1;
        continue;
      }
      heavy += 1;
      lastHeavy.set(key, count);
    }
    ran += 1;
    queue.delete(key);
    // One drawing that fails must not stop the others, nor leave the page never idle: it is
    // reported (the page's error list, the console) and the frame goes on.
    try {
      entry.draw();
    } catch (e) {
      console.error(`drawing ${key} failed:`, e);
    }
  }
  if (queue.size > 0 && !scheduled) {
    scheduled = true;
    requestAnimationFrame(frame);
  }
  if (queue.size === 0) for (const resolve of idle.splice(0)) resolve();
}
