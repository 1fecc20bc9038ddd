// The "Start here" box: three first moves, shown until the learner puts it away.

/** The first visit's hint; "Got it" (or any step) puts it away for good on this browser, and
 * focus goes on to `next`, the first move it suggests. */
export function showStartHere(box, close, next) {
  const KEY = "backprop-lab.start-here-seen";
  let seen = false;
  try {
    seen = localStorage.getItem(KEY) === "1";
  } catch {
    // Storage may be off (private mode, a sandboxed iframe): show the hint each visit.
  }
  box.hidden = seen;
  close.addEventListener("click", () => {
    box.hidden = true;
    try {
      localStorage.setItem(KEY, "1");
    } catch {
      // as above
    }
    next.focus();
  });
}
