// Boot: load the core's first part (cores.js) with a loading state and a clear failure
// message, build the views around one training run and show them with their numbers; then
// load the whole core, move the session into it, and the charts draw. Every change re-renders.

import { createLab } from "./lab.js";
import { createSlider } from "./controls.js";
import { createNetwork } from "./network.js";
import { createLedger } from "./ledger.js";
import { createDataset } from "./dataset.js";
import { SPEEDS, createPlayer, phaseDuration } from "./player.js";
import { createTrouble } from "./trouble.js";
import { createLossCurve } from "./losscurve.js";
import { useCore } from "./format.js";
import { chosenTheme, setTheme } from "./theme.js";
import { onPresent, presenting, setPresent } from "./present.js";
import { installExactTips } from "./exact.js";
import { createSurface } from "./surface.js";
import { createSections } from "./sections.js";
import { createPictures } from "./pictures.js";
import { createShare } from "./share.js";
import { createExports } from "./exports.js";
import { createMessages } from "./messages.js";
import { createTeacher } from "./teacher.js";
import { createOptimizerPicker, hyperParameters } from "./optimizer.js";
import { createQuiz } from "./quiz.js";
import { createActivationPicker } from "./activation.js";
import { createRace } from "./race.js";
import { installMenus } from "./menus.js";
import { createLesson } from "./lesson.js";
import { createAnnouncer } from "./announce.js";
import { showStartHere } from "./starthere.js";
import { registerOffline } from "./offline.js";
import { drawOneAtATime, drawn, pendingDraws, requestDraw, setBusy } from "./frames.js";
import { put } from "./dom.js";
import { loadFirst, loadWhole } from "./cores.js";
import { buildBeside, inSight, outOfSight, retire } from "./prerendered.js";
import { showInTwoFrames } from "./reveal.js";

/** The starting point (where Reset returns to, exactly) and the view a page opens in, as the
 * core defines them: the page keeps no copy of a default. */
function defaultsOf(core) {
  const { state, weightRange } = core.defaults();
  return {
    params: state.start,
    settings: {
      samples: state.samples, cost: state.cost, learningRate: state.learningRate, chosen: state.chosen, weightRange,
      optimizer: state.optimizer, hidden: state.hidden, output: state.output,
    },
    view: state.view,
  };
}

/** The weight sliders span the core's weight range; x and y their own. */
const paramSliders = (w) => [
  { key: "w1", label: "w₁", min: -w, max: w, control: "weights", help: "Weight from the input to the hidden node" },
  { key: "b1", label: "b₁", min: -w, max: w, control: "weights", help: "Bias of the hidden node" },
  { key: "x", label: "x", min: 0, max: 1, control: "inputs", help: "The input of the chosen sample" },
  { key: "w2", label: "w₂", min: -w, max: w, control: "weights", help: "Weight from the hidden node to the output" },
  { key: "b2", label: "b₂", min: -w, max: w, control: "weights", help: "Bias of the output node" },
  { key: "y", label: "y", min: 0, max: 1, limit: [0, 1], control: "inputs", help: "The target of the chosen sample" },
];
const lrSlider = (limit) => ({
  key: "learningRate", label: "learning rate η", min: 0.001, max: 100, scale: "log", limit: [0, limit],
  help: "Learning rate: how far one gradient-descent step moves the weights",
});

const $ = (id) => document.getElementById(id);

/** Errors the page met after it started, for a bug report and for tests in engines whose
 * console a test cannot read. */
const pageErrors = [];
addEventListener("error", (e) => pageErrors.push(String(e.message ?? e)));
addEventListener("unhandledrejection", (e) => pageErrors.push(String(e.reason?.message ?? e.reason)));
addEventListener("securitypolicyviolation", (e) => pageErrors.push(`CSP: ${e.violatedDirective} blocked ${e.blockedURI || e.sourceFile}`));
const logError = console.error.bind(console);
console.error = (...args) => {
  pageErrors.push(args.map(String).join(" "));
  logError(...args);
};

/** The core's module: the first part's wasm-bindgen glue, then the whole core's. */
let core;
/** Whether a built site's pre-rendered page was on screen (a bare URL; a share link opens
 * another state). Until the live page replaces it, every look-up goes by id, which finds the
 * live page (prerendered.js). */
let copyShown = false;

/** Resolves once the whole document is parsed: a built site's pre-render script may load
 * this module before the body has arrived. */
const parsed = () => document.readyState !== "loading" ? Promise.resolve() : new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));

