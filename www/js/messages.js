// The page's two places for messages about links and files: the status line beside the share
// buttons (brief, it fades) and the notice (what a link or a file could not use, or what a
// teacher's scene shows; it stays until dismissed). Text only: nothing from a link becomes
// markup.

/** How long the status line keeps a message (ms). */
const STATUS_MS = 3000;

/** els: { status, notice, title, list, close } -> { say(text), showNotice(title, items, always) }. */
export function createMessages({ status, notice, title, list, close }) {
  let timer = 0;
  close.addEventListener("click", () => (notice.hidden = true));
  return {
    /** A short message in the status line (a polite live region), gone after a while. */
    say(text) {
      status.textContent = text;
      clearTimeout(timer);
      timer = setTimeout(() => (status.textContent = ""), STATUS_MS);
    },
    /** Lists what was ignored ({ key, reason } each); with no items, shows the title alone
     * only if `always`. */
    showNotice(text, items, always = false) {
      title.textContent = text;
      if (!items.length && !always) {
        notice.hidden = true;
        return;
      }
      list.replaceChildren(...items.map((i) => Object.assign(document.createElement("li"), { textContent: `${i.key}: ${i.reason}` })));
      notice.hidden = false;
    },
    /** Puts text on the clipboard, or, where there is none (an insecure context, a refusal),
     * shows it to copy by hand; says which. */
    async copy(text, what) {
      try {
        await navigator.clipboard.writeText(text);
        this.say(`${what} copied ✓`);
      } catch {
        window.prompt(`Copy this ${what.toLowerCase()}:`, text);
        this.say(`${what} shown to copy`);
      }
    },
  };
}
