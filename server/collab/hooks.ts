import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { CloseCodeName } from './closeCodes';
import type { ItemsByClient } from '../yjs/itemsByClient';
import type { UpdateRefusal } from './loadedDocument';
import type { PresenceUser } from './presenceGate';
import type { DecodedUpdate } from '../yjs/updateScope';

/** A connection let in: who, on which project, through which session, with which rights. */
export interface Admission {
  userId: string;
  projectId: string;
  /** Hash of the session the connection came through (a logout closes it). */
  sessionHash: string;
  /** What the connection may write (decided once, at admission; a change of rights closes it). */
  rights: {
    canWrite: boolean;
    /** Comments and suggestions only (a reviewer), when `canWrite` is false. */
    canReview: boolean;
    canEditLocked: boolean;
    /** Coordinators resolve anyone's comment threads. */
    canManage: boolean;
  };
  presenceUser: PresenceUser;
}

/**
 * The collaboration server's decisions, passed in from server/app.ts (in the spirit of
 * Hocuspocus' onAuthenticate and beforeHandleMessage): the endpoint speaks the protocol, these
 * say who may connect and what each update may change.
 */
export interface CollabHooks {
  /** Who may connect to a project, with which rights; or the close code that refuses them. */
  admit(req: IncomingMessage, projectId: string): Admission | CloseCodeName;
  /**
   * Checks a client's update before anything of it is stored or broadcast: `staged` holds the
   * updates accepted before it and not yet applied, which it may build on.
   */
  guardUpdate(admission: Admission, doc: Y.Doc, update: DecodedUpdate, staged: ItemsByClient, raw: Uint8Array): UpdateRefusal | null;
}
