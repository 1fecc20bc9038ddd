// The guided lesson's player: a panel docked at the bottom that tells the derivation step by
// step (lesson-steps.js) on the learner's own live numbers, marks what each step talks about,
// scrolls it into view above the panel, notices the try-it tasks, and keeps the step in the link.

import { STEPS } from "./lesson-steps.js";
import { exactNumber } from "./format.js";
import { pageWhole } from "./reveal.js";

const MARK = "lesson-hl";

/**
 * els: { panel, count, fold, title, body, text, task, taskText, taskStatus, taskPraise, back, next, action, leave,
 *        starters, hint }
 * app: { lab, player, surface, ledger, quiz, play(phase), lessonSteps (the core's count),
 *        hidden() (the controls hidden now: a step speaks only of what is on screen),
 *        onChange() (the step changed: the link) }
 */
export function createLesson(els, app) {
  const { lab, player } = app;
  if (STEPS.length !== app.lessonSteps) {
    throw new Error(`the lesson has ${STEPS.length} steps but the core expects ${app.lessonSteps}`);
  }
  const reduced = matchMedia("(prefers-reduced-motion: reduce)");
  let index = -1; // the step on screen (0-based), -1 when the lesson is closed
  let memo = null; // the task's starting point, taken when the step opened
  let done = false;
  let shownKey = "";

  /** The numbers a step may quote, by key: the core's view of the moment (the pass on
   * screen, as the chain rule shows it), each entry with its text, spoken text and value. */
  function context() {
    const snap = lab.snapshot;
    const settings = lab.settings;
    const e = lab.view().entries;
    const v = {
      ...e, lr: e.learningRate, meanDW2: e["mean.dCdW2"], w2Next: e["next.w2"], w1Now: e["now.w1"], w2Now: e["now.w2"],
      costBefore: e["mean.cost"], costNow: e["now.cost"],
    };
    return { v, value: (key) => v[key]?.value, settings, snap, n: settings.samples.length, kind: settings.optimizer.kind, hidden: app.hidden() };
  }

  /** What a step's setup may do to the page: each leaves the learner's numbers alone. */
  const page = {
    /** Plays a phase's pulse: steps into it when no pass is on screen, else replays it. */
    play(phase) {
      const p = lab.snapshot.phase;
      if (phase === "forward") {
        if (p === "ready" || p === "update") lab.stepPhase();
        else app.play("forward");
      } else if (p === "backward") app.play("backward");
      else {
        if (p === "ready" || p === "update") lab.stepPhase();
        lab.stepPhase();
      }
    },
    /** Makes sure the backward values are on screen (only the forward phase hides them). */
    showBackward() {
      if (lab.snapshot.phase === "forward") lab.stepPhase();
    },
    /** Brings a pass to its backward phase, so that the next Step phase is the update; an
     * update already on screen stays (the learner took the step). */
    readyToUpdate() {
      const p = lab.snapshot.phase;
      if (p === "ready") {
        lab.stepPhase();
        lab.stepPhase();
      } else if (p === "forward") lab.stepPhase();
    },
    map: () => app.surface.setMode("map"),
    /** The next phase, as the Step phase button runs it. */
    stepPhase: () => {
      player.pause();
      lab.stepPhase();
    },
    /** Play or Pause, as the Play button does. */
    togglePlay: () => (player.playing ? player.pause() : player.play()),
    openArithmetic: () => app.ledger.openArithmetic(),
    speed: (level) => player.setLevel(level),
    pause: () => player.pause(),
  };

  function targets(step) {
    return step.highlight.flatMap((sel) => [...document.querySelectorAll(sel)]).filter((el) => el.getClientRects().length > 0);
  }

  function mark(step) {
    for (const el of document.querySelectorAll(`.${MARK}`)) el.classList.remove(MARK, `${MARK}-first`);
    if (!step) return;
    const els = targets(step);
    for (const el of els) el.classList.add(MARK);
    // The one scrolled into view (the step's first), for the tests and screen magnifiers.
    els[0]?.classList.add(`${MARK}-first`);
  }

  /** Scrolls the step's marked parts into the space above the panel: all of them when they
   * fit together, else the first. */
  function reveal(step) {
    const marked = targets(step);
    if (!marked.length) return;
    const rects = marked.map((el) => el.getBoundingClientRect());
    const all = { top: Math.min(...rects.map((q) => q.top)), bottom: Math.max(...rects.map((q) => q.bottom)) };
    all.height = all.bottom - all.top;
    const top = 12;
    // (The panel's height as drawn: in presentation mode the page is zoomed.)
    const bottom = window.innerHeight - els.panel.getBoundingClientRect().height - 12;
    const r = all.height <= bottom - top ? all : rects[0];
    let dy = 0;
    if (r.top < top || r.height > bottom - top) dy = r.top - top;
    else if (r.bottom > bottom) dy = r.bottom - bottom;
    if (Math.abs(dy) > 1) window.scrollBy({ top: dy, behavior: reduced.matches ? "auto" : "smooth" });
  }

  /** Renders paragraphs of parts: strings, and live numbers as spans from the view's entries
   * (their text as a sentence writes it, their exact value on hover, their spoken form for a
   * screen reader; "—" or "?" where the view does not show the number). */
  function paragraphs(parts, v) {
    return parts.map((para) => {
      const p = document.createElement("p");
      for (const part of para.flat()) {
        if (typeof part === "string") p.append(part);
        else {
          const entry = v[part.key];
          const s = document.createElement("span");
          s.className = entry.status === "known" ? "num" : `num ${entry.status}`;
          s.dataset.key = part.key;
          if (entry.status === "known") s.dataset.exact = exactNumber(entry.value);
          // Shown as written, heard as spoken ("times ten to the minus 4"): not a tab stop (the
          // chain rule's rows hold every exact value for the keyboard).
          const text = entry.plain ?? entry.text;
          const shown = Object.assign(document.createElement("span"), { textContent: part.paren && entry.value < 0 ? `(${text})` : text });
          shown.setAttribute("aria-hidden", "true");
          const heard = Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: entry.plainSpoken ?? entry.spoken });
          s.append(shown, heard);
          p.append(s);
        }
      }
      return p;
    });
  }

  /** Redraws the step's text, task and marks from the live numbers (after every change). */
  function update() {
    if (index < 0) return;
    const step = STEPS[index];
    const ctx = context();
    const task = step.task && (!step.task.when || step.task.when(ctx)) ? step.task : null;
    // Done while it holds: undoing the task withdraws it (and its announcement).
    done = !!task && memo !== undefined && task.done(ctx, memo);
    // After an update, the numbers a step quotes are the pass that moved the weights: said so
    // (the step about the update tells it itself).
    const moved = ctx.snap.phase === "update" && !step.tellsUpdate
      ? [["These are the numbers of the pass that just moved the weights, at the weights before this step; the marker and the sliders are at the new ones."]]
      : [];
    const text = [...moved, ...step.text(ctx)];
    const praise = task && done && task.praise ? task.praise(ctx) : null;
    const key = JSON.stringify([index, text, praise, !!task]) + JSON.stringify(ctx.v);
    if (key !== shownKey) {
      shownKey = key;
      els.text.replaceChildren(...paragraphs(text, ctx.v));
      els.task.hidden = !task;
      if (task) {
        els.taskText.textContent = `Try it: ${task.prompt}`;
        els.taskPraise.replaceChildren(...(praise ? paragraphs([praise], ctx.v) : []));
        els.task.classList.toggle("done", done);
      }
      fitPadding();
    }
    // The status region (polite) changes only when the task is done or undone: announced
    // once, withdrawn when undone, never re-said while the numbers under it move.
    const said = task && done ? `✓ ${task.said}` : "";
    if (els.taskStatus.textContent !== said) els.taskStatus.textContent = said;
    mark(step);
  }

  function show(i, { focus = true } = {}) {
    const first = index < 0;
    index = Math.max(0, Math.min(STEPS.length - 1, i));
    const step = STEPS[index];
    if (first) {
      if (app.quiz.seed !== null) app.quiz.stop();
      els.panel.hidden = false;
      if (els.hint) els.hint.hidden = true;
      document.body.classList.add("lesson-on");
    }
    player.pause();
    step.setup(page);
    const ctx = context();
    memo = step.task ? step.task.start(ctx) : undefined;
    done = false;
    shownKey = "";
    els.count.textContent = `Step ${index + 1} of ${STEPS.length}`;
    els.title.textContent = step.title;
    els.back.disabled = index === 0;
    els.next.textContent = index === STEPS.length - 1 ? "Finish" : "Next";
    // A step's own button does what its task asks, right here (on a phone the bar is far up).
    els.action.hidden = !step.action;
    if (step.action) els.action.textContent = step.action.label;
    update();
    els.body.scrollTop = 0;
    fitPadding();
    reveal(step);
    if (focus) els.title.focus({ preventScroll: true });
    app.onChange();
  }

  function leave() {
    if (index < 0) return;
    index = -1;
    mark(null);
    els.panel.hidden = true;
    document.body.classList.remove("lesson-on");
    document.body.style.removeProperty("--lesson-h");
    document.documentElement.style.removeProperty("scroll-padding-bottom");
    app.onChange();
    els.starters[0]?.focus();
  }

  /** Room under the page for the docked panel, so nothing is hidden under it. */
  function fitPadding() {
    const room = `${els.panel.offsetHeight + 8}px`;
    document.body.style.setProperty("--lesson-h", room);
    // A control reached by Tab is scrolled clear of the panel, never left under it (WCAG 2.4.11).
    document.documentElement.style.setProperty("scroll-padding-bottom", room);
    // The words scroll inside the panel when they do not fit: then the keyboard can reach them
    // (a tab stop only then).
    const scrolls = els.body.scrollHeight > els.body.clientHeight + 1;
    if (els.body.tabIndex !== (scrolls ? 0 : -1)) els.body.tabIndex = scrolls ? 0 : -1;
  }

  /** Folds the panel to its head and buttons (a phone's small screen), or unfolds it. */
  function fold(folded) {
    els.panel.classList.toggle("folded", folded);
    els.fold.setAttribute("aria-expanded", String(!folded));
    els.fold.textContent = folded ? "Unfold" : "Fold";
    fitPadding();
  }
  els.fold.addEventListener("click", () => fold(!els.panel.classList.contains("folded")));
  els.back.addEventListener("click", () => show(index - 1));
  els.action.addEventListener("click", () => STEPS[index]?.action?.run(page));
  els.next.addEventListener("click", () => (index === STEPS.length - 1 ? leave() : show(index + 1)));
  els.leave.addEventListener("click", leave);
  for (const b of els.starters) b.addEventListener("click", () => show(0));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && index >= 0 && !e.defaultPrevented) {
      e.preventDefault();
      leave();
    }
  });
  new ResizeObserver(() => index >= 0 && fitPadding()).observe(els.panel);
  lab.subscribe(update);
  addEventListener("resize", () => index >= 0 && mark(STEPS[index]));

  return {
    /** The step on screen, 1-based (the link's `lesson=`), or null. */
    get step() {
      return index < 0 ? null : index + 1;
    },
    /** Opens the lesson at a step (1-based), as a link asks, once the page is whole (a step
     * marks and scrolls to parts of it). */
    open: (n) => pageWhole().then(() => show(n - 1, { focus: false })),
    leave,
    /** Re-applies the marks after the page redrew a marked part (the diagram rebuilds on resize). */
    refresh: update,
  };
}