/** The theme picker: shows the device's choice and applies a new one at once. */
function pickTheme(select) {
  const theme = chosenTheme();
  setTheme(theme);
  select.value = theme;
  select.addEventListener("change", () => setTheme(select.value));
}

async function boot() {
  performance.mark("boot");
  // The core's first part is fetched at once; the page is built once the body is there.
  const firstPart = typeof WebAssembly === "object" ? loadFirst() : null;
  firstPart?.catch(() => {}); // its failure is reported below, once the page can show it
  await parsed();
  // The theme chosen on this device, before anything is drawn (the system's needs nothing).
  pickTheme($("theme"));
  copyShown = buildBeside() !== null && document.documentElement.classList.contains("pre-shown");
  if (!firstPart) {
    return fail("This browser cannot run WebAssembly, which Backprop Lab needs. Try a current Firefox, Chrome, Edge or Safari.");
  }
  let first;
  try {
    first = await firstPart;
    core = first.core;
    useCore(core);
    performance.mark("core-ready");
  } catch (e) {
    return fail(`The WebAssembly core did not load (${e?.message ?? e}). Reload the page; if that does not help, the files may be incomplete on this server.`);
  }
  const { lab, opening } = await start(first.memory);
  // Once the page's numbers are on screen (not before, so their paint is not held up by these
  // bytes): now the whole core, which draws. A pre-rendered copy was that paint already.
  await (copyShown ? frames(2) : presented());
  try {
    const whole = await loadWhole();
    drawOneAtATime(true);
    await lab.handOver(whole.core, whole.memory);
    core = whole.core;
    Object.assign(window.backpropLab, { core, memory: whole.memory, build: whole.build });
    document.body.classList.add("charts-ready");
    performance.mark("charts-ready");
    drawn().then(() => drawOneAtATime(false));
  } catch (e) {
    drawOneAtATime(false);
    $("status").textContent = `The drawings did not load (${e?.message ?? e}); the numbers and controls work. Reload the page to try again.`;
    $("status").hidden = false;
    document.body.classList.add("charts-failed");
    console.error(e);
    return;
  }
  // Ready once a long link's replay is done too (the page is live meanwhile), and the charts
  // have drawn what they were asked for.
  await opening;
  await drawn();
  performance.mark("page-built");
  document.documentElement.dataset.ready = "true";
  registerOffline($("status"));
}

function fail(message) {
  retire();
  $("status").hidden = true;
  const box = $("fatal");
  box.textContent = message;
  box.hidden = false;
}

/** Lets the browser paint and handle input before going on: the page is built in a few
 * short tasks rather than one long one that would freeze a slow phone. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Resolves n frames on. */
const frames = (n) => new Promise((resolve) => {
  const frame = () => (--n > 0 ? requestAnimationFrame(frame) : resolve());
  requestAnimationFrame(frame);
});

/** Resolves once what the page just showed has reached the screen. A frame's callback runs
 * before that frame is painted, and the screen shows it a little later still; where the
 * browser reports its largest paint, that report is the sign, with six frames as a limit (no
 * report comes if nothing painted is larger than before, or after the learner's first input);
 * elsewhere, two frames and a task. */
function presented() {
  const since = performance.now();
  const reports = PerformanceObserver.supportedEntryTypes?.includes("largest-contentful-paint");
  return new Promise((resolve) => {
    let observer = null;
    const done = () => {
      observer?.disconnect();
      resolve();
    };
    if (reports) {
      observer = new PerformanceObserver((list) => list.getEntries().some((e) => e.startTime >= since) && done());
      observer.observe({ type: "largest-contentful-paint", buffered: true });
    }
    frames(reports ? 6 : 2).then(() => setTimeout(done, 0));
  });
}

