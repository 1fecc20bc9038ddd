// The size an element was last laid out at, kept by a ResizeObserver: a drawing that runs
// every frame reads it here instead of asking the element (clientWidth after the frame's DOM
// writes makes the browser lay the page out there and then, a forced layout, measured at
// several milliseconds a frame on a phone).

/** Watches `el`: `width`, `height` are its CSS box (0 while it is hidden); `onResize()` runs
 * after each layout that changed them (and once when watching starts). Until the browser has
 * reported, they are read from the element once. */
export function watchSize(el, onResize = () => {}) {
  let width = -1;
  let height = -1;
  const read = () => {
    if (width < 0) {
      width = el.clientWidth;
      height = el.clientHeight;
    }
  };
  new ResizeObserver(([entry]) => {
    const w = Math.round(entry.contentRect.width);
    const h = Math.round(entry.contentRect.height);
    if (w === width && h === height) return;
    width = w;
    height = h;
    onResize();
  }).observe(el);
  return {
    get width() {
      read();
      return width;
    },
    get height() {
      read();
      return height;
    },
  };
}
