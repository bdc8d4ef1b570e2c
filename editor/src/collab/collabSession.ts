import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { sectionsMap } from '../../../schemas/docLayout';
import { colorForUser } from '../userColor';
import { closeAdvice, type CloseAdvice } from './closeCodes';
import { startHeartbeat } from './heartbeat';
import type { LocalPresence } from './peers';

/** One project's shared document: its Y.Doc, the WebSocket provider and the offline copy. */
export interface CollabSession {
  readonly projectId: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly user: LocalPresence['user'];
  /** Resolves once there is content worth showing: the server synced, or a local copy exists. */
  readonly ready: Promise<void>;
  /** Publishes the section this user has open (awareness `sectionId`). */
  setSection(sectionId: string | null): void;
  /** Reconnects after a close that stopped the automatic reconnection. */
  retry(): void;
  /** Drops this device's copy (and its pending changes) so the next load starts from the server's. */
  discardLocalCopy(): Promise<void>;
  destroy(): void;
}

export interface CollabSessionOptions {
  projectId: string;
  user: { id: string; name: string };
  /** The server closed the connection with a code worth telling the user about. */
  onServerClose(advice: CloseAdvice, code: number): void;
}

/** ws(s)://host of the page: the session cookie rides along with the upgrade request. */
export function collabBaseUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/collab`;
}

export function openCollabSession(options: CollabSessionOptions): CollabSession {
  const doc = new Y.Doc();
  const localName = `pmp-${options.projectId}`;
  const persistence = new IndexeddbPersistence(localName, doc);
  const provider = new WebsocketProvider(collabBaseUrl(), options.projectId, doc, {
    shouldReconnect: (event) => closeAdvice(event.code).reconnect,
    maxBackoffTime: 5000,
  });
  const stopHeartbeat = startHeartbeat(provider);
  const user = { id: options.user.id, name: options.user.name, color: colorForUser(options.user.id) };
  const presence: LocalPresence = { user, sectionId: null };
  provider.awareness.setLocalState({ ...presence });

  provider.on('connection-close', (event) => {
    if (!event) return;
    const advice = closeAdvice(event.code);
    // Not from inside the close handler: disconnect() would re-enter it.
    if (!advice.reconnect) queueMicrotask(() => provider.disconnect());
    if (advice.message || advice.action !== 'none') options.onServerClose(advice, event.code);
  });

  // Back online: try now rather than at the end of the back-off (unless the server said stop).
  let stopped = false;
  provider.on('closed', () => {
    stopped = true;
  });
  const onOnline = (): void => {
    if (!stopped && !provider.wsconnected) provider.connect();
  };
  window.addEventListener('online', onOnline);

  const ready = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (synced: boolean): void => {
      if (synced) {
        provider.off('sync', onSync);
        resolve();
      }
    };
    provider.on('sync', onSync);
    // A project seen before on this device opens from its local copy, even offline.
    persistence.whenSynced.then(
      () => {
        if (sectionsMap(doc).size > 0) resolve();
      },
      () => {},
    );
  });

  return {
    projectId: options.projectId,
    doc,
    provider,
    user,
    ready,
    setSection(sectionId) {
      provider.awareness.setLocalStateField('sectionId', sectionId);
    },
    retry() {
      stopped = false;
      provider.connect();
    },
    async discardLocalCopy() {
      provider.disconnect();
      await persistence.destroy();
      // Another tab holding the database open would block the deletion: do not wait forever.
      await Promise.race([clearDocument(localName), new Promise((resolve) => setTimeout(resolve, 2000))]);
    },
    destroy() {
      stopHeartbeat();
      window.removeEventListener('online', onOnline);
      removeAwarenessStates(provider.awareness, [doc.clientID], 'left');
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}
