// The page's one session (the lead run, its race, how it is shown), held by the Rust Session.
// The page never keeps its own copy of the weights: every control writes through here, and
// every view renders the latest snapshot.

export function createLab(core, memory, { params, settings }) {
  const session = new core.Session(params, settings);
  let current = { ...settings, samples: settings.samples.map((s) => ({ ...s })) };
  let snap = session.snapshot();
  const listeners = new Set();

  const changed = (what) => {
    snap = session.snapshot();
    for (const listener of listeners) listener(snap, what);
  };

  return {
    /** The latest snapshot: { iteration, phase, params, start, cost, pass, live, ... }. */
    get snapshot() {
      return snap;
    },
    /** The current settings: { samples, cost, learningRate, chosen, weightRange }. */
    get settings() {
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A weight or bias set by hand: a new run starts here. */
    setParam(key, value) {
      session.setParams({ ...snap.params, [key]: value });
      changed("params");
    },
    setParams(params) {
      session.setParams(params);
      changed("params");
    },
    /** The optimizers racing the lead run: [{ kind, ...hyper-parameters }], as the core
     * holds them (a rival of the lead's own kind leaves when the lead changes to it). */
    get race() {
      return snap.race.map((r) => ({ ...r.optimizer }));
    },
    /** Sets the rivals (checked by the core: throws with a message); they join at the lead's
     * iteration. */
    setRace(list) {
      session.setRace(list);
      changed("race");
    },
    /** New settings (validated by the core; throws with a message naming the field). */
    setSettings(patch) {
      const next = { ...current, ...patch };
      session.setSettings(next);
      current = next;
      changed("settings");
    },
    stepPhase() {
      const phase = session.stepPhase();
      changed("phase");
      return phase;
    },
    /**
     * Runs up to n whole iterations (finishing a phase-stepped one first); returns how many
     * ran. onTrouble "pause" (the default) stops at trouble, as Play does; "continue" goes on
     * through it, as a share link's replay does.
     */
    advance(n, onTrouble = "pause") {
      const done = session.advance(n, onTrouble);
      changed("run");
      return done;
    },
    /** Back to the start, then n iterations through trouble: what a share link replays. */
    replay(n) {
      session.reset();
      const done = session.advance(n, "continue");
      changed("run");
      return done;
    },
    reset() {
      session.reset();
      changed("reset");
    },
    restoreLastGood() {
      session.restoreLastGood();
      changed("restore");
    },
    dismissTrouble() {
      session.dismissTrouble();
      changed("dismiss");
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
      session.open(state);
      const { samples, chosen, cost, learningRate, optimizer, hidden, output } = state;
      current = { ...current, samples: samples.map((s) => ({ ...s })), chosen, cost, learningRate, optimizer, hidden, output };
      changed("open");
    },
    /** The share link's query string (no "?") for this session shown as `screen`
     * ({ view, speed, hide, embed, quiz, lesson }): the core checks the screen and writes
     * the run, its race and the screen, so a link and the page cannot disagree. */
    linkFor(screen) {
      session.setScreen(screen);
      return session.toLink();
    },
    /** This session shown as `screen`, as the codec's state (what the link decodes to). */
    stateFor(screen) {
      session.setScreen(screen);
      return session.toState();
    },
    session,
  };
}
