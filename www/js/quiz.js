// Predict, then reveal: the page hides delta2, delta1 and the two weight gradients for a
// reproducible exercise; the learner types predictions; the core grades them (1%) and the
// ledger is revealed with the learner's numbers beside the true ones.

export const HIDDEN = ["delta2", "delta1", "dCdW2", "dCdW1", "dCdB2", "dCdB1"];
const ASKED = [["delta2", "δ₂"], ["delta1", "δ₁"], ["dCdW2", "∂C/∂w₂"], ["dCdW1", "∂C/∂w₁"]];

export function createQuiz({ button, panel, fields, check, again, result, seedLine }, core, lab, { onChange, valueLimit }) {
  let seed = null;
  const inputs = {};
  fields.replaceChildren(...ASKED.map(([key, label]) => {
    const l = document.createElement("label");
    l.className = "param-field";
    const input = document.createElement("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.id = `quiz-${key}`;
    inputs[key] = input;
    l.append(`${label} `, input);
    return l;
  }));

  /** The learner's own run before the quiz (its settings, start and iteration), given back
   * when the quiz ends; null when the quiz came with the page (a link). */
  let before = null;

  function start(s = Math.floor(Math.random() * 1e9)) {
    if (seed === null && document.documentElement.dataset.ready === "true") {
      const snap = lab.snapshot;
      before = { settings: structuredClone(lab.settings), start: snap.start, iteration: snap.iteration };
    }
    seed = s;
    const e = core.quizExercise(seed, lab.settings.output);
    lab.setSettings({ samples: [e.sample], chosen: 0, cost: e.cost });
    lab.setParams(e.params);
    for (const input of Object.values(inputs)) input.value = "";
    result.replaceChildren();
    document.body.classList.add("quiz");
    document.body.classList.remove("revealed");
    panel.hidden = false;
    button.setAttribute("aria-pressed", "true");
    seedLine.textContent = `Exercise ${seed}: x = ${e.sample.x}, y = ${e.sample.y}, ${e.cost === "squared" ? "squared error" : "cross-entropy"}. Predict the hidden numbers from the ones shown (the exercise keeps its weights and data until you leave the quiz).`;
    onChange();
  }

  function stop() {
    seed = null;
    if (before) {
      lab.setSettings(before.settings);
      lab.setParams(before.start);
      if (before.iteration > 0) lab.replay(before.iteration);
      before = null;
    }
    document.body.classList.remove("quiz", "revealed");
    panel.hidden = true;
    button.setAttribute("aria-pressed", "false");
    onChange();
  }

  button.addEventListener("click", () => (seed === null ? start() : stop()));
  again.addEventListener("click", () => start());
  check.addEventListener("click", () => {
    // The core grades (the page never reads the answers before the learner has given theirs)
    // and says which factor to recheck.
    const typed = ASKED.map(([key, label]) => core.parseNumber(inputs[key].value, label, -valueLimit, valueLimit));
    const checked = lab.session.checkQuiz(typed.map((t) => (t.error === undefined ? t.value : null)));
    const items = ASKED.map(([key, label], i) => {
      const { right, truth, truthText, hint } = checked[i];
      const li = document.createElement("li");
      li.className = right ? "right" : "wrong";
      const said = typed[i].error === undefined ? inputs[key].value.trim() : "nothing usable";
      li.textContent = `${right ? "✓" : "✗"} ${label}: you said ${said}; back-propagation gives ${truthText}${hint ? `. ${hint}` : ""}`;
      li.title = `exact: ${truth}`;
      return li;
    });
    result.replaceChildren(...items);
    const score = items.filter((li) => li.className === "right").length;
    const summary = document.createElement("li");
    summary.className = "score";
    summary.textContent = `${score} of ${ASKED.length} within 1%. The chain rule now shows every factor.`;
    result.append(summary);
    document.body.classList.add("revealed");
    onChange();
  });

  return {
    get seed() {
      return seed;
    },
    /** True while an exercise's answers are hidden (until the learner checks them). */
    get hiding() {
      return seed !== null && !document.body.classList.contains("revealed");
    },
    /** Hidden numbers must not leak through the exact-value tips either. */
    hides(el) {
      return this.hiding && HIDDEN.includes(el.dataset.key);
    },
    start,
    stop,
  };
}
