// Service worker template; scripts/build.mjs fills in VERSION and PRECACHE for each release.
// Cache-first from one cache per release: a page and everything it loads always come from the same
// release. A new release installs beside the old one and takes over when no tab of the old one is
// open (no skipWaiting), then the old cache is deleted. The employer's files are precached; the
// accountmanager's page is cached when it is first visited, so employers never download it.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `vio-${VERSION}`;

self.addEventListener('install', (event) => {
  // From the network, never the browser's HTTP cache: a host that lets browsers keep index.html for a
  // while (GitHub Pages: ten minutes) would otherwise put the old release's page in the new cache.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('vio-') && k !== CACHE).map((k) => caches.delete(k)))));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A gemeente's config.json (docs/DEPLOY.md) is theirs to change at any time, not part of a
    // release: from the network when there is one, the copy kept here when offline.
    if (new URL(request.url).pathname.endsWith('/config.json')) {
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      } catch {
        // Offline with no copy kept: answered as a copy without a config is (404), not as a
        // network error, so the page goes on as without one.
        return (await cache.match(request)) ?? new Response(null, { status: 404, statusText: 'Not Found' });
      }
    }
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  })());
});
