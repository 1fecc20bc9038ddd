// The page's one session (the lead run, its race, how it is shown), held by the Rust Session.
// The page never keeps its own copy of the weights: every control writes through here, and
// every view renders the latest snapshot.
//
// The session starts in the core's first part (everything but the drawings, so the numbers
// show early) and moves into the whole core when it arrives (handOver): every change made
// meanwhile is replayed there, the same calls from the same start, so the two agree bit for
// bit; from then on `charts` is the whole core, which draws.

import { CHANGE, checkKind } from "./changes.js";

/** How long a hand-over replays before it lets the page paint (ms). */
const SLICE_MS = 8;

export function createLab(core, memory, { params, settings }) {
  const start = structuredClone({ params, settings });
  let session = new core.Session(params, settings);
  /** Every change since the start, while the session is in the first part; then null. */
  let log = [];
  /** The whole core, once the session has moved into it; null before. */
  let charts = null;
  const listeners = new Set();

  /** Makes a change to the session (every call that changes it goes through here), logged for
   * the hand-over once it succeeded (a refused one changed nothing). */
  const change = (method, ...args) => {
    const result = session[method](...args);
    log?.push([method, structuredClone(args)]);
    return result;
  };
  let snap = session.snapshot();
  /** The run's settings, as the core holds them (asked after every change, never kept apart). */
  let current = session.settings();

  const changed = (what) => {
    checkKind(what);
    snap = session.snapshot();
    current = session.settings();
    for (const listener of listeners) listener(snap, what);
  };

  return {
    /** The latest snapshot: { iteration, phase, params, start, cost, pass, live, ... }. */
    get snapshot() {
      return snap;
    },
    /** Every number on screen at this moment, written by the core (src/view.rs): a number
     * the phase has not computed is "pending", one a quiz hides until its answers are checked
     * "withheld", and neither has its value in it. */
    view() {
      return session.view();
    },
    /** Starts the quiz of exercise `seed`; the current run is given back when it ends. */
    startQuiz(seed) {
      change("startQuiz", seed, true);
      changed(CHANGE.quiz);
    },
    /** Ends the quiz, giving the learner's run back. */
    stopQuiz() {
      change("stopQuiz");
      changed(CHANGE.quiz);
    },
    /** Grades the answers (numbers or null) in the core and reveals the quiz's numbers:
     * [{ key, right, truth, truthText, hint }]. */
    checkQuiz(answers) {
      const checked = change("checkQuiz", answers);
      changed(CHANGE.quiz);
      return checked;
    },
    /** The current settings, as the core holds them: { samples, cost, learningRate, chosen,
     * weightRange, optimizer, hidden, output }. */
    get settings() {
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A weight or bias set by hand: a new run starts here. */
    setParam(key, value) {
      change("setParams", { ...snap.params, [key]: value });
      changed(CHANGE.params);
    },
    setParams(params) {
      change("setParams", params);
      changed(CHANGE.params);
    },
    /** The optimizers racing the lead run: [{ kind, ...hyper-parameters }], as the core
     * holds them (a rival of the lead's own kind leaves when the lead changes to it). */
    get race() {
      return snap.race.map((r) => ({ ...r.optimizer }));
    },
    /** Sets the rivals (checked by the core: throws with a message); they join at the lead's
     * iteration. */
    setRace(list) {
      change("setRace", list);
      changed(CHANGE.race);
    },
    /** New settings (validated by the core; throws with a message naming the field). */
    setSettings(patch) {
      change("setSettings", { ...current, ...patch });
      changed(CHANGE.settings);
    },
    stepPhase() {
      const phase = change("stepPhase");
      changed(CHANGE.phase);
      return phase;
    },
    /**
     * Runs up to n whole iterations (finishing a phase-stepped one first); returns how many
     * ran. onTrouble "pause" (the default) stops at trouble, as Play does; "continue" goes on
     * through it, as a share link's replay does.
     */
    advance(n, onTrouble = "pause") {
      const done = change("advance", n, onTrouble);
      changed(CHANGE.run);
      return done;
    },
    /** Back to the start, then n iterations through trouble: what a share link replays. */
    replay(n) {
      change("reset");
      const done = change("advance", n, "continue");
      changed(CHANGE.run);
      return done;
    },
    reset() {
      change("reset");
      changed(CHANGE.reset);
    },
    restoreLastGood() {
      change("restoreLastGood");
      changed(CHANGE.restore);
    },
    dismissTrouble() {
      change("dismissTrouble");
      changed(CHANGE.dismiss);
    },
    /** The history as a Float64Array view into wasm memory: [iteration, w1, b1, w2, b2, cost]
     * per point. Valid until the next call into the core. */
    history() {
      const ptr = session.historyView();
      return new Float64Array(memory.buffer, ptr, 6 * session.historyLength());
    },
    /** A link's state (from decodeLink) at iteration 0: start, settings, race and screen.
     * Throws with a message naming the field; replay(state.iterations) goes on from here. */
    open(state) {
      change("open", state);
      changed(CHANGE.open);
    },
    /** The share link's query string (no "?") for this session shown as `screen`
     * ({ view, speed, hide, embed, quiz, lesson }): the core checks the screen and writes
     * the run, its race and the screen, so a link and the page cannot disagree. */
    linkFor(screen) {
      change("setScreen", screen);
      return session.toLink();
    },
    /** This session shown as `screen`, as the codec's state (what the link decodes to). */
    stateFor(screen) {
      change("setScreen", screen);
      return session.toState();
    },
    /** The session itself (a wasm object of the core it is in now). */
    get session() {
      return session;
    },
    /** The whole core (with the drawings) once the session is in it, else null. */
    get charts() {
      return charts;
    },
    /**
     * Moves the session into the whole core `whole` (its wasm memory `wholeMemory`): the
     * logged changes are replayed there in slices of SLICE_MS between frames (the page stays
     * live and keeps logging), then the two snapshots must agree exactly, and the first
     * part's session is freed. Resolves when done; throws (keeping the first) if they differ.
     */
    async handOver(whole, wholeMemory) {
      const next = new whole.Session(start.params, start.settings);
      let done = 0;
      let t0 = performance.now();
      while (done < log.length) {
        const [method, args] = log[done++];
        next[method](...args);
        if (performance.now() - t0 > SLICE_MS) {
          await new Promise(requestAnimationFrame);
          t0 = performance.now();
        }
      }
      const a = JSON.stringify(session.snapshot());
      const b = JSON.stringify(next.snapshot());
      if (a !== b || session.toLink() !== next.toLink()) {
        next.free();
        log = null;
        throw new Error("the whole core does not agree with the first part on the session");
      }
      session.free();
      session = next;
      memory = wholeMemory;
      charts = whole;
      log = null;
      changed(CHANGE.charts);
    },
  };
}
