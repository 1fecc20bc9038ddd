// The pre-rendered page of a built site (scripts/prerender.mjs): the default page, rendered at
// build time, is on screen while the core loads; the live page is built beside it, out of
// sight, and takes its place in one go, so nothing moves. www/ has none: these do nothing there.

/** Puts the page as written (index.html's template) before the pre-rendered copy, so that every
 * look-up by id finds the live element while both are in the document; returns the copy, or
 * null where there is none. */
export function buildBeside() {
  const source = document.getElementById("app-source");
  const copy = document.querySelector("main.prerender");
  if (!source || !copy) return null;
  copy.before(source.content.cloneNode(true));
  return copy;
}

/** Lays the live page out where it will be, unseen, while the copy is on screen. */
export function outOfSight(app) {
  app.classList.add("beside");
  app.hidden = false;
}

/** Shows the live page laid out by outOfSight (retire takes the copy away in the same task). */
export function inSight(app) {
  app.classList.remove("beside");
}

/** Takes the copy away, if there is one (the live page is shown in the same task, or a
 * failure is). */
export function retire() {
  document.querySelector("main.prerender")?.remove();
  document.documentElement.classList.remove("pre-shown");
}
