/**
 * Installs the service worker that keeps the application shell (serviceWorker.ts), and tells it
 * which files this page loaded before it took control, so that the very first visit is enough
 * for a reload without network.
 */
export function keepApplicationShell(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
      registration.active?.postMessage({ keep: [new URL('/', location.href).href, ...loaded] });
    })
    .catch(() => {});
}
