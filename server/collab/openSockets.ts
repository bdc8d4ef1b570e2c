import type { OpenSockets, SocketRevocation } from '../deps';
import type { CloseCodeName } from './closeCodes';

/** One admitted collaboration socket, as the index knows it. */
export interface OpenSocket {
  userId: string;
  projectId: string;
  sessionHash: string;
  close(name: CloseCodeName): void;
}

const closeCodeFor: Record<SocketRevocation, CloseCodeName> = {
  rightsChanged: 'rightsChanged',
  removed: 'forbidden',
  loggedOut: 'unauthorized',
  // A deactivated account has no rights left anywhere: the client must not reconnect.
  deactivated: 'forbidden',
};

/**
 * Every admitted socket by user, so that a role change, a removal or a logout closes the
 * sockets it concerns at once: rights are decided when a socket is admitted, and a socket
 * kept open would keep them. In memory: one process (see docs/ARCHITECTURE.md).
 */
export class OpenSocketIndex implements OpenSockets {
  private readonly byUser = new Map<string, Set<OpenSocket>>();

  add(socket: OpenSocket): void {
    const set = this.byUser.get(socket.userId) ?? new Set();
    set.add(socket);
    this.byUser.set(socket.userId, set);
  }

  remove(socket: OpenSocket): void {
    const set = this.byUser.get(socket.userId);
    set?.delete(socket);
    if (set?.size === 0) this.byUser.delete(socket.userId);
  }

  revoke(target: { userId: string; projectId?: string; sessionHash?: string }, why: SocketRevocation): number {
    const matching = [...(this.byUser.get(target.userId) ?? [])].filter(
      (s) => (target.projectId === undefined || s.projectId === target.projectId) && (target.sessionHash === undefined || s.sessionHash === target.sessionHash),
    );
    for (const socket of matching) {
      this.remove(socket);
      socket.close(closeCodeFor[why]);
    }
    return matching.length;
  }
}
