// The built site's service worker: registered here, explained in sw.js.

/** The built site (dist/) registers its service worker, which keeps every file cached: the
 * next visit opens at once, and with no network at all. www/ (development) does not: its meta
 * tag names no worker. When a new version takes over, the page says a reload will show it. */
export function registerOffline(status) {
  const script = document.querySelector('meta[name="service-worker"]')?.content;
  if (!script || !("serviceWorker" in navigator)) return;
  const updating = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!updating) return; // the first visit's worker taking charge: nothing new to show
    status.replaceChildren("A new version of Backprop Lab is ready: reload the page to use it.");
    status.hidden = false;
  });
  navigator.serviceWorker.register(script).catch((e) => console.warn(`Working offline is not available here: ${e.message}`));
}
