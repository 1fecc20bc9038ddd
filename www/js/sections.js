// The two cross-sections: C along w1 (w2 held) and along w2 (w1 held), each with the tangent
// whose slope is the back-propagated gradient. Ranges follow the map's.

export function createSections({ w1, w2 }, core, lab, rangeOf) {
  const dark = matchMedia("(prefers-color-scheme: dark)");
  const canvases = { w1, w2 };
  const geometry = { w1: null, w2: null };
  let queued = false;

  function draw() {
    queued = false;
    const dpr = window.devicePixelRatio || 1;
    const r = rangeOf();
    for (const [axis, canvas] of Object.entries(canvases)) {
      if (canvas.clientWidth === 0) continue;
      const w = Math.round(canvas.clientWidth * dpr);
      const h = Math.round(canvas.clientHeight * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      const range = axis === "w1" ? [r.w1Min, r.w1Max] : [r.w2Min, r.w2Max];
      try {
        geometry[axis] = core.drawSection(canvas, lab.trainer, axis, { range, dark: dark.matches, pixelRatio: dpr });
      } catch (e) {
        canvas.setAttribute("aria-label", `Could not draw: ${e.message}`);
      }
    }
  }

  const request = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(draw);
    }
  };
  dark.addEventListener("change", request);
  for (const c of Object.values(canvases)) new ResizeObserver(request).observe(c);
  return { update: request, drawNow: draw, geometry };
}
