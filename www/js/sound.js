// The loss curve as sound: a short glide whose pitch follows the cost (the core's lossTone:
// an octave down for each tenfold fall), for a learner who cannot see the curve, or who would
// rather hear a run fall, flatten, or climb when it diverges.

/** els: { button, note (a status line) }; lab: the page's session and, once loaded, charts. */
export function createLossSound({ button, note }, lab) {
  let audio = null;
  /** The last tone played ({ hz, seconds }), for tests and for anyone curious. */
  let last = null;

  button.addEventListener("click", () => {
    if (!lab.charts) {
      note.textContent = "The sound comes with the pictures, in a moment.";
      return;
    }
    const tone = lab.charts.lossTone(lab.session);
    last = tone;
    try {
      audio ??= new AudioContext();
      audio.resume();
      const t0 = audio.currentTime + 0.02;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "triangle";
      osc.frequency.setValueCurveAtTime(Float32Array.from(tone.hz), t0, tone.seconds);
      // A soft start and end, so it does not click.
      gain.gain.setValueAtTime(0, t0);
      gain.gain.linearRampToValueAtTime(0.18, t0 + 0.04);
      gain.gain.setValueAtTime(0.18, t0 + tone.seconds - 0.08);
      gain.gain.linearRampToValueAtTime(0, t0 + tone.seconds);
      osc.connect(gain).connect(audio.destination);
      osc.start(t0);
      osc.stop(t0 + tone.seconds + 0.02);
      note.textContent = "";
    } catch {
      note.textContent = "This browser could not play the sound.";
    }
  });
  return {
    get last() {
      return last;
    },
  };
}
