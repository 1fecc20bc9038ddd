// Boot: load the core's first part (cores.js) with a loading state and a clear failure
// message, build the views around one training run and show them with their numbers; then
// load the whole core, move the session into it, and the charts draw. Every change re-renders.

import { createLab } from "./lab.js";
import { createSlider } from "./controls.js";
import { createNetwork } from "./network.js";
import { createLedger } from "./ledger.js";
import { createDataset } from "./dataset.js";
import { createPlayer } from "./player.js";
import { CHANGE } from "./changes.js";
import { createTrouble } from "./trouble.js";
import { createLossCurve } from "./losscurve.js";
import { createLossSound } from "./sound.js";
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
import { drawOneAtATime, drawn, pendingDraws } from "./frames.js";
import { createRenderer } from "./render.js";
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

/**
 * Builds the page around one session, in named stages, each a short task (a slow phone stays
 * responsive between them), and shows it with its numbers. `page` gathers the views as the
 * stages make them; a view that needs one made in a later stage reads it from there when it
 * runs, never while it is built.
 */
async function start(memory) {
  const DEFAULTS = defaultsOf(core);
  const limits = core.limits();
  const page = { DEFAULTS, limits, lab: createLab(core, memory, structuredClone(DEFAULTS)) };
  buildNumbers(page);
  await nextTask();
  buildPictures(page);
  await nextTask();
  const renderer = createRenderer(page, {
    iteration: $("iteration"), phase: $("phase"), diagramPoint: $("diagram-point"), forwardLine: $("forward-line"),
    lrValue: $("lr-value"), mapSlice: $("map-slice"), race: $("race-box"),
    // The panels whose views wait while out of view and something moves.
    panels: { network: $("diagram").closest("section.panel"), ledger: $("ledger").closest("section.panel"), dataset: $("dataset").closest("section.panel") },
    buttons: Object.fromEntries(["step-phase", "step-iteration", "play", "export-csv"].map((id) => [id, $(id)])),
  });
  page.render = renderer.render;
  buildTeaching(page, renderer);
  return showPage(page, memory);
}

/** Stage 1, the numbers: the sliders, the network diagram, the chain rule, the training data
 * and the trouble banner. */
function buildNumbers(page) {
  const { lab, DEFAULTS, limits } = page;
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
  page.sliders = paramSliders(DEFAULTS.settings.weightRange).map(slider);
  $("sliders").append(...page.sliders.map((s) => s.element));
  page.lr = slider(lrSlider(limits.learningRateLimit));
  $("lr-slot").append(page.lr.element);
  page.sliders.push(page.lr);

  page.network = createNetwork($("diagram"), $("diagram-desc"), { forward: $("legend-forward"), backward: $("legend-backward") }, DEFAULTS.settings.weightRange, $("network-table"), core.networkLayout());
  page.ledger = createLedger({ container: $("ledger"), sampleLine: $("ledger-sample"), note: $("ledger-note") });
  page.dataset = createDataset({ select: $("preset"), container: $("dataset") }, lab, core.parseNumber, { one: DEFAULTS.settings.samples, valueLimit: limits.valueLimit, maxPoints: limits.maxPoints });
  page.trouble = createTrouble({ box: $("trouble"), text: $("trouble-text"), back: $("trouble-back"), dismiss: $("trouble-dismiss") }, lab, limits.valueLimit);
}

/** Stage 2, the pictures and what drives them: the loss curve and its sound, Play, the cost
 * surface, the slope plots, the pictures' words, the optimizer, the race, the activations. */
