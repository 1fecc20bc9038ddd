// Play/Pause and speed: from one animated phase at a time up to a thousand iterations a
// second, where phases are no longer animated and iterations run in batches per frame.

export const SPEEDS = [
  { label: "one phase at a time", perSecond: 0.4, animate: true },
  { label: "1 iteration/s", perSecond: 1, animate: true },
  { label: "3 iterations/s", perSecond: 3, animate: true },
  { label: "10 iterations/s", perSecond: 10 },
  { label: "30 iterations/s", perSecond: 30 },
  { label: "100 iterations/s", perSecond: 100 },
  { label: "300 iterations/s", perSecond: 300 },
  { label: "1000 iterations/s", perSecond: 1000 },
];

/** How long one phase's animation lasts at a speed level (ms): ~0.5 s, shorter as speed rises. */
export function phaseDuration(level) {
  const s = SPEEDS[level];
  return s.animate ? Math.min(600, 1000 / (3 * s.perSecond)) * 0.9 : 0;
}

export function createPlayer({ button, speed, speedOut }, lab, { onChange }) {
  let playing = false;
  let raf = 0;
  let last = 0;
  let owed = 0;
  let nextPhaseAt = 0;

  const level = () => Number(speed.value);
  const showSpeed = () => {
    speedOut.textContent = SPEEDS[level()].label;
    speed.setAttribute("aria-valuetext", SPEEDS[level()].label);
  };
  speed.addEventListener("input", () => {
    showSpeed();
    onChange?.();
  });
  showSpeed();

  function tick(now) {
    if (!playing) return;
    const s = SPEEDS[level()];
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
    pause: () => set(false),
    setLevel(n) {
      speed.value = String(Math.min(SPEEDS.length - 1, Math.max(0, Math.round(n))));
      showSpeed();
    },
    play: () => set(true),
  };
}
