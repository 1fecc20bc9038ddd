// What changed: the kinds of change the page's views are told of, with the snapshot, each
// time the session changes (lab.subscribe) or the page's own state does. One small table, so
// a view can tell a step from a drag without guessing, and a new kind is added here, named.

/** Each kind, and when it comes. */
const KINDS = {
  // From the session (www/js/lab.js), after it changed:
  params: "weights or biases were set by hand (a slider, a field, the map, a key)",
  settings: "the data, cost, learning rate, optimizer or activations changed: a new run",
  race: "optimizers joined or left the race",
  phase: "one phase ran: forward, backward or update (Step phase, or Play at a slow speed)",
  run: "whole iterations ran at once (Step iteration, Play at speed, a link's replay)",
  reset: "back to the start of the run",
  restore: "back to the last good state after trouble",
  dismiss: "the trouble notice was put away; training goes on from there",
  open: "a whole state was opened (a link, a scene, a saved file, Back to the defaults)",
  quiz: "a quiz started, was checked or ended",
  charts: "the whole core arrived, with the drawings",
  // From the page itself (www/js/main.js):
  player: "Play or Pause was pressed, or the speed changed",
  init: "the page's first render",
};

/** The kinds by name, to write `CHANGE.params` rather than a string that could be misspelt. */
export const CHANGE = Object.freeze(Object.fromEntries(Object.keys(KINDS).map((k) => [k, k])));

/** Throws for a kind the table does not hold: a typo fails at once, not as a silent no-op. */
export function checkKind(kind) {
  if (!Object.hasOwn(KINDS, kind)) throw new Error(`unknown change kind "${kind}" (see www/js/changes.js)`);
  return kind;
}
