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
  // The tip stays while the pointer is on the number or on the tip itself (it can be read
  // or selected), with a moment's grace to cross the gap between them; Esc dismisses it
  // without moving focus (WCAG 1.4.13).
  let leaving = 0;
  const stay = () => clearTimeout(leaving);
  const leave = () => {
    stay();
    leaving = setTimeout(hide, 300);
  };
  // The tip is outside `root` (a child of the body): it keeps itself up while hovered.
  tip.addEventListener("pointerenter", stay);
  tip.addEventListener("pointerleave", (e) => {
    if (!(target && target.contains(e.relatedTarget))) leave();
  });
  root.addEventListener("pointerover", (e) => {
    const el = find(e);
    if (el) {
      stay();
      show(el);
    }
  });
  root.addEventListener("pointerout", (e) => {
    if (!target || find(e) !== target) return;
    const to = e.relatedTarget;
    if (to && (tip.contains(to) || target.contains(to))) return;
    leave();
  });
  root.addEventListener("focusin", (e) => {
    stay();
    show(find(e));
  });
  root.addEventListener("focusout", () => {
    stay();
    hide();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || tip.hidden) return;
    // Esc dismisses the tip. When the tip is the focused number's, that is all it does (a menu
    // or the lesson around it does not also close); otherwise it goes on to the focused
    // control (the map's Esc undoes a drag).
    const own = target === document.activeElement;
    stay();
    hide();
    if (own) e.stopPropagation();
  }, true);
  return { refresh: () => target && show(target) };
}
