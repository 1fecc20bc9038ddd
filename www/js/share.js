// The share link and exports. Everything that defines what the user sees is written into the
// URL (replaceState, throttled: no history entries), a link reopens the demo exactly (the
// core replays the iterations deterministically), and a hand-edited or hostile link opens with
// its bad parts replaced by defaults and listed in a notice, as text only.


const URL_DELAY = 300;

/** Replays up to this many iterations (times the runs racing) at once, about 0.2 s; longer
 * ones run in slices between frames, so the page stays alive and shows how far it is. */
const SYNC_WORK = 100000;
/** Milliseconds of replay per frame. */
const SLICE_MS = 30;

export function createShare(els, core, app) {
  const { copyButton, status, notice, noticeTitle, noticeList, noticeClose, exportMenu, buttons, fileInput } = els;
  const { lab, surface, loss, player } = app;
  let teacher = { hide: [], embed: false };
  let timer = 0;
  let statusTimer = 0;
  /** A long replay in progress: its generation (a newer one, or anyone touching the run,
   * stops it), 0 when none. The address bar waits until it is done. */
  let replaying = 0;
  let generation = 0;

  /** How the session is shown, as the core's Screen: the parts of a link that live in the
   * page's controls rather than in the run. */
  function screen() {
    const a = surface.angles;
    return {
      view: { mode: surface.mode, yaw: a.yaw, pitch: a.pitch, ...surface.range, logColor: surface.logColor, logLoss: loss.log, colorScale: surface.colorScale },
      speed: player.level,
      hide: teacher.hide,
      embed: teacher.embed,
      quiz: app.quiz?.seed ?? null,
      lesson: app.lesson?.step ?? null,
    };
  }

  /** The state on screen, as the codec's State (written by the core's session). */
  const current = () => lab.stateFor(screen());
  const linkText = () => lab.linkFor(screen());
  const fullLink = () => here(linkText());

  /** The page at `link` (a query string), as an absolute address. */
  const here = (link) => `${location.origin}${location.pathname}?${link}`;
  /** The same state as a whole page (an embed's way out) or as an embed. */
  const asPage = (embed) => here(lab.linkFor({ ...screen(), embed }));

  /** Puts the state into the address bar (and the embed's "Open the full lab"), at most
   * every URL_DELAY ms. */
  function schedule() {
    if (replaying) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (teacher.embed) els.fullLab.href = asPage(false);
      try {
        history.replaceState(history.state, "", `?${linkText()}${location.hash}`);
      } catch {
        // A sandboxed iframe may refuse; the Copy link button still works.
      }
    }, URL_DELAY);
  }

  /** Replays n iterations from the start, as a link asks: at once when short, else in slices
   * of SLICE_MS between frames with progress in the status line. Stops if the run is touched
   * (Play, a step, Reset, a slider: the iteration count or start is then not what the replay
   * left) or another replay starts. */
  async function replayTo(n) {
    replaying = 0;
    if (n * (1 + lab.race.length) <= SYNC_WORK) {
      if (n > 0) lab.replay(n);
      return;
    }
    const gen = ++generation;
    replaying = gen;
    clearTimeout(statusTimer);
    lab.reset();
    const start = JSON.stringify(lab.snapshot.start);
    let done = 0;
    let slice = 2000;
    while (done < n && replaying === gen) {
      const t0 = performance.now();
      const ran = lab.advance(Math.min(slice, n - done), "continue");
      done += ran;
      if (ran < Math.min(slice, n - done + ran)) break; // a step would overflow: as far as it goes
      const took = performance.now() - t0;
      slice = Math.max(100, Math.min(200000, Math.round(slice * (took > 0 ? SLICE_MS / took : 2))));
      status.textContent = `Replaying the link: ${done.toLocaleString("en")} of ${n.toLocaleString("en")} iterations…`;
      await new Promise(requestAnimationFrame);
      if (lab.snapshot.iteration !== done || JSON.stringify(lab.snapshot.start) !== start) break;
    }
    if (replaying === gen) {
      replaying = 0;
      status.textContent = "";
      schedule();
    }
  }

  /** Opens a decoded state: settings, start weights, view, teacher options, then the
   * replayed iterations. Resolves when the replay is done (at once unless it is long). */
  async function apply(state) {
    try {
      lab.open(state);
    } catch (e) {
      // Each part was checked by the codec; a combination it let through is refused whole.
      showNotice("This link could not be opened; the defaults are shown instead:", [{ key: "link", reason: e.message }]);
      state = core.defaults().state;
      lab.open(state);
    }
    const v = state.view;
    surface.setLogColor(v.logColor);
    loss.setLog(v.logLoss);
    surface.setRange({ w1Min: v.w1Min, w1Max: v.w1Max, w2Min: v.w2Min, w2Max: v.w2Max });
    surface.setAngles(v.yaw, v.pitch);
    surface.setMode(v.mode);
    surface.setColorScale(v.colorScale ?? null);
    player.setLevel(state.speed);
    teacher = { hide: state.hide, embed: state.embed };
    showTeacher();
    // A quiz link opens its exercise (the session starts it from the seed, answers hidden
    // again: a shared quiz never comes with them); the iterations replay from its start.
    await replayTo(state.iterations);
    if (state.lesson) await app.lesson?.open(state.lesson);
  }

  /** Lists what was ignored; with no items, shows the title alone only if `always`. */
  function showNotice(title, items, always = false) {
    noticeTitle.textContent = title;
    if (!items.length && !always) {
      notice.hidden = true;
      return;
    }
    // Text only: nothing from a link ever becomes markup.
    noticeList.replaceChildren(...items.map((i) => {
      const li = document.createElement("li");
      li.textContent = `${i.key}: ${i.reason}`;
      return li;
    }));
    notice.hidden = false;
  }
  noticeClose.addEventListener("click", () => (notice.hidden = true));

  function say(text) {
    status.textContent = text;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => (status.textContent = ""), 3000);
  }

  /** Puts a link on the clipboard (or, where there is none, shows it to copy by hand). */
  async function copy(link, what) {
    try {
      await navigator.clipboard.writeText(link);
      say(`${what} copied ✓`);
    } catch {
      // No clipboard (insecure context, denied): show the link selected, to copy by hand.
      window.prompt(`Copy this ${what.toLowerCase()}:`, link);
      say(`${what} shown to copy`);
    }
  }

  copyButton.addEventListener("click", () => {
    history.replaceState(history.state, "", `?${linkText()}${location.hash}`);
    return copy(fullLink(), "Link");
  });

  /** The link for a class: what is on screen, with the teacher's hidden controls and the
   * teacher's tools hidden (the core's limits().teacherTools). */
  const studentHide = () => [...new Set([...teacher.hide, ...teacherTools])];
  const studentLink = () => here(lab.linkFor({ ...screen(), hide: studentHide() }));
  els.studentButton.addEventListener("click", () => copy(studentLink(), "Student link"));

  /** An iframe for a course page: what is on screen, in embed mode, as a student link hides
   * (its own "Open the full lab" link leads out), sized for the lab's two columns, loaded when
   * scrolled to. */
  const embedCode = () => `<iframe src="${here(lab.linkFor({ ...screen(), embed: true, hide: studentHide() })).replaceAll("&", "&amp;")}" title="Backprop Lab: back-propagation on a two-node network" width="100%" height="760" loading="lazy" style="border: 0; max-width: 1280px;"></iframe>`;
  els.embedButton.addEventListener("click", () => copy(embedCode(), "Embed code"));

  // Exports
  const download = (name, blob) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    say(`Saved ${name}`);
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
    const doc = { format: "backprop-lab-state", link: linkText(), state: current() };
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
      showNotice("This file is not a Backprop Lab state (expected a JSON file saved by Export › State).", [], true);
      say("Could not load that file");
      return;
    }
    const { state, ignored } = core.decodeLink(doc.link);
    showNotice("Some parts of the file could not be used and were replaced by defaults:", ignored);
    await apply(state);
    say(`Loaded ${file.name}`);
    exportMenu.open = false;
  });

  // Teacher options: a checkbox per control that can be hidden, and embed mode.
  /** How each control a teacher may hide is named in the menu; which ones there are is the
   * core's (limits().hideable), as a link checks them. */
  const NAMES = { play: "Play", step: "Step buttons", reset: "Reset", speed: "Speed", cost: "Cost picker", lr: "Learning rate", optimizer: "Optimizer", race: "Optimizer race", activations: "Activation pickers", weights: "Weight sliders", inputs: "x and y sliders", data: "Training data", view: "Surface view tools", check: "Gradient check", loss: "Loss curve" };
  const boxes = {};
  const { hideable: all, teacherTools } = core.limits();
  // The teacher's own tools are not offered here: a student link hides them (below).
  const hideable = all.filter((n) => !teacherTools.includes(n));
  for (const name of hideable) {
    const label = NAMES[name] ?? name;
    const l = document.createElement("label");
    l.className = "check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.dataset.hide = name;
    box.addEventListener("change", () => setTeacher({ hide: hideable.filter((n) => boxes[n].checked) }));
    l.append(box, ` Hide ${label.toLowerCase()}`);
    els.teacherOptions.append(l);
    boxes[name] = box;
  }
  els.embedBox.addEventListener("change", () => setTeacher({ embed: els.embedBox.checked }));
  // The teachers' scenes are the core's (each held to its claim by its tests); the teacher's
  // hidden controls are kept when one opens, and it says what it shows.
  // The page as it first opens (Reset only goes back to the last weights set by hand).
  const home = document.createElement("button");
  home.type = "button";
  home.textContent = "Back to the defaults";
  home.title = "The page as it first opens: the default weights, data, cost, learning rate and view";
  home.addEventListener("click", async () => {
    player.pause();
    await apply({ ...core.defaults().state, hide: teacher.hide, embed: teacher.embed });
    els.teacherPresets.closest("details").open = false;
    say("Back to the defaults");
  });
  els.teacherPresets.append(home);
  for (const { label, why, link } of core.scenes()) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = why;
    b.addEventListener("click", async () => {
      player.pause();
      const { state } = core.decodeLink(link);
      await apply({ ...state, hide: teacher.hide, embed: teacher.embed });
      els.teacherPresets.closest("details").open = false;
      say(`Opened: ${label}`);
      // What the scene shows stays on screen until the teacher puts it away.
      showNotice(`${label}. ${why}`, [], true);
    });
    els.teacherPresets.append(b);
  }
  function setTeacher(patch) {
    teacher = { ...teacher, ...patch };
    showTeacher();
    schedule();
  }
  function showTeacher() {
    for (const el of document.querySelectorAll("[data-control]")) el.hidden = teacher.hide.includes(el.dataset.control);
    // What a hidden control set is still shown, read-only (the class should see η).
    for (const el of document.querySelectorAll("[data-when-hidden]")) el.hidden = !teacher.hide.includes(el.dataset.whenHidden);
    document.body.classList.toggle("embed", teacher.embed);
    for (const [n, box] of Object.entries(boxes)) box.checked = teacher.hide.includes(n);
    els.embedBox.checked = teacher.embed;
  }

  return {
    /** Reads the page's own URL at start; resolves (once its replay is done) to whether it
     * carried a state. */
    async openFromLocation() {
      const text = location.search.length > 1 ? location.search : location.hash;
      if (text.length <= 1) return false;
      const { state, ignored } = core.decodeLink(text);
      showNotice("Some parts of this link could not be used and were replaced by defaults:", ignored);
      await apply(state);
      return true;
    },
    schedule,
    current,
    linkText,
    studentLink,
    embedCode,
    apply,
    /** The controls hidden now (a teacher's choice or a link's): the page's words leave them out. */
    get hidden() {
      return teacher.hide;
    },
  };
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

