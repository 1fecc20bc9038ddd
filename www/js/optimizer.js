// The optimizer picker: plain gradient descent (what the ledger explains) or momentum,
// Nesterov, RMSProp and Adam, with their hyper-parameters. The core checks every value.

export const DEFAULTS = {
  sgd: { kind: "sgd" },
  momentum: { kind: "momentum", beta: 0.9 },
  nesterov: { kind: "nesterov", beta: 0.9 },
  rmsprop: { kind: "rmsprop", rho: 0.9, eps: 1e-8 },
  adam: { kind: "adam", beta1: 0.9, beta2: 0.999, eps: 1e-8 },
};
export const NAMES = { sgd: "Gradient descent", momentum: "Momentum", nesterov: "Nesterov", rmsprop: "RMSProp", adam: "Adam" };
export const LABELS = { beta: "β (momentum)", rho: "ρ (decay)", eps: "ε", beta1: "β₁", beta2: "β₂" };
export const LIMITS = { beta: [0, 0.999999], rho: [0, 0.999999], beta1: [0, 0.999999], beta2: [0, 0.999999], eps: [1e-12, 0.1] };

export function createOptimizerPicker({ select, details, fields }, lab, parse) {
  select.addEventListener("change", () => lab.setSettings({ optimizer: { ...DEFAULTS[select.value] } }));
  let shown = "";
  function build(opt) {
    const keys = Object.keys(opt).filter((k) => k !== "kind");
    details.hidden = keys.length === 0;
    fields.replaceChildren(...keys.map((k) => {
      const label = document.createElement("label");
      label.className = "param-field";
      const input = document.createElement("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.id = `optim-${k}`;
      input.value = String(opt[k]);
      const message = document.createElement("span");
      message.className = "field-error";
      message.setAttribute("role", "status");
      input.addEventListener("change", () => {
        const [lo, hi] = LIMITS[k];
        const { value, error } = parse(input.value, LABELS[k], lo, hi);
        if (error !== undefined) {
          message.textContent = `${error}. Kept ${lab.settings.optimizer[k]}.`;
          input.value = String(lab.settings.optimizer[k]);
          return;
        }
        message.textContent = "";
        lab.setSettings({ optimizer: { ...lab.settings.optimizer, [k]: value } });
      });
      label.append(`${LABELS[k]} `, input, message);
      return label;
    }));
  }
  return {
    update(settings) {
      const opt = settings.optimizer ?? DEFAULTS.sgd;
      if (document.activeElement !== select) select.value = opt.kind;
      const key = JSON.stringify(opt);
      if (key !== shown && !fields.contains(document.activeElement)) {
        shown = key;
        build(opt);
      }
    },
  };
}
