import type { WebsocketProvider } from 'y-websocket';
import { isSilent } from './collab/heartbeat';
import { h } from './dom';
import type { Part } from './ui/part';

export type ConnectionState = 'connected' | 'connecting' | 'disconnected';

export const connectionText: Record<ConnectionState, string> = {
  connected: 'Connecté',
  connecting: 'Connexion…',
  disconnected: 'Hors ligne – vos modifications seront synchronisées au retour du réseau',
};

/** What the provider's flags mean to the user (pure, for tests). */
export function connectionState(input: {
  online: boolean;
  wsConnected: boolean;
  synced: boolean;
  /** Closes since the last successful sync. */
  failures: number;
  /** The server told us to stop reconnecting. */
  stopped: boolean;
  /** The socket says open but nothing came back for seconds (see collab/heartbeat.ts). */
  silent?: boolean;
}): ConnectionState {
  if (input.silent) return 'disconnected';
  if (input.wsConnected && input.synced) return 'connected';
  if (!input.online || input.stopped) return 'disconnected';
  if (input.wsConnected) return 'connecting';
  // Between retries, say "offline" rather than flicker between two states.
  return input.failures > 0 ? 'disconnected' : 'connecting';
}

/** The `#connection-status` badge, kept in step with the provider. */
export function createConnectionBadge(provider: WebsocketProvider): Part {
  const text = h('span', { class: 'connection-text' });
  const element = h(
    'p',
    { id: 'connection-status', class: 'connection-status', role: 'status' },
    h('span', { class: 'connection-dot', 'aria-hidden': 'true' }),
    text,
  );
  let failures = 0;
  let stopped = false;
  const render = (): void => {
    const state = connectionState({
      online: navigator.onLine,
      wsConnected: provider.wsconnected,
      synced: provider.synced,
      failures,
      stopped,
      silent: isSilent(provider),
    });
    if (element.dataset.state === state) return;
    element.dataset.state = state;
    text.textContent = connectionText[state];
  };
  const later = (): void => void setTimeout(render, 0);
  const onClose = (): void => {
    failures += 1;
    later();
  };
  const onClosed = (): void => {
    stopped = true;
    later();
  };
  const onStatus = (event: { status: ConnectionState }): void => {
    if (event.status === 'connecting' && stopped && provider.shouldConnect) stopped = false;
    later();
  };
  const onSync = (synced: boolean): void => {
    if (synced) {
      failures = 0;
      stopped = false;
    }
    later();
  };
  provider.on('connection-close', onClose);
  provider.on('closed', onClosed);
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  window.addEventListener('online', render);
  window.addEventListener('offline', render);
  // Silence has no event: look twice a second (the badge tells the truth within 5 s).
  const watch = setInterval(render, 500);
  render();
  return {
    element,
    destroy() {
      provider.off('connection-close', onClose);
      provider.off('closed', onClosed);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      window.removeEventListener('online', render);
      window.removeEventListener('offline', render);
      clearInterval(watch);
    },
  };
}
