import { colorForUser } from '../userColor';

/** Another user present in the project, merged over all of their tabs and devices. */
export interface Peer {
  userId: string;
  name: string;
  color: string;
  /** The sections this user has open (one per tab), without duplicates. */
  sectionIds: string[];
}

/** What this editor publishes in the awareness protocol. */
export interface LocalPresence {
  user: { id: string; name: string; color: string };
  sectionId: string | null;
}

const hexColor = /^#[0-9a-fA-F]{6}$/;
const maxName = 120;

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/**
 * The other users present, from the awareness states (remote data: every field is checked).
 * Excludes this client and every tab of the current user; sorted by name.
 */
export function peersFromStates(states: Map<number, unknown>, selfClientId: number, selfUserId: string): Peer[] {
  const byUser = new Map<string, Peer>();
  states.forEach((raw, clientId) => {
    if (clientId === selfClientId) return;
    const state = asRecord(raw);
    const user = asRecord(state?.user);
    if (!state || !user || typeof user.id !== 'string' || user.id === '' || user.id === selfUserId) return;
    const name = typeof user.name === 'string' && user.name.trim() !== '' ? user.name.trim().slice(0, maxName) : 'Utilisateur';
    const color = typeof user.color === 'string' && hexColor.test(user.color) ? user.color : colorForUser(user.id);
    const peer = byUser.get(user.id) ?? { userId: user.id, name, color, sectionIds: [] };
    const sectionId = state.sectionId;
    if (typeof sectionId === 'string' && sectionId !== '' && !peer.sectionIds.includes(sectionId)) {
      peer.sectionIds.push(sectionId);
    }
    byUser.set(user.id, peer);
  });
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.userId.localeCompare(b.userId));
}

/** A stable key of what presence displays, to skip re-rendering on mere caret moves. */
export function peersKey(peers: Peer[]): string {
  return JSON.stringify(peers.map((p) => [p.userId, p.name, p.color, p.sectionIds]));
}
