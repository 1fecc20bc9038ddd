// Rendering: puts one snapshot of the session on the page, every view from the core's view of
// the moment (lab.view()), and asks for the charts. One function per change (render), whatever
// made it; the kind of change (changes.js) only says how: animated, spoken, or in a frame's turn.

import { CHANGE } from "./changes.js";
import { put } from "./dom.js";
import { cancelDraw, requestDraw, setBusy, writeNow, writeWhenSeen } from "./frames.js";

const PHASE_NAMES = { ready: "ready", forward: "1 forward", backward: "2 backward", update: "3 update" };

/** The buttons a quiz disables until its answers are checked (they would show the gradients). */
const QUIZ_DISABLES = ["step-phase", "step-iteration", "play", "export-csv"];

/**
 * page: the views main.js built ({ lab, network, ledger, player, surface, sections, pictures,
 * loss, optimizer, race, activations, dataset, trouble, sliders, lr, cost, quiz, tips,
 * announce }; the last three come in a later stage and are read when a render runs), and
 * `els`: the lines this writes ({ iteration, phase, diagramPoint, forwardLine, lrValue,
 * mapSlice, race }, the buttons by id, and `panels`: the sections whose views wait out of view
 * while something moves, { network, ledger, dataset }).
 */
export function createRenderer(page, els) {
  /** What the diagram shows for a snapshot: the core's view of the moment (quiz answers
   * withheld until they are checked). */
  function viewOf(snap) {
    const settings = page.lab.settings;
    return {
      phase: snap.phase,
      numbers: page.lab.view(),
      activations: { hidden: settings.hidden, output: settings.output },
    };
  }

  /** Replays a phase's pulse over the pass on screen, changing nothing (the lesson's replays). */
  function replayPulse(phase) {
    const { network, ledger, lab } = page;
    const view = viewOf(lab.snapshot);
    network.animate({ ...view, phase }, 900, (isShown) => ledger.reveal(phase === "backward" ? isShown : () => true))
      .then(() => network.show(viewOf(lab.snapshot)));
  }

  function render(snap, what) {
    const { player, surface, lab } = page;
    // The whole core has arrived: the charts draw; nothing else changed.
    if (what === CHANGE.charts) return drawCharts(snap, lab.settings, what);
    // While playing, the numbers are one of frames.js's heavy drawings, in turn with the
    // charts, so playing keeps 60 frames a second where the page's own rendering is slow
    // (a phase's pulse still starts on time). Play pressed is shown at once: it is the moment
    // the pause's summary counts from.
    if (player.playing && what !== CHANGE.phase && what !== CHANGE.player) {
      setBusy(true);
      surface.update(); // the map's path and marker, every frame
      requestDraw("numbers", () => show(lab.snapshot, what), -1);
      return;
    }
    // Told after the moment is shown: at a pause the parts far from view take this moment's
    // writes while still waiting, and the end of the movement writes each of them once (told
    // first, it would write the waiting older moment and this one straight after).
    cancelDraw("numbers"); // shown here, a turn asked for while playing would show it again
    show(snap, what);
    setBusy(player.playing);
  }

  /** Asks for the charts (drawn in coming frames, once the whole core is in) and writes their
   * words (at once, but while the run moves: see pictures.js). */
  function drawCharts(snap, settings, what) {
    // Play pressed (or its speed changed while it plays): the session is as it was, so are the
    // pictures and their words; drawn again, they took the first frames of Play.
    if (what === CHANGE.player && page.player.playing) return;
    page.loss.update();
    page.surface.update();
    page.sections.update(snap, settings);
    page.pictures.update(what === CHANGE.phase);
  }

  /** Puts a snapshot on the page: every number, control and text, and asks for the charts. */
  function show(snap, what) {
    const { lab, network, ledger, player, quiz, surface } = page;
    const settings = lab.settings;
    const sample = settings.samples[settings.chosen];
    const view = viewOf(snap);
    // Manual phase steps animate for ~0.5 s; while playing, at the speed's pace.
    // A panel far from view waits while something moves (see writeWhenSeen).
    writeWhenSeen("ledger", els.panels.ledger, () => ledger.update({ settings, numbers: view.numbers }));
    // The chain-rule panel fills in with the backward pulse, right to left.
    if (what === CHANGE.phase) writeNow("network", () => network.animate(view, player.playing ? player.phaseDuration() : 500, (isShown) => ledger.reveal(isShown)));
    else {
      writeWhenSeen("network", els.panels.network, () => network.show(view));
      ledger.reveal(() => true);
    }
    page.optimizer.update(settings);
    quiz.update();
    page.activations.update(settings, quiz.seed !== null);
    // A quiz's exercise waits for the answers: a step (w′ = w − η·∂C/∂w) or the trajectory's
    // gradients would give them away.
    if (quiz.hiding && player.playing) player.pause();
    for (const id of QUIZ_DISABLES) {
      const button = els.buttons[id];
      button.dataset.usualTitle ??= button.title;
      put(button, "disabled", quiz.hiding);
      put(button, "title", quiz.hiding ? "After you check your answers: it would show the gradients" : button.dataset.usualTitle);
    }
    // The parts below that are not a panel of their own also wait while far from view (see
    // writeWhenSeen): each is one more text laid out in a frame that has little room left.
    writeWhenSeen("race", els.race, () => page.race.update(snap, settings));

    const controls = { ...snap.params, x: sample.x, y: sample.y, learningRate: settings.learningRate };
    // A quiz's exercise is its seed's weights and sample: they stay as the seed made them, so
    // the quiz's link reopens exactly what is on screen.
    const exercise = quiz.seed !== null;
    for (const s of page.sliders) {
      writeWhenSeen(`slider-${s.element.dataset.key}`, s.element, () => {
        s.update(controls);
        s.lock(exercise && s !== page.lr);
      });
    }
    put(page.cost, "value", settings.cost);
    put(els.iteration, "textContent", String(snap.iteration));
    const now = view.numbers.entries;
    const slice = `The map is a slice: b₁ = ${now["now.b1"].text} and b₂ = ${now["now.b2"].text} are held at their current values. Training moves them too, so the whole surface shifts as it runs${surface.colorScale ? "; the colours keep the scale they had when you ticked “keep colour scale”." : " (tick “keep colour scale” to compare its colours as it does)."}`;
    writeWhenSeen("map-slice", els.mapSlice, () => put(els.mapSlice, "textContent", slice));
    // After the update the line is the pass that moved the weights, and says so.
    writeWhenSeen("forward-line", els.forwardLine, () => put(els.forwardLine, "textContent", view.numbers.words.forward));
    put(els.lrValue, "textContent", `η = ${settings.learningRate}`);
    put(els.phase, "textContent", PHASE_NAMES[snap.phase]);
    // The diagram shows one point's numbers (the chain rule's); with several, it says which.
    const n = settings.samples.length;
    put(els.diagramPoint, "textContent", n === 1 ? "" : `point ${settings.chosen + 1} of ${n}`);
    // ŷ for each point at the pass on screen's weights, as the chain-rule panel shows them.
    writeWhenSeen("dataset", els.panels.dataset, () => page.dataset.update(snap, settings, view.numbers, exercise));
    page.trouble.update(snap, settings);
    drawCharts(snap, settings, what);
    document.body.classList.toggle("playing", player.playing);
    page.tips.refresh();
    // Every change is spoken, a weight set by hand too (the region then says the new moment,
    // never the one before); the quiz's moment is spoken by the quiz panel.
    if (what !== CHANGE.charts && quiz.seed === null) page.announce(view.numbers, { playing: player.playing, settling: what === CHANGE.params });
  }

  return { render, replayPulse };
}
