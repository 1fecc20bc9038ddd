// Numbers are rounded for reading; hovering or focusing one shows its exact value in a small
// tip (for the SVG diagram as well as the tables). One tip element serves the whole page.

export function installExactTips(root = document.body) {
  const tip = document.createElement("div");
  tip.className = "exact-tip";
  tip.setAttribute("role", "tooltip");
  tip.id = "exact-tip";
  tip.hidden = true;
  document.body.append(tip);
  let target = null;

  const show = (el) => {
    const exact = el?.dataset?.exact;
    if (!exact || el.classList.contains("hidden") || el.classList.contains("pending")) return hide();
    target = el;
    tip.textContent = el.dataset.formula ? `${el.dataset.formula} (exact: ${exact})` : `exact: ${exact}`;
    tip.hidden = false;
    const r = el.getBoundingClientRect();
    const t = tip.getBoundingClientRect();
    const left = Math.min(window.innerWidth - t.width - 4, Math.max(4, r.left + r.width / 2 - t.width / 2));
    const top = r.top - t.height - 6 < 0 ? r.bottom + 6 : r.top - t.height - 6;
    tip.style.transform = `translate(${Math.round(left + scrollX)}px, ${Math.round(top + scrollY)}px)`;
    el.setAttribute("aria-describedby", tip.id);
  };
  const hide = () => {
    target?.removeAttribute("aria-describedby");
    target = null;
    tip.hidden = true;
  };
  const find = (e) => e.target.closest?.("[data-exact]");
  root.addEventListener("pointerover", (e) => show(find(e)));
  root.addEventListener("pointerout", (e) => find(e) === target && hide());
  root.addEventListener("focusin", (e) => show(find(e)));
  root.addEventListener("focusout", hide);
  return { refresh: () => target && show(target) };
}
