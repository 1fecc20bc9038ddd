// The service worker of the built site (dist/): the next visit opens from the cache at once,
// and the page keeps working when the classroom's Wi-Fi drops. `make dist` writes the
// version (a hash of every file) and the file list below; in www/ (development) the page
// does not register it.
//
// Cache first: every file the page needs is cached when this worker installs, and served from
// the cache from then on. A new version of the site is a new sw.js (its version changed): the
// browser notices it on the next visit, installs it beside the old one (revalidating every
// file with the server: only what changed is downloaded), and it takes over at once and
// drops the old cache, so the visit after that opens the new version. A share link's query
// string does not matter: every link opens the same page.

const VERSION = "dev";
const FILES = [];

/** One cache per copy of the site: several copies under sub-paths of one origin do not
 * touch each other's. */
const PREFIX = `backprop-lab ${new URL("./", self.location).pathname} `;
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // "no-cache": each file is revalidated with the server, so a file the page has just
    // fetched (or one a new version did not change) comes from the HTTP cache on a 304, and
    // only what changed is downloaded again; the first visit is not paid twice.
    await cache.addAll(FILES.map((f) => new Request(f, { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(answer(request));
});

/** From the cache if there (a page with any share link is the page), else from the network,
 * keeping a copy of what the page fetched beyond the list (the scalar build where SIMD does
 * not validate), so it works offline too. */
async function answer(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}
