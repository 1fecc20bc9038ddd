// The share link: everything that defines what the user sees is written into the URL
// (replaceState, throttled: no history entries), a link reopens the demo exactly (the core
// replays the iterations deterministically), and a hand-edited or hostile link opens with its
// bad parts replaced by defaults and listed in a notice, as text only. The link also says what
// a teacher hid and whether the page is embedded: this module owns that choice (teacher.js
// offers it, and listens).

import { presenting, setPresent } from "./present.js";

const URL_DELAY = 300;

/** Replays up to this many iterations (times the runs racing) at once, about 0.2 s; longer
 * ones run in slices between frames, so the page stays alive and shows how far it is. */
const SYNC_WORK = 100000;
/** Milliseconds of replay per frame. */
const SLICE_MS = 30;

/**
 * els: { copyButton, fullLab (an embed's way out), status (the status line) };
 * app: { lab, surface, loss, player, lesson }; messages: say, showNotice, copy.
 */
export function createShare(els, core, { lab, surface, loss, player, lesson }, messages) {
  const { copyButton, status } = els;
  /** What a teacher hid and whether the page is embedded: part of the link. */
  let teacher = { hide: [], embed: false };
  const teacherListeners = new Set();
  let timer = 0;
  /** A long replay in progress: its generation (a newer one, or anyone touching the run,
   * stops it), 0 when none. The address bar waits until it is done. */
  let replaying = 0;
  let generation = 0;

  /** How the session is shown, as the core's Screen: the parts of a link that live in the
   * page's controls rather than in the run (the quiz is the session's own). */
  function screen() {
    const a = surface.angles;
    return {
      view: { mode: surface.mode, yaw: a.yaw, pitch: a.pitch, ...surface.range, logColor: surface.logColor, logLoss: loss.log, colorScale: surface.colorScale },
      speed: player.level,
      hide: teacher.hide,
      embed: teacher.embed,
      present: presenting(),
      quiz: null,
      lesson: lesson.step,
    };
  }

  /** The state on screen, as the codec's State (written by the core's session). */
  const current = () => lab.stateFor(screen());
  /** The link of what is on screen, with parts of the screen changed (`patch`). */
  const linkFor = (patch = {}) => lab.linkFor({ ...screen(), ...patch });
  const linkText = () => linkFor();
  /** The page at `link` (a query string), as an absolute address. */
  const here = (link) => `${location.origin}${location.pathname}?${link}`;

  /** Puts the state into the address bar (and the embed's "Open the full lab"), at most
   * every URL_DELAY ms. */
  function schedule() {
    if (replaying) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (teacher.embed) els.fullLab.href = here(linkFor({ embed: false }));
      try {
        history.replaceState(history.state, "", `?${linkText()}${location.hash}`);
      } catch {
        // A sandboxed iframe may refuse; the Copy link button still works.
      }
    }, URL_DELAY);
  }

  /** A new choice of hidden controls or embed mode: shown, and in the link. */
  function setTeacher(patch) {
    teacher = { ...teacher, ...patch };
    for (const fn of teacherListeners) fn(teacher);
    schedule();
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
      messages.showNotice("This link could not be opened; the defaults are shown instead:", [{ key: "link", reason: e.message }]);
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
    setTeacher({ hide: state.hide, embed: state.embed });
    setPresent(state.present === true);
    // A quiz link opens its exercise (the session starts it from the seed, answers hidden
    // again: a shared quiz never comes with them); the iterations replay from its start.
    await replayTo(state.iterations);
    if (state.lesson) await lesson.open(state.lesson);
  }

  copyButton.addEventListener("click", () => {
    history.replaceState(history.state, "", `?${linkText()}${location.hash}`);
    return messages.copy(here(linkText()), "Link");
  });

  return {
    /** Reads the page's own URL at start; resolves (once its replay is done) to whether it
     * carried a state. */
    async openFromLocation() {
      const text = location.search.length > 1 ? location.search : location.hash;
      if (text.length <= 1) return false;
      const { state, ignored } = core.decodeLink(text);
      messages.showNotice("Some parts of this link could not be used and were replaced by defaults:", ignored);
      await apply(state);
      return true;
    },
    schedule,
    current,
    linkText,
    linkFor,
    here,
    apply,
    setTeacher,
    /** Calls fn({ hide, embed }) whenever the teacher's choice changes (a link, the menu). */
    onTeacher: (fn) => teacherListeners.add(fn),
    /** What a teacher hid and whether the page is embedded: { hide, embed }. */
    get teacher() {
      return teacher;
    },
    /** The controls hidden now (a teacher's choice or a link's): the page's words leave them out. */
    get hidden() {
      return teacher.hide;
    },
  };
}
