// The activation of each node (sigmoid by default; tanh, ReLU, linear), and the rule that
// cross-entropy needs a sigmoid output: choosing another output switches the cost to squared
// error and says so. The core checks the pair too.

import { put } from "./dom.js";

/** How the page writes each activation: the node's symbol and its slope's name. */
export const ACTIVATIONS = Object.freeze({
  sigmoid: { symbol: "σ", name: "sigmoid", slope: "σ′" },
  tanh: { symbol: "tanh", name: "tanh", slope: "tanh′" },
  relu: { symbol: "ReLU", name: "ReLU", slope: "ReLU′" },
  linear: { symbol: "id", name: "linear", slope: "id′" },
});

/** g(z) for the node glyph (a picture only: every number on the page comes from the core). */
export function shape(kind, z) {
  switch (kind) {
    case "tanh": return Math.tanh(z);
    case "relu": return Math.max(0, z);
    case "linear": return z;
    default: return 1 / (1 + Math.exp(-z));
  }
}

const CE_NEEDS_SIGMOID = "Cross-entropy needs a sigmoid output (ŷ must be a probability between 0 and 1)";

export function createActivationPicker({ hidden, output, note, cost }, lab) {
  const ceOption = cost.querySelector('option[value="crossEntropy"]');
  hidden.addEventListener("change", () => {
    note.textContent = "";
    lab.setSettings({ hidden: hidden.value });
  });
  output.addEventListener("change", () => {
    const patch = { output: output.value };
    if (output.value !== "sigmoid" && lab.settings.cost === "crossEntropy") {
      patch.cost = "squared";
      note.textContent = `${CE_NEEDS_SIGMOID}, so the cost is now squared error.`;
    } else {
      note.textContent = "";
    }
    lab.setSettings(patch);
  });
  return {
    /** `locked`: a quiz is on, whose exercise fixes the network until the learner leaves it. */
    update(settings, locked = false) {
      if (document.activeElement !== hidden) put(hidden, "value", settings.hidden);
      if (document.activeElement !== output) put(output, "value", settings.output);
      for (const select of [hidden, output, cost]) {
        put(select, "disabled", locked);
        if (locked) put(select, "title", "The exercise fixes the network: leave the quiz to change it");
      }
      const sigmoidOut = settings.output === "sigmoid";
      put(ceOption, "disabled", !sigmoidOut);
      put(ceOption, "textContent", sigmoidOut ? "Cross-entropy" : "Cross-entropy (needs a sigmoid output)");
      if (!locked) {
        put(hidden, "title", "");
        put(output, "title", "");
        put(cost, "title", sigmoidOut ? "" : `${CE_NEEDS_SIGMOID}.`);
      }
    },
  };
}
