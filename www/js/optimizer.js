// The optimizer picker: plain gradient descent (what the ledger explains) or momentum,
// Nesterov, RMSProp and Adam, with their hyper-parameters. The core checks every value, and
// says each one's usual value and limits (hyperParameters).

import { numberField } from "./dom.js";

/** The core's optimizers as { defaults: { kind: optimizer }, limits: { name: [min, max] } }. */
export function hyperParameters(core) {
  return {
    defaults: Object.fromEntries(core.defaults().optimizers.map((o) => [o.kind, o])),
    limits: core.limits().hyperParameters,
  };
}
export const NAMES = { sgd: "Gradient descent", momentum: "Momentum", nesterov: "Nesterov", rmsprop: "RMSProp", adam: "Adam" };
export const LABELS = { beta: "β (momentum)", rho: "ρ (decay)", eps: "ε", beta1: "β₁", beta2: "β₂" };

export function createOptimizerPicker({ select, details, fields }, lab, parse, { defaults, limits }) {
  select.addEventListener("change", () => lab.setSettings({ optimizer: { ...defaults[select.value] } }));
  let shown = "";
  function build(opt) {
    const keys = Object.keys(opt).filter((k) => k !== "kind");
    details.hidden = keys.length === 0;
    fields.replaceChildren(...keys.map((k) => {
      const { label, input } = numberField(`optim-${k}`, LABELS[k]);
      input.value = String(opt[k]);
      const message = document.createElement("span");
      message.className = "field-error";
      message.setAttribute("role", "status");
      input.addEventListener("change", () => {
        const [lo, hi] = limits[k];
        const { value, error } = parse(input.value, LABELS[k], lo, hi);
        if (error !== undefined) {
          message.textContent = `${error}. Kept ${lab.settings.optimizer[k]}.`;
          input.value = String(lab.settings.optimizer[k]);
          return;
        }
        message.textContent = "";
        lab.setSettings({ optimizer: { ...lab.settings.optimizer, [k]: value } });
      });
      label.append(message);
      return label;
    }));
  }
  return {
    update(settings) {
      const opt = settings.optimizer ?? defaults.sgd;
      if (document.activeElement !== select && select.value !== opt.kind) select.value = opt.kind;
      const key = JSON.stringify(opt);
      if (key !== shown && !fields.contains(document.activeElement)) {
        shown = key;
        build(opt);
      }
    },
  };
}
