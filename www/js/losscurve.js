// The loss curve, drawn by plotters in the whole core onto a canvas, with a hover read-out of
// iteration and cost. Redraws at most once per frame.

import { watchSize } from "./boxes.js";
import { requestDraw } from "./frames.js";
import { formatNumber } from "./format.js";
import { dark } from "./theme.js";
import { onPresent, pixelRatio } from "./present.js";

export function createLossCurve({ canvas, readout, logBox }, lab) {
  let geometry = null;
  /** The iteration the curve was last drawn at (a test waits for the redraw it needs). */
  let drawnAt = -1;
  let hover = null; // { iteration, cost }
  let queued = false;
  const box = watchSize(canvas, request);

  function size() {
    const dpr = pixelRatio();
    const w = Math.max(200, Math.round(box.width * dpr));
    const h = Math.max(100, Math.round(box.height * dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    return dpr;
  }

  function draw() {
    queued = false;
    const charts = lab.charts;
    if (!charts) return; // drawn when the whole core arrives
    const scale = size();
    try {
      drawnAt = lab.snapshot.iteration;
      geometry = charts.drawLossCurve(canvas, lab.session, {
        logY: logBox.checked,
        dark: dark.matches,
        pixelRatio: scale,
        highlight: hover ? hover.iteration : undefined,
      });
    } catch (e) {
      readout.textContent = `(could not draw: ${e.message})`;
    }
  }

  function request() {
    if (!queued) {
      queued = true;
      requestDraw("loss", draw, 1, false, canvas);
    }
  }

  /** The history point nearest to a pointer at client x, or null off the plot. */
  function pointAt(clientX) {
    if (!geometry) return null;
    const rect = canvas.getBoundingClientRect();
    const px = ((clientX - rect.left) / rect.width) * canvas.width;
    const g = geometry;
    if (px < g.plotLeft - 4 || px > g.plotRight + 4) return null;
    const f = Math.min(1, Math.max(0, (px - g.plotLeft) / (g.plotRight - g.plotLeft)));
    const target = g.xMin + f * (g.xMax - g.xMin);
    const h = lab.history();
    const n = h.length / 6;
    if (n === 0) return null;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h[mid * 6] < target) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && Math.abs(h[(lo - 1) * 6] - target) < Math.abs(h[lo * 6] - target)) lo -= 1;
    return { iteration: h[lo * 6], cost: h[lo * 6 + 5] };
  }

  function showReadout() {
    readout.textContent = hover ? `iteration ${hover.iteration}: cost ${formatNumber(hover.cost)}` : "";
  }

  canvas.addEventListener("pointermove", (e) => {
    hover = pointAt(e.clientX);
    showReadout();
    request();
  });
  canvas.addEventListener("pointerleave", () => {
    hover = null;
    showReadout();
    request();
  });
  logBox.addEventListener("change", request);
  dark.addEventListener("change", request);
  onPresent(request);

  return {
    update: request,
    /** Whether the cost axis is logarithmic. */
    get log() {
      return logBox.checked;
    },
    /** A log cost axis (a link's view), as the box does. */
    setLog(on) {
      logBox.checked = on;
      request();
    },
    get drawnAt() {
      return drawnAt;
    },
    get geometry() {
      return geometry;
    },
  };
}
