// A page laid out cold (a share link's first look: no pre-rendered copy was on screen) is
// shown over two frames, the first screen then the rest (style.css, .first-frame): its first
// layout, every font looked up for the first time, is otherwise one long task on a slow phone.
// Nothing moves: what comes second is below the network or, wide, beside and under it.

let whole = Promise.resolve();

/** Shows the page's first screen in the coming frame and the rest in the one after. */
export function showInTwoFrames() {
  const root = document.documentElement;
  root.classList.add("first-frame");
  whole = new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    root.classList.remove("first-frame");
    resolve();
  })));
}

/** Resolves once the whole page is shown: what measures or scrolls to its parts waits for it. */
export function pageWhole() {
  return whole;
}
