// The bar's drop-down menus (<details class="export">): one open at a time, Esc or a click
// elsewhere closes the open one, and Esc gives focus back to its button.

export function installMenus(root = document) {
  const menus = [...root.querySelectorAll("details.export")];
  for (const menu of menus) {
    menu.addEventListener("toggle", () => {
      if (menu.open) for (const other of menus) if (other !== menu) other.open = false;
    });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const open = menus.find((m) => m.open);
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
    e.preventDefault();
    e.stopPropagation();
  });
  document.addEventListener("pointerdown", (e) => {
    for (const m of menus) if (m.open && !m.contains(e.target)) m.open = false;
  });
  return { closeAll: () => menus.forEach((m) => (m.open = false)) };
}
