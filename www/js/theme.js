// The page's theme: the system's light or dark unless the learner chose one, remembered on this
// device. The dark palette is its own stylesheet (dark.css), linked with the system's media
// query, so the first paint already follows the system without any script; a chosen theme
// sets that link's media ("all": dark, "not all": light). The canvases ask `dark`.

const KEY = "backprop-lab-theme";
const SYSTEM = "(prefers-color-scheme: dark)";
/** Each choice, as the dark stylesheet's media. */
const MEDIA = Object.freeze({ system: SYSTEM, light: "not all", dark: "all" });

const listeners = new Set();
// The system's changes reach the listeners (where there is a window: the tests import the
// page's modules in Node too).
globalThis.matchMedia?.(SYSTEM).addEventListener("change", () => listeners.forEach((fn) => fn()));
const link = () => document.getElementById("dark-css");

/** Whether the page is dark now, and a change event (the system's, or a choice). */
export const dark = {
  get matches() {
    return matchMedia(link()?.media || SYSTEM).matches;
  },
  addEventListener(_type, fn) {
    listeners.add(fn);
  },
};

/** The theme chosen on this device: "system", "light" or "dark". */
export function chosenTheme() {
  try {
    const t = localStorage.getItem(KEY);
    return t in MEDIA ? t : "system";
  } catch {
    return "system"; // storage refused (a private window): the system's, every visit
  }
}

/** Applies a theme and remembers it (the system's is remembered by forgetting the choice). */
export function setTheme(choice) {
  const theme = choice in MEDIA ? choice : "system";
  const el = link();
  if (el && el.media !== MEDIA[theme]) {
    el.media = MEDIA[theme];
    listeners.forEach((fn) => fn());
  }
  document.documentElement.dataset.theme = theme;
  try {
    if (theme === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // not remembered: it still applies to this visit
  }
}
