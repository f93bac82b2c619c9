/* HireHall service worker: offline app shell. The API is never cached. */
// The build (vite.config.ts, precacheShell) replaces this line with every JS/CSS file it made.
const BUILD = { version: 'dev', files: [] };
const VERSION = `hirehall-shell-${BUILD.version}`;
/** /jobs, /jobfairs and /jobfairs/:id (not /jobs/:id, a page of the app) */
const SERVER_PAGES = /^\/(jobs|jobfairs(\/[^/]+)?)\/?$/;
const SHELL = [
  '/',
  '/manifest.webmanifest',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  ...BUILD.files,
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(VERSION)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
  if (url.pathname.startsWith('/dev/')) return;
  // the server renders the public job search and fair pages itself (no app shell): the browser
  // loads them as usual, and they never replace the cached shell below
  if (request.mode === 'navigate' && SERVER_PAGES.test(url.pathname)) return;

  // pages: network first, the cached shell when offline (the router draws the page)
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(VERSION).then((cache) => cache.put('/', copy));
          }
          return response;
        })
        .catch(() => caches.match('/').then((cached) => cached || Response.error())),
    );
    return;
  }

  // hashed build assets and icons: cache first, filled as they are used
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')) {
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(VERSION).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
