// The Export menu: the surface as PNG, the diagram as SVG, the trajectory as CSV, the state as
// JSON, and loading a saved state back (through the share link, so it opens as a link does).

/**
 * els: { exportMenu, buttons: { png, svg, csv, json }, fileInput, canvases: { base, overlay,
 * three } }; share: the link (apply, linkText, current); messages: say, showNotice.
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

