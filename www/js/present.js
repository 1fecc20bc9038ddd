// Presentation mode, for a projector: the whole page at 1.5 × (CSS zoom on the body), so the
// back of a room can read it, and the pictures drawn at that scale (pixelRatio) so they stay
// sharp, their lines and ticks growing with everything else. A link carries it (present=1).

/** How much larger the page is in presentation mode. */
export const PRESENT_SCALE = 1.5;

let on = false;
const listeners = new Set();

/** Whether the page is in presentation mode. */
export const presenting = () => on;

/** Backend pixels per CSS pixel for a canvas: the screen's, times the page's zoom. */
export function pixelRatio() {
  return (window.devicePixelRatio || 1) * (on ? PRESENT_SCALE : 1);
}

/** Turns presentation mode on or off (the pictures redraw through onPresent). */
export function setPresent(next) {
  if (next === on) return;
  on = next;
  document.body.classList.toggle("present", on);
  for (const fn of listeners) fn(on);
}

/** Calls fn(on) whenever presentation mode changes. */
export function onPresent(fn) {
  listeners.add(fn);
}
