// Each picture in words, for a learner who cannot see it: the core writes what the loss
// curve, the slope plots and the map show (describePictures, src/pictures.rs) from the same
// session they are drawn from; this module puts it into the canvases' text alternatives (not
// live regions: a screen reader reads them when the learner gets there, so playing is not
// narrated frame by frame) and, while one is open, into the tables behind them.

import { cancelDraw, isMoving, onStill, requestDraw, requestDrawLater } from "./frames.js";
import { put, putAttr } from "./dom.js";

/** How often the words may be rewritten while the run moves (Play, a held pointer), in ms. */
const PACE_MS = 1000;
/** The words' turn among the frames' drawings: after the charts (the map's 0, the loss
 * curve's 1, the cross-sections' 2); at the end of a movement, with the parts that waited. */
const TURN = 3;
const TURN_AT_STILL = -2;

/** The 3D view's own words, before what it shows (the map's description). */
const ROTATE = "The cost surface in 3D. Drag to rotate, or use the arrow keys or the turn buttons.";

/**
 * els: { loss, w1, w2 (role="img" canvases), mapDesc (the map's description), map3d,
 * tables: [<table data-picture="loss" | "w1" | "w2" | "map">] }; rangeOf() the map's range.
 */
export function createPictures({ loss, w1, w2, mapDesc, map3d, tables }, lab, rangeOf) {
  let said = null;

  function fill(table) {
    const picture = said?.[table.dataset.picture];
    if (!picture) return;
    const row = (cells, tag) => {
      const tr = document.createElement("tr");
      for (const text of cells) tr.append(Object.assign(document.createElement(tag), { textContent: text, scope: tag === "th" ? "col" : "" }));
      return tr;
    };
    table.tHead.replaceChildren(row(picture.head, "th"));
    table.tBodies[0].replaceChildren(...picture.rows.map((r) => row(r, "td")));
  }

  function describe() {
    if (!lab.charts) return; // the words come with the pictures, once the whole core is in
    said = lab.charts.describePictures(lab.session, rangeOf());
    putAttr(loss, "aria-label", said.loss.said);
    putAttr(w1, "aria-label", said.w1.said);
    putAttr(w2, "aria-label", said.w2.said);
    put(mapDesc, "textContent", said.map.said);
    putAttr(map3d, "aria-label", ROTATE);
    for (const table of tables) if (table.closest("details").open) fill(table);
  }

  for (const table of tables) table.closest("details").addEventListener("toggle", () => describe());
  // At most once a second (and once more after the last change): read on request, the words
  // need not follow every frame of Play, and a frame's drawing budget goes to the pictures.
  let last = -Infinity;
  let timer = 0;
  let asked = false; // a drawing turn asked for and not yet had
  const write = () => {
    asked = false;
    last = performance.now();
    describe();
  };
  const ask = () => {
    asked = true;
    requestDraw("pictures", () => asked && write(), TURN);
  };
  // The movement stopped: words that waited for their turn, or for its timer, are written in
  // the next frame, with the parts far from view that waited. They are not on screen, and on
  // a 4x-throttled phone they were 6.6 ms of the frame that shows the pause; a picture that
  // has the focus has them at once.
  const pictures = [loss, w1, w2, mapDesc, map3d];
  onStill(() => {
    if (!timer && !asked) return;
    clearTimeout(timer);
    timer = 0;
    cancelDraw("pictures");
    if (pictures.includes(document.activeElement)) return write();
    asked = true;
    requestDrawLater("pictures", () => asked && write(), TURN_AT_STILL);
  });
  return {
    /** Rewrites the words now, as the rest of the page (they never quote a number the page no
     * longer shows: a step to the forward phase takes the gradients out of them at once); while
     * the run moves, at most once a second, and once more after the last change, unless the
     * phase changed (`now`). */
    update(now = false) {
      clearTimeout(timer);
      timer = 0;
      if (now || !isMoving()) {
        write();
        return;
      }
      const wait = last + PACE_MS - performance.now();
      if (wait <= 0) ask();
      else timer = setTimeout(() => {
        timer = 0;
        ask();
      }, wait);
    },
  };
}