function buildPictures(page) {
  const { lab, DEFAULTS, limits } = page;
  const hyper = hyperParameters(core);
  page.loss = createLossCurve({ canvas: $("loss-canvas"), readout: $("loss-readout"), logBox: $("loss-log") }, lab);
  page.sound = createLossSound({ button: $("loss-sound"), note: $("loss-sound-note") }, lab);
  page.player = createPlayer({ button: $("play"), speed: $("speed"), speedOut: $("speed-out") }, lab, { speeds: limits.speeds, onChange: () => page.render(lab.snapshot, CHANGE.player) });
  const surface = createSurface({
    base: $("map-base"),
    overlay: $("map-overlay"),
    canvas3d: $("map-3d"),
    stack: $("map-stack"),
    button2d: $("view-2d"),
    button3d: $("view-3d"),
    turnButtons: $("turn-3d"),
    help: $("map-help"),
    readout: $("surface-readout"),
    logBox: $("log-color"),
    scaleBox: $("fixed-scale"),
    reset: $("view-reset"),
    rangeFields: Object.fromEntries(["w1Min", "w1Max", "w2Min", "w2Max"].map((k) => [k, $(`range-${k}`)])),
    rangeError: $("range-error"),
  }, lab, { view: DEFAULTS.view, valueLimit: limits.valueLimit, pitch: limits.pitch, weightsLocked: () => page.quiz.seed !== null });
  page.surface = surface;
  page.sections = createSections({ w1: $("section-w1"), w2: $("section-w2"), note: $("sections-note") }, lab, () => surface.range);
  surface.onRangeChange(() => page.sections.update());
  page.pictures = createPictures({
    loss: $("loss-canvas"), w1: $("section-w1"), w2: $("section-w2"), mapDesc: $("map-desc"), map3d: $("map-3d"),
    tables: [...document.querySelectorAll("table[data-picture]")],
  }, lab, () => surface.range);
  surface.onRangeChange(() => page.pictures.update());
  page.optimizer = createOptimizerPicker({ select: $("optimizer"), details: $("optim-settings"), fields: $("optim-fields") }, lab, core.parseNumber, hyper);
  page.cost = $("cost");
  page.cost.addEventListener("change", () => lab.setSettings({ cost: page.cost.value }));
  // A race at one iteration a second shows nothing for long: it starts at 30 a second unless
  // the learner already chose faster.
  const { player } = page;
  const raceSpeed = player.levelOf(30);
  page.race = createRace({ container: $("race-rows"), summary: $("race-summary"), error: $("race-error"), legend: $("loss-legend") }, lab, core.parseNumber, hyper,
    () => player.level < raceSpeed && player.setLevel(raceSpeed));
  page.activations = createActivationPicker({ hidden: $("act-hidden"), output: $("act-output"), note: $("act-note"), cost: page.cost }, lab);
}

/** Stage 3, the buttons and the teaching: Step and Reset, the menus, Start here, the
 * announcer, the quiz, the lesson, the share link with Export and For teachers, presentation
 * mode, and the exact-value tips. */
function buildTeaching(page, renderer) {
  const { lab, limits, player, surface, ledger, loss } = page;
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
  page.announce = createAnnouncer($("announce"));
  const quiz = createQuiz({
    button: $("quiz-button"), panel: $("quiz-panel"), fields: $("quiz-fields"), check: $("quiz-check"),
    again: $("quiz-again"), result: $("quiz-result"), seedLine: $("quiz-seed"),
  }, core, lab, { onChange: () => { page.share.schedule(); page.render(lab.snapshot, CHANGE.quiz); }, valueLimit: limits.valueLimit });
  page.quiz = quiz;
  const lesson = createLesson({
    panel: $("lesson"), count: $("lesson-count"), fold: $("lesson-fold"), title: $("lesson-title"), body: $("lesson-body"), text: $("lesson-text"), task: $("lesson-task"),
    taskText: $("lesson-task-text"), taskStatus: $("lesson-task-status"), taskPraise: $("lesson-task-praise"), back: $("lesson-back"), next: $("lesson-next"), action: $("lesson-action"),
    leave: $("lesson-leave"), starters: [$("lesson-start"), $("start-here-lesson")], hint: $("start-here"),
  }, {
    lab, player, surface, ledger, quiz, play: renderer.replayPulse, lessonSteps: limits.lessonSteps, hidden: () => page.share.hidden,
    onChange: () => page.share.schedule(),
  });
  page.lesson = lesson;
  // The share link, and what shows or offers it: Export, For teachers, the messages.
  const messages = createMessages({ status: $("share-status"), notice: $("notice"), title: $("notice-title"), list: $("notice-list"), close: $("notice-close") });
  const share = createShare({ copyButton: $("copy-link"), fullLab: $("full-lab"), status: $("share-status") }, core, { lab, surface, loss, player, lesson }, messages);
  page.share = share;
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
    studentButton: $("student-link"), embedButton: $("embed-code"), worksheetLink: $("worksheet-link"),
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
  page.tips = installExactTips($("app"));
}

/** Stage 4, showing it: every change renders from now on; the page appears with its numbers
 * (beside a pre-rendered copy, out of sight first), and a link's state opens. */
async function showPage(page, memory) {
  const { lab, share } = page;
  lab.subscribe(page.render);
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
  page.render(lab.snapshot, CHANGE.init);
  if (copyShown) {
    await frames(2);
    inSight($("app"));
    retire();
  }
  performance.mark("numbers-shown");
  // For tests and the console: the run and the core.
  const { player, DEFAULTS, loss, sound, surface, sections, lesson } = page;
  window.backpropLab = { lab, core, player, DEFAULTS, loss, sound, surface, sections, share, memory, lesson, build: "first", errors: pageErrors, drawn, pendingDraws };
  return { lab, opening };
}

boot().catch(async (e) => {
  console.error(e);
  await parsed();
  fail(`The page could not start (${e?.message ?? e}). Reload the page to try again.`);
});
