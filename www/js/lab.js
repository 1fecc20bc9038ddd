// The one training run, held by the Rust Trainer. The page never keeps its own copy of the
// weights: every control writes through here, and every view renders the latest snapshot.

export function createLab(core, memory, { params, settings }) {
  const trainer = new core.Trainer(params, settings);
  let current = { ...settings, samples: settings.samples.map((s) => ({ ...s })) };
  let snap = trainer.snapshot();
  const listeners = new Set();

  const changed = (what) => {
    snap = trainer.snapshot();
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
      trainer.setParams({ ...snap.params, [key]: value });
      changed("params");
    },
    setParams(params) {
      trainer.setParams(params);
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
      trainer.setRace(list);
      changed("race");
    },
    /** New settings (validated by the core; throws with a message naming the field). */
    setSettings(patch) {
      const next = { ...current, ...patch };
      trainer.setSettings(next);
      current = next;
      changed("settings");
    },
    stepPhase() {
      const phase = trainer.stepPhase();
      changed("phase");
      return phase;
    },
    stepIteration() {
      const moved = trainer.stepIteration();
      changed("iteration");
      return moved;
    },
    /** Runs up to n iterations (stops at trouble); returns how many ran. */
    run(n) {
      const done = trainer.run(n);
      changed("run");
      return done;
    },
    replay(n) {
      const done = trainer.replay(n);
      changed("run");
      return done;
    },
    /** Runs n more iterations as a replay does (through trouble); returns how many ran. */
    advance(n) {
      const done = trainer.advance(n);
      changed("run");
      return done;
    },
    reset() {
      trainer.reset();
      changed("reset");
    },
    restoreLastGood() {
      trainer.restoreLastGood();
      changed("restore");
    },
    dismissTrouble() {
      trainer.dismissTrouble();
      changed("dismiss");
    },
    /** The history as a Float64Array view into wasm memory: [iteration, w1, b1, w2, b2, cost]
     * per point. Valid until the next call into the core. */
    history() {
      const ptr = trainer.historyView();
      return new Float64Array(memory.buffer, ptr, 6 * trainer.historyLength());
    },
    trainer,
  };
}
