// The For teachers menu: which controls a link hides (and embed mode), a student link and an
// embed snippet for a class, and the scenes that open with a click (the defaults first). What
// is hidden is part of the link: the share link owns it (share.teacher, share.setTeacher);
// this module shows it and offers the choices.

/**
 * els: { teacherOptions, teacherPresets, embedBox, studentButton, embedButton, worksheetLink };
 * share: the link
 * (teacher, setTeacher, onTeacher, apply, linkFor, here); messages: say, showNotice, copy.
 */
export function createTeacher(els, core, { player }, share, messages) {
  // Teacher options: a checkbox per control that can be hidden, and embed mode.
  /** How each control a teacher may hide is named in the menu; which ones there are is the
   * core's (limits().hideable), as a link checks them. */
  const NAMES = { play: "Play", step: "Step buttons", reset: "Reset", speed: "Speed", cost: "Cost picker", lr: "Learning rate", optimizer: "Optimizer", race: "Optimizer race", activations: "Activation pickers", weights: "Weight sliders", inputs: "x and y sliders", data: "Training data", view: "Surface view tools", check: "Gradient check", loss: "Loss curve" };
  const boxes = {};
  const { hideable: all, teacherTools } = core.limits();
  // The teacher's own tools are not offered here: a student link hides them (below).
  const hideable = all.filter((n) => !teacherTools.includes(n));
  for (const name of hideable) {
    const label = NAMES[name] ?? name;
    const l = document.createElement("label");
    l.className = "check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.dataset.hide = name;
    box.addEventListener("change", () => share.setTeacher({ hide: hideable.filter((n) => boxes[n].checked) }));
    l.append(box, ` Hide ${label.toLowerCase()}`);
    els.teacherOptions.append(l);
    boxes[name] = box;
  }
  els.embedBox.addEventListener("change", () => share.setTeacher({ embed: els.embedBox.checked }));
  // The teachers' scenes are the core's (each held to its claim by its tests); the teacher's
  // hidden controls are kept when one opens, and it says what it shows.
  // The page as it first opens (Reset only goes back to the last weights set by hand).
  const home = document.createElement("button");
  home.type = "button";
  home.textContent = "Back to the defaults";
  home.title = "The page as it first opens: the default weights, data, cost, learning rate and view";
  home.addEventListener("click", async () => {
    player.pause();
    await share.apply({ ...core.defaults().state, ...share.teacher });
    els.teacherPresets.closest("details").open = false;
    messages.say("Back to the defaults");
  });
  els.teacherPresets.append(home);
  for (const { label, why, link } of core.scenes()) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = why;
    b.addEventListener("click", async () => {
      player.pause();
      const { state } = core.decodeLink(link);
      await share.apply({ ...state, ...share.teacher });
      els.teacherPresets.closest("details").open = false;
      messages.say(`Opened: ${label}`);
      // What the scene shows stays on screen until the teacher puts it away.
      messages.showNotice(`${label}. ${why}`, [], true);
    });
    els.teacherPresets.append(b);
  }
  /** Shows the page as the link's hidden controls and embed mode say. */
  function showTeacher({ hide, embed }) {
    for (const el of document.querySelectorAll("[data-control]")) el.hidden = hide.includes(el.dataset.control);
    // What a hidden control set is still shown, read-only (the class should see η).
    for (const el of document.querySelectorAll("[data-when-hidden]")) el.hidden = !hide.includes(el.dataset.whenHidden);
    document.body.classList.toggle("embed", embed);
    for (const [n, box] of Object.entries(boxes)) box.checked = hide.includes(n);
    els.embedBox.checked = embed;
  }
  share.onTeacher(showTeacher);

  // For a class: the teacher's tools (limits().teacherTools) hidden too.
  const studentHide = () => [...new Set([...share.teacher.hide, ...teacherTools])];
  els.studentButton.addEventListener("click", () => messages.copy(share.here(share.linkFor({ hide: studentHide() })), "Student link"));
  /** An iframe for a course page: what is on screen, in embed mode, as a student link hides
   * (its own "Open the full lab" link leads out), sized for the lab's two columns, loaded when
   * scrolled to. */
  const embedCode = () => `<iframe src="${share.here(share.linkFor({ embed: true, hide: studentHide() })).replaceAll("&", "&amp;")}" title="Backprop Lab: back-propagation on a two-node network" width="100%" height="760" loading="lazy" style="border: 0; max-width: 1280px;"></iframe>`;
  els.embedButton.addEventListener("click", () => messages.copy(embedCode(), "Embed code"));
  // A worksheet for paper: the quiz's exercises over this network, each with its student link.
  const { exercises } = core.defaults();
  const worksheetHref = () => `worksheet.html?${new URLSearchParams({ n: String(exercises), from: share.linkFor({ hide: studentHide() }) })}`;
  // Written when it is about to be followed (pointed at, focused or clicked), so it is the
  // page of that moment, also for "open in a new tab".
  for (const type of ["pointerenter", "focus", "click"]) {
    els.worksheetLink.addEventListener(type, () => {
      els.worksheetLink.href = worksheetHref();
    });
  }
}
