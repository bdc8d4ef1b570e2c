import * as Y from 'yjs';
import { isIntegrated, type DecodedUpdate } from './updateNovelty';
import { ItemsByClient } from './itemsByClient';

/** Where a struct lives: its root type's name and the map keys (parentSub) down to it. */
export interface Location {
  root: string;
  path: (string | null)[];
  /** The items of the types along the path: `holders[i]` holds the type `path[i + 1]` is in. */
  holders: Y.Item[];
}

/** One change an update makes: a struct it inserts, or one already in the document it deletes. */
export interface Change {
  kind: 'insert' | 'delete';
  /** Where the struct lives: its last path element is its own map key (null in a list or text). */
  location: Location;
  item: Y.Item;
  /** For a deletion: the clocks of the struct it deletes, [from, to) (a range may cover part of a struct). */
  deleted?: { from: number; to: number };
}

/** What an update would change, found without applying it. */
export interface UpdateScope {
  /** Root types the update inserts into or deletes from. */
  roots: Set<string>;
  /** Locations of every change, for checks finer than a root (e.g. one key of a section map). */
  locations: Location[];
  /** Every change with its struct, for checks of what the update writes. */
  changes: Change[];
  /** Structs of the update itself (or of staged ones) that its delete set removes again. */
  deletedNew: Set<Y.Item>;
  /** Some change refers to structs the server does not have yet (it would apply later). */
  unresolved: boolean;
  /** The updates accepted before this one and not yet applied (see ItemsByClient). */
  staged?: ItemsByClient;
}

type IdLike = { client: number; clock: number };
const isId = (value: unknown): value is IdLike =>
  typeof value === 'object' && value !== null && 'client' in value && 'clock' in value && !(value instanceof Y.AbstractType);

export type { DecodedUpdate };

/**
 * Reads an update's structs and delete set and locates each change in the document, using the
 * document's struct store for what is already there and the update itself (and the updates
 * `staged` before it) for what is new. Items encoded with an origin carry no parent: they live
 * where their origin lives.
 */
export function scopeOfUpdate(doc: Y.Doc, { structs, ds }: DecodedUpdate, staged?: ItemsByClient): UpdateScope {
  const own = new ItemsByClient();
  own.add(structs);
  const scope: UpdateScope = { roots: new Set(), locations: [], changes: [], deletedNew: new Set(), unresolved: false, staged };
  const memo = new Map<Y.Item, Location | 'gc' | null>();

  // Items of updates accepted but not yet applied are found as the update's own are.
  const findLocal = (id: IdLike): Y.Item | undefined => own.find(id) ?? staged?.find(id);

  /** The struct with that id: integrated (store), new (this update), 'gc', or null (unknown). */
  const find = (id: IdLike): Y.Item | 'gc' | null => {
    const inStore = doc.store.clients.get(id.client);
    if (inStore && Y.getState(doc.store, id.client) > id.clock) {
      const struct = inStore[Y.findIndexSS(inStore, id.clock)];
      return struct instanceof Y.Item ? struct : 'gc';
    }
    return findLocal(id) ?? null;
  };

  const locate = (item: Y.Item, depth = 0): Location | 'gc' | null => {
    if (memo.has(item)) return memo.get(item)!;
    if (depth > 10_000) return null;
    let result: Location | 'gc' | null;
    const parent: unknown = item.parent;
    if (parent instanceof Y.AbstractType) {
      result = locateType(parent, item.parentSub, depth);
    } else if (typeof parent === 'string') {
      result = { root: parent, path: [item.parentSub], holders: [] };
    } else if (isId(parent)) {
      const holder = find(parent);
      result = holder === null || holder === 'gc' ? holder : extend(locate(holder, depth + 1), item.parentSub, holder);
    } else {
      // Encoded with an origin: same parent and key as its neighbour.
      const neighbourId = item.origin ?? item.rightOrigin;
      const neighbour = neighbourId ? find(neighbourId) : null;
      result = neighbour === null || neighbour === 'gc' ? neighbour : sibling(locate(neighbour, depth + 1));
    }
    memo.set(item, result);
    return result;
  };

  const locateType = (type: Y.AbstractType<unknown>, parentSub: string | null, depth: number): Location | 'gc' | null => {
    if (type._item === null) return { root: Y.findRootTypeKey(type), path: [parentSub], holders: [] };
    return extend(locate(type._item, depth + 1), parentSub, type._item);
  };
  const extend = (outer: Location | 'gc' | null, key: string | null, holder: Y.Item) =>
    outer === null || outer === 'gc' ? outer : { root: outer.root, path: [...outer.path, key], holders: [...outer.holders, holder] };
  const sibling = (other: Location | 'gc' | null) => other;

  const record = (kind: Change['kind'], item: Y.Item, location: Location | 'gc' | null, deleted?: Change['deleted']): void => {
    if (location === null) scope.unresolved = true;
    else if (location !== 'gc') {
      scope.roots.add(location.root);
      scope.locations.push(location);
      scope.changes.push(deleted ? { kind, location, item, deleted } : { kind, location, item });
    }
  };

  // A struct after a gap in its client's clocks would wait, pending, for the missing ones: it is
  // applied later, when an update brings them, past every check made now.
  const nextClock = new Map<number, number>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) scope.unresolved = true;
    const client = struct.id.client;
    const expected = nextClock.get(client);
    if (expected === undefined) {
      const known = Y.getState(doc.store, client);
      const afterStaged = struct.id.clock > 0 && staged?.find({ client, clock: struct.id.clock - 1 }) !== undefined;
      if (struct.id.clock > known && !afterStaged) scope.unresolved = true;
    } else if (struct.id.clock !== expected) {
      scope.unresolved = true;
    }
    nextClock.set(client, struct.id.clock + struct.length);
  }

  // Structs the server already has and deletions it already applied change nothing: a client's
  // sync step carries its whole delete set every time.
  for (const struct of structs) if (struct instanceof Y.Item && !isIntegrated(doc, struct)) record('insert', struct, locate(struct));
  for (const [client, ranges] of ds.clients) {
    const inStore = doc.store.clients.get(client);
    const known = inStore ? Y.getState(doc.store, client) : 0;
    for (const { clock, len } of ranges) {
      let at = clock;
      while (at < clock + len) {
        if (inStore && at < known) {
          const struct = inStore[Y.findIndexSS(inStore, at)]!;
          const deleted = { from: Math.max(at, struct.id.clock), to: Math.min(clock + len, struct.id.clock + struct.length) };
          if (struct instanceof Y.Item && !struct.deleted) record('delete', struct, locate(struct), deleted);
          at = struct.id.clock + struct.length;
        } else {
          // Deleting what this update inserts was located with the insert; anything else is unknown.
          const item = findLocal({ client, clock: at });
          if (!item) {
            scope.unresolved = true;
            break;
          }
          scope.deletedNew.add(item);
          at = item.id.clock + item.length;
        }
      }
    }
  }
  return scope;
}