async function start(memory) {
  const DEFAULTS = defaultsOf(core);
  const limits = core.limits();
  const hyper = hyperParameters(core);
  const lab = createLab(core, memory, structuredClone(DEFAULTS));
  const isParam = (k) => k in DEFAULTS.params;

  // Sliders: weights start a new run from the new value; x and y edit the chosen sample.
  const read = (key) => (view) => view[key];
  const write = (key) => (v) => {
    if (isParam(key)) return lab.setParam(key, v);
    if (key === "learningRate") return lab.setSettings({ learningRate: v });
    const { samples, chosen } = lab.settings;
    lab.setSettings({ samples: samples.map((s, i) => (i === chosen ? { ...s, [key]: v } : s)) });
  };
  const slider = (spec) => createSlider({ limit: [-limits.valueLimit, limits.valueLimit], ...spec }, { read: read(spec.key), write: write(spec.key), parse: core.parseNumber });
  const sliders = paramSliders(DEFAULTS.settings.weightRange).map(slider);
  $("sliders").append(...sliders.map((s) => s.element));
  const lr = slider(lrSlider(limits.learningRateLimit));
  $("lr-slot").append(lr.element);
  sliders.push(lr);

  const network = createNetwork($("diagram"), $("diagram-desc"), { forward: $("legend-forward"), backward: $("legend-backward") }, DEFAULTS.settings.weightRange);
  const ledger = createLedger({ container: $("ledger"), sampleLine: $("ledger-sample"), note: $("ledger-note") });
  const dataset = createDataset({ select: $("preset"), container: $("dataset") }, lab, core.parseNumber, { one: DEFAULTS.settings.samples, valueLimit: limits.valueLimit, maxPoints: limits.maxPoints });
  const trouble = createTrouble({ box: $("trouble"), text: $("trouble-text"), back: $("trouble-back"), dismiss: $("trouble-dismiss") }, lab, limits.valueLimit);
  await nextTask();
  const loss = createLossCurve({ canvas: $("loss-canvas"), readout: $("loss-readout"), logBox: $("loss-log") }, lab);
  const player = createPlayer({ button: $("play"), speed: $("speed"), speedOut: $("speed-out") }, lab, { onChange: () => render(lab.snapshot, "player") });
  const surface = createSurface({
    base: $("map-base"),
    overlay: $("map-overlay"),
    canvas3d: $("map-3d"),
    stack: $("map-stack"),
    button2d: $("view-2d"),
    button3d: $("view-3d"),
    help: $("map-help"),
    readout: $("surface-readout"),
    logBox: $("log-color"),
    scaleBox: $("fixed-scale"),
    reset: $("view-reset"),
    rangeFields: Object.fromEntries(["w1Min", "w1Max", "w2Min", "w2Max"].map((k) => [k, $(`range-${k}`)])),
    rangeError: $("range-error"),
  }, lab, { view: DEFAULTS.view, valueLimit: limits.valueLimit, pitch: limits.pitch, weightsLocked: () => quiz.seed !== null });
  const sections = createSections({ w1: $("section-w1"), w2: $("section-w2"), note: $("sections-note") }, lab, () => surface.range);
  surface.onRangeChange(() => sections.update());
  const pictures = createPictures({
    loss: $("loss-canvas"), w1: $("section-w1"), w2: $("section-w2"), mapDesc: $("map-desc"), map3d: $("map-3d"),
    tables: [...document.querySelectorAll("table[data-picture]")],
  }, lab, () => surface.range);
  surface.onRangeChange(() => pictures.update());
  const optimizer = createOptimizerPicker({ select: $("optimizer"), details: $("optim-settings"), fields: $("optim-fields") }, lab, core.parseNumber, hyper);
  const cost = $("cost");
  cost.addEventListener("change", () => lab.setSettings({ cost: cost.value }));
  // A race at one iteration a second shows nothing for long: it starts at 30 a second unless
  // the learner already chose faster.
  const RACE_SPEED = SPEEDS.findIndex((s) => s.perSecond >= 30);
  const race = createRace({ container: $("race-rows"), summary: $("race-summary"), error: $("race-error"), legend: $("loss-legend") }, lab, core.parseNumber, hyper,
    () => player.level < RACE_SPEED && player.setLevel(RACE_SPEED));
  const activations = createActivationPicker({ hidden: $("act-hidden"), output: $("act-output"), note: $("act-note"), cost }, lab);
  await nextTask();

  $("step-phase").addEventListener("click", () => {
    player.pause();
    lab.stepPhase();
  });
  $("step-iteration").addEventListener("click", () => {
    player.pause();
    lab.advance(1);
  });
  $("reset").addEventListener("click", () => {
    player.pause();
    lab.reset();
  });

  installMenus(document);
  showStartHere($("start-here"), $("start-here-close"), $("step-phase"));
  const announce = createAnnouncer($("announce"));
  const quiz = createQuiz({
    button: $("quiz-button"), panel: $("quiz-panel"), fields: $("quiz-fields"), check: $("quiz-check"),
    again: $("quiz-again"), result: $("quiz-result"), seedLine: $("quiz-seed"),
  }, core, lab, { onChange: () => { share.schedule(); render(lab.snapshot, "quiz"); }, valueLimit: limits.valueLimit });
  const lesson = createLesson({
    panel: $("lesson"), count: $("lesson-count"), fold: $("lesson-fold"), title: $("lesson-title"), body: $("lesson-body"), text: $("lesson-text"), task: $("lesson-task"),
    taskText: $("lesson-task-text"), taskStatus: $("lesson-task-status"), taskPraise: $("lesson-task-praise"), back: $("lesson-back"), next: $("lesson-next"), action: $("lesson-action"),
    leave: $("lesson-leave"), starters: [$("lesson-start"), $("start-here-lesson")], hint: $("start-here"),
  }, {
    lab, player, surface, ledger, quiz, play: replayPulse, lessonSteps: core.limits().lessonSteps, hidden: () => share.hidden,
    onChange: () => share.schedule(),
  });
  // The share link, and what shows or offers it: Export, For teachers, the messages.
  const messages = createMessages({ status: $("share-status"), notice: $("notice"), title: $("notice-title"), list: $("notice-list"), close: $("notice-close") });
  const share = createShare({ copyButton: $("copy-link"), fullLab: $("full-lab"), status: $("share-status") }, core, { lab, surface, loss, player, lesson }, messages);
  createExports({
    exportMenu: $("export"), fileInput: $("import-json"),
    buttons: {
      png: $("export-png"), svg: $("export-svg"), csv: $("export-csv"), json: $("export-json"),
      slidePng: $("export-slide-png"), slideSvg: $("export-slide-svg"), latex: $("export-latex"), markdown: $("export-markdown"),
    },
    kind: $("export-kind"), scale: $("export-scale"),
    canvases: { base: $("map-base"), overlay: $("map-overlay"), three: $("map-3d") },
  }, core, { lab, surface }, share, messages);
  createTeacher({
    teacherOptions: $("teacher-options"), teacherPresets: $("teacher-presets"), embedBox: $("embed-mode"),
    studentButton: $("student-link"), embedButton: $("embed-code"),
  }, core, { player }, share, messages);
  surface.onRangeChange(() => share.schedule());
  // Presentation mode: the header's toggle, and a link's present=1 (share.js applies it).
  onPresent((on) => $("present").setAttribute("aria-pressed", String(on)));
  $("present").addEventListener("click", () => {
    setPresent(!presenting());
    share.schedule();
  });
  $("fixed-scale").addEventListener("change", (e) => {
    surface.setColorScale(e.target.checked ? true : null);
    share.schedule();
  });
  for (const id of ["log-color", "loss-log", "speed"]) $(id).addEventListener("input", () => share.schedule());
  for (const id of ["log-color", "loss-log"]) $(id).addEventListener("change", () => share.schedule());

  // A quiz started during the lesson ends the lesson (the quiz sets its own exercise).
  $("quiz-button").addEventListener("click", () => quiz.seed !== null && lesson.leave());
  // (A quiz's withheld numbers carry no exact value: the core never gives them one.)
  const tips = installExactTips($("app"));

  /** What the diagram shows for a snapshot: the core's view of the moment (quiz answers
   * withheld until they are checked). */
  function viewOf(snap) {
    const settings = lab.settings;
    return {
      phase: snap.phase,
      numbers: lab.view(),
      activations: { hidden: settings.hidden, output: settings.output },
    };
  }

  /** Replays a phase's pulse over the pass on screen, changing nothing (the lesson's replays). */
  function replayPulse(phase) {
    const view = viewOf(lab.snapshot);
    network.animate({ ...view, phase }, 900, (isShown) => ledger.reveal(phase === "backward" ? isShown : () => true))
      .then(() => network.show(viewOf(lab.snapshot)));
  }

  function render(snap, what) {
    // The whole core has arrived: the charts draw; nothing else changed.
    if (what === "charts") return drawCharts(snap, lab.settings);
    // While playing, the numbers are one of frames.js's heavy drawings, in turn with the
    // charts, so playing keeps 60 frames a second where the page's own rendering is slow
    // (a phase's pulse still starts on time).
    setBusy(player.playing);
    if (player.playing && what !== "phase") {
      surface.update(); // the map's path and marker, every frame
      requestDraw("numbers", () => show(lab.snapshot, what), -1);
      return;
    }
    show(snap, what);
  }

  /** Asks for the charts (drawn in coming frames, once the whole core is in). */
  function drawCharts(snap, settings) {
    loss.update();
    surface.update();
    sections.update(snap, settings);
    pictures.update();
  }

  /** Puts a snapshot on the page: every number, control and text, and asks for the charts. */
  function show(snap, what) {
    const settings = lab.settings;
    const sample = settings.samples[settings.chosen];
    const view = viewOf(snap);
    // Manual phase steps animate for ~0.5 s; while playing, at the speed's pace.
    ledger.update({ settings, numbers: view.numbers });
    // The chain-rule panel fills in with the backward pulse, right to left.
    if (what === "phase") network.animate(view, player.playing ? phaseDuration(player.level) : 500, (isShown) => ledger.reveal(isShown));
    else {
      network.show(view);
      ledger.reveal(() => true);
    }
    optimizer.update(settings);
    quiz.update();
    activations.update(settings, quiz.seed !== null);
    // A quiz's exercise waits for the answers: a step (w′ = w − η·∂C/∂w) or the trajectory's
    // gradients would give them away.
    if (quiz.hiding && player.playing) player.pause();
    for (const id of ["step-phase", "step-iteration", "play", "export-csv"]) {
      const button = $(id);
      button.dataset.usualTitle ??= button.title;
      put(button, "disabled", quiz.hiding);
      put(button, "title", quiz.hiding ? "After you check your answers: it would show the gradients" : button.dataset.usualTitle);
    }
    race.update(snap, settings);

    const controls = { ...snap.params, x: sample.x, y: sample.y, learningRate: settings.learningRate };
    // A quiz's exercise is its seed's weights and sample: they stay as the seed made them, so
    // the quiz's link reopens exactly what is on screen.
    const exercise = quiz.seed !== null;
    for (const s of sliders) {
      s.update(controls);
      s.lock(exercise && s !== lr);
    }
    put(cost, "value", settings.cost);
    put($("iteration"), "textContent", String(snap.iteration));
    const now = view.numbers.entries;
    const slice = `The map is a slice: b₁ = ${now["now.b1"].text} and b₂ = ${now["now.b2"].text} are held at their current values. Training moves them too, so the whole surface shifts as it runs${surface.colorScale ? "; the colours keep the scale they had when you ticked “keep colour scale”." : " (tick “keep colour scale” to compare its colours as it does)."}`;
    put($("map-slice"), "textContent", slice);
    // After the update the line is the pass that moved the weights, and says so.
    put($("forward-line"), "textContent", view.numbers.words.forward);
    put($("lr-value"), "textContent", `η = ${settings.learningRate}`);
    put($("phase"), "textContent", PHASE_NAMES[snap.phase]);
    // The diagram shows one point's numbers (the chain rule's); with several, it says which.
    const n = settings.samples.length;
    put($("diagram-point"), "textContent", n === 1 ? "" : `point ${settings.chosen + 1} of ${n}`);
    // ŷ for each point at the pass on screen's weights, as the chain-rule panel shows them.
    dataset.update(snap, settings, view.numbers, exercise);
    trouble.update(snap, settings);
    drawCharts(snap, settings);
    document.body.classList.toggle("playing", player.playing);
    tips.refresh();
    // Every change is spoken, a weight set by hand too (the region then says the new moment,
    // never the one before); the quiz's moment is spoken by the quiz panel.
    if (what !== "charts" && quiz.seed === null) announce(view.numbers, { playing: player.playing, settling: what === "params" });
  }

  lab.subscribe(render);
  lab.subscribe(() => share.schedule());
  // The page shows once built (so nothing on it moves as it is built), with its numbers (laid
  // out cold, over two frames: reveal.js); the charts come in the next frames, the map first
  // (frames.js).
  $("status").hidden = true;
  // Beside a copy, the live page is laid out out of sight, with its numbers, in a frame of
  // its own: taking the copy's place is then a short task.
  if (copyShown) outOfSight($("app"));
  else {
    showInTwoFrames();
    $("app").hidden = false;
    retire();
  }
  const opening = share.openFromLocation();
  render(lab.snapshot, "init");
  if (copyShown) {
    await frames(2);
    inSight($("app"));
    retire();
  }
  performance.mark("numbers-shown");
  // For tests and the console: the run and the core.
  window.backpropLab = { lab, core, player, DEFAULTS, loss, surface, sections, share, memory, lesson, build: "first", errors: pageErrors, drawn, pendingDraws };
  return { lab, opening };
}

const PHASE_NAMES = { ready: "ready", forward: "1 forward", backward: "2 backward", update: "3 update" };

boot().catch(async (e) => {
  console.error(e);
  await parsed();
  fail(`The page could not start (${e?.message ?? e}). Reload the page to try again.`);
});
