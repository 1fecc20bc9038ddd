// Play/Pause and speed: from one animated phase at a time up to a thousand iterations a
// second, where phases are no longer animated and iterations run in batches per frame. The
// speeds are the core's (limits().speeds), as a link's speed level indexes them.

/** els: { button (Play), speed (the speed slider), speedOut }; speeds: the core's, slowest first
 * ([{ label, perSecond, animate }]); onChange: after play, pause or a new speed. */
export function createPlayer({ button, speed, speedOut }, lab, { speeds, onChange }) {
  speed.min = "0";
  speed.max = String(speeds.length - 1);
  speed.step = "1";
  let playing = false;
  let raf = 0;
  let last = 0;
  let owed = 0;
  let nextPhaseAt = 0;

  const level = () => Number(speed.value);
  const showSpeed = () => {
    speedOut.textContent = speeds[level()].label;
    speed.setAttribute("aria-valuetext", speeds[level()].label);
  };
  speed.addEventListener("input", () => {
    showSpeed();
    onChange?.();
  });
  showSpeed();

  function tick(now) {
    if (!playing) return;
    const s = speeds[level()];
    if (s.animate) {
      if (now >= nextPhaseAt) {
        nextPhaseAt = now + 1000 / (3 * s.perSecond);
        lab.stepPhase();
      }
    } else {
      const dt = Math.min(100, now - last); // a background tab must not owe a million iterations
      owed += (s.perSecond * dt) / 1000;
      const n = Math.floor(owed);
      if (n > 0) {
        owed -= n;
        lab.advance(n);
      }
    }
    last = now;
    if (lab.snapshot.trouble) set(false);
    else raf = requestAnimationFrame(tick);
  }

  function set(on) {
    if (on === playing) return;
    playing = on;
    button.setAttribute("aria-pressed", String(on));
    button.querySelector(".label").textContent = on ? "Pause" : "Play";
    cancelAnimationFrame(raf);
    if (on) {
      if (lab.snapshot.trouble) lab.dismissTrouble();
      last = performance.now();
      owed = 0;
      nextPhaseAt = 0;
      raf = requestAnimationFrame(tick);
    }
    onChange?.();
  }

  button.addEventListener("click", () => set(!playing));
  return {
    get playing() {
      return playing;
    },
    get level() {
      return level();
    },
    /** How long one phase's animation lasts at the current speed (ms): about 0.5 s, shorter
     * as the speed rises; 0 where phases are not animated. */
    phaseDuration() {
      const s = speeds[level()];
      return s.animate ? Math.min(600, 1000 / (3 * s.perSecond)) * 0.9 : 0;
    },
    /** The slowest speed of at least `perSecond` iterations a second. */
    levelOf(perSecond) {
      return speeds.findIndex((s) => s.perSecond >= perSecond);
    },
    pause: () => set(false),
    setLevel(n) {
      speed.value = String(Math.min(speeds.length - 1, Math.max(0, Math.round(n))));
      showSpeed();
    },
    play: () => set(true),
  };
}
