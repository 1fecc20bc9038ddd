// The Export menu: slides of what is on screen (the cost map, the diagram, both, the loss
// curve, the chain rule) as SVG or PNG, drawn by the core as the figure command draws them;
// the chain rule as LaTeX or Markdown; the surface and the diagram as on screen; the
// trajectory as CSV, the state as JSON, and loading a saved state back (through the share
// link, so it opens as a link does).

/**
 * els: { exportMenu, buttons: { png, svg, csv, json, slidePng, slideSvg, latex, markdown },
 * kind, scale (the slide's picture and PNG scale selects), fileInput, canvases: { base,
 * overlay, three } }; share: the link (apply, linkText, current); messages: say, showNotice.
 */
export function createExports(els, core, { lab, surface }, share, messages) {
  const { exportMenu, buttons, fileInput } = els;
  const download = (name, blob) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    messages.say(`Saved ${name}`);
    exportMenu.open = false;
  };
  // The slides are drawn by the whole core (it has the drawings); the first part has not.
  const ready = (what) => {
    if (typeof lab.session.figureSvg === "function") return true;
    messages.say(`${what} comes with the drawings, which are still loading: try again in a moment`);
    return false;
  };
  // What is on screen now (the map's range and colours, the loss curve's scale) written into
  // the session first: the address bar's copy of it follows a moment later.
  const slide = () => {
    share.current();
    return lab.session.figureSvg(els.kind.value, { scale: Number(els.scale.value) });
  };
  const slideName = (kind, ext) => `backprop-lab-${kind}-it${lab.snapshot.iteration}.${ext}`;
  buttons.slideSvg.addEventListener("click", () => {
    if (!ready("The slide")) return;
    const { svg, kind } = slide();
    download(slideName(kind, "svg"), new Blob([svg], { type: "image/svg+xml" }));
  });
  buttons.slidePng.addEventListener("click", async () => {
    if (!ready("The slide")) return;
    const { svg, width, height, kind } = slide();
    const scale = Number(els.scale.value);
    try {
      download(slideName(kind, "png"), await rasterise(svg, width, height, scale));
    } catch (e) {
      messages.showNotice(`The PNG could not be made here (${e.message}); the SVG has the same slide.`, [], true);
    }
  });
  const chainText = (format, ext, type) => {
    if (!ready("The chain rule")) return;
    share.current();
    download(`backprop-lab-chain-rule-it${lab.snapshot.iteration}.${ext}`, new Blob([lab.session.chainRule(format)], { type }));
  };
  buttons.latex.addEventListener("click", () => chainText("latex", "tex", "text/x-tex"));
  buttons.markdown.addEventListener("click", () => chainText("markdown", "md", "text/markdown"));
  buttons.png.addEventListener("click", () => {
    surface.drawNow();
    const layers = surface.mode === "map" ? [els.canvases.base, els.canvases.overlay] : [els.canvases.three];
    const out = document.createElement("canvas");
    out.width = layers[0].width;
    out.height = layers[0].height;
    const ctx = out.getContext("2d");
    for (const c of layers) ctx.drawImage(c, 0, 0);
    out.toBlob((blob) => download("backprop-lab-surface.png", blob), "image/png");
  });
  buttons.svg.addEventListener("click", () => {
    download("backprop-lab-network.svg", new Blob([standaloneSvg(document.querySelector("#diagram svg"))], { type: "image/svg+xml" }));
  });
  buttons.csv.addEventListener("click", () => {
    download("backprop-lab-trajectory.csv", new Blob([lab.session.trajectoryCsv()], { type: "text/csv" }));
  });
  buttons.json.addEventListener("click", () => {
    const doc = { format: "backprop-lab-state", link: share.linkText(), state: share.current() };
    download("backprop-lab-state.json", new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
  });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    let doc = null;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      doc = null;
    }
    if (!doc || typeof doc.link !== "string") {
      messages.showNotice("This file is not a Backprop Lab state (expected a JSON file saved by Export › State).", [], true);
      messages.say("Could not load that file");
      return;
    }
    const { state, ignored } = core.decodeLink(doc.link);
    messages.showNotice("Some parts of the file could not be used and were replaced by defaults:", ignored);
    await share.apply(state);
    messages.say(`Loaded ${file.name}`);
    exportMenu.open = false;
  });
}

/**
 * A slide's SVG as a PNG at `scale` pixels per unit: the browser draws the SVG on a canvas,
 * so the PNG is exactly the SVG's picture (the core makes the SVG only; src/web/figure.rs
 * says why). The SVG's heatmap was made at this scale, so it is not blurred.
 */
async function rasterise(svg, width, height, scale) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the canvas gave no PNG"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The diagram as a standalone SVG file: computed colours and fonts written inline. */
function standaloneSvg(svg) {
  const copy = svg.cloneNode(true);
  // Presentation attributes rather than a style attribute: the file must not depend on the
  // page's stylesheet, and the page's CSP allows no inline styles.
  const walk = (src, dst) => {
    const cs = getComputedStyle(src);
    for (const k of ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-size", "font-weight", "font-family", "text-decoration"]) {
      const v = cs.getPropertyValue(k);
      if (v) dst.setAttribute(k, v);
    }
    [...src.children].forEach((c, i) => walk(c, dst.children[i]));
  };
  walk(svg, copy);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const bg = getComputedStyle(document.body).getPropertyValue("background-color");
  const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  const vb = svg.viewBox.baseVal;
  for (const [k, v] of Object.entries({ x: vb.x, y: vb.y, width: vb.width, height: vb.height, fill: bg })) rect.setAttribute(k, String(v));
  copy.insertBefore(rect, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

