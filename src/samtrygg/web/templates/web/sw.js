// samtrygg's service worker: the report form (and the other pages in PAGES) and the static files open without a
// network from the last copy fetched online (the network first, so an upgrade is seen at once). Nothing is sent
// from here: reports made offline wait in the page's outbox (outbox.js), which sends them when the network is back.
"use strict";
const CACHE = "samtrygg-1";
const PAGES = {{ pages|safe }}.map(function (pattern) { return new RegExp(pattern); });

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function remember(request, response) {
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") { return; }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  const page = request.mode === "navigate" && PAGES.some(function (re) { return re.test(url.pathname); });
  if (page || url.pathname.startsWith("{{ static_url }}")) {
    event.respondWith(fetch(request).then(function (response) {
      return remember(request, response);
    }).catch(function () {
      return caches.match(request, { ignoreSearch: page });
    }));
  }
});
