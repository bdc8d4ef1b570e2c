/**
 * The service worker (built to /sw.js): it keeps the application shell — the page, its scripts
 * and styles — so that a reload without network still opens the app, which then opens the
 * documents kept on this device (IndexedDB). Network first: online, the server's files are always
 * the ones used (and the copy is refreshed); the API and the collaboration socket never pass
 * through the cache, as their answers must not be kept by the browser.
 */
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEventLike {
  readonly data: unknown;
}
interface ServiceWorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const scope = self as unknown as ServiceWorkerScope;
const shellCache = 'pmp-shell-v1';

/** What the shell is made of: the page itself and the built files, nothing personal. */
function isShellRequest(url: URL, origin: string, method: string): boolean {
  if (method !== 'GET' || url.origin !== origin) return false;
  return url.pathname === '/' || url.pathname === '/index.html' || url.pathname.startsWith('/assets/');
}
async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(shellCache);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.url.endsWith('/index.html') ? new URL('/', request.url).href : request, response.clone());
    return response;
  } catch (error) {
    // Any page of the app is index.html with another hash.
    const cached =
      (await cache.match(request, { ignoreSearch: true })) ?? (request.mode === 'navigate' ? await cache.match(new URL('/', request.url).href) : undefined);
    if (cached) return cached;
    throw error;
  }
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(shellCache)
      .then((cache) => cache.add('/'))
      .then(() => scope.skipWaiting()),
  );
});
scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('pmp-shell-') && k !== shellCache).map((k) => caches.delete(k))))
      .then(() => scope.clients.claim()),
  );
});
scope.addEventListener('fetch', (event) => {
  if (isShellRequest(new URL(event.request.url), scope.location.origin, event.request.method)) event.respondWith(networkFirst(event.request));
});
// The page names the files it loaded before this worker controlled it (offlineShell.ts); only shell files are kept.
scope.addEventListener('message', (event) => {
  const urls = (event.data as { keep?: unknown } | null)?.keep;
  if (!Array.isArray(urls)) return;
  const shell = urls.filter((u): u is string => typeof u === 'string' && URL.canParse(u) && isShellRequest(new URL(u), scope.location.origin, 'GET'));
  event.waitUntil(caches.open(shellCache).then((cache) => cache.addAll([...new Set(shell)].slice(0, 200))));
});
