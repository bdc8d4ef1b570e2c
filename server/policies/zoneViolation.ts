/*
 * The verdict of the update guard's zone checks and the writer's rights they weigh: their own
 * module, below documentZones.ts and the checks it calls (structured records, comments, images,
 * shared text), which all return a ZoneViolation.
 */

/**
 * Why a client's update is refused, by zone of the Y.Doc (docs/YJS.md):
 * - `serverOwned`: it touches the outline (`sections`) or `meta`, which change only through REST
 *   commands;
 * - `locked`: it touches a section a coordinator locked (text or structured records);
 * - `invalid`: what it writes would not be a valid document (a record that fails its schema, an
 *   unknown root, a node the rich-text schema does not have);
 * - `unresolved`: it builds on changes the server does not have (a correct client never sends
 *   one; applied later, it would escape every check made now);
 * - `forbidden`: the writer's role does not allow it (a reviewer's direct edit, another's comment).
 */
export type ZoneRefusal = 'serverOwned' | 'locked' | 'invalid' | 'unresolved' | 'forbidden';

export interface ZoneViolation {
  refusal: ZoneRefusal;
  /** For the log: what was refused, in English. */
  detail: string;
}

export interface WriterRights {
  /** Coordinators write in locked sections. */
  canEditLocked: boolean;
  /** Who writes: comments and suggestions belong to their author. */
  userId: string;
  /** Coordinators resolve and reopen anyone's comment threads. */
  canManage: boolean;
  /**
   * Whether an image node's src names an image stored with this project (commands/images.ts);
   * absent, no image node is accepted.
   */
  isProjectImage?: (src: string) => boolean;
  /**
   * Whether this person may be named a fiche-action's pilot or référent (a member of the
   * project: `fiche.designate` in can.ts); absent, nobody may be.
   */
  mayDesignate?: (userId: string) => boolean;
}
