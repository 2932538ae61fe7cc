/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

/**
 * Kanjo's service worker: the app shell (built JS/CSS, static files and
 * index.html) is precached per version, so the SPA opens without a network.
 * Data never goes through here: /api/* is left to the network, and the
 * records live in IndexedDB, which a new version does not touch.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `kanjo-shell-${version}`;
const SHELL = '/index.html';
const PRECACHE = [...build, ...files, SHELL];
const PRECACHED = new Set(PRECACHE);

sw.addEventListener('install', (event) => {
  // No skipWaiting here: an update waits until the user chooses to reload
  // (UpdatePrompt), so a page never runs code from two versions at once.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== CACHE && key.startsWith('kanjo-shell-')) await caches.delete(key);
      }
      // The first install controls the open page at once, so it works offline from now on.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  if (isSkipWaiting(event.data)) void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins, and the API (sessions, sync, SSE), are never cached.
  if (url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;
  // The CRM panel is opened inside the CRM: only the network's answer carries the
  // headers that let the CRM frame it (the cached shell forbids framing), and it
  // is never used offline.
  if (url.pathname === '/crm-panel' || url.pathname.startsWith('/crm-panel/')) return;

  if (request.mode === 'navigate') {
    event.respondWith(appShell(request));
  } else if (PRECACHED.has(url.pathname)) {
    event.respondWith(fromCache(request, url.pathname));
  }
});

/**
 * Every page of the SPA is index.html; the precached one matches the
 * precached assets, so it is served first. The network is the fallback for
 * the short moment before the first install finished.
 */
async function appShell(request: Request): Promise<Response> {
  const cached = await caches.match(SHELL, { cacheName: CACHE });
  return cached ?? fetch(request);
}

async function fromCache(request: Request, path: string): Promise<Response> {
  const cached = await caches.match(path, { cacheName: CACHE });
  return cached ?? fetch(request);
}

function isSkipWaiting(data: unknown): boolean {
  return (
    typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING'
  );
}
