import { z } from 'zod';
import { ThreadId } from './comments';
import type { InstanceKind } from './governance';

export const reserveLimits = { items: 30, text: 2000, links: 50 } as const;

/** One réserve of an avis « favorable avec réserves » and what it concerns (issue 21). */
export const ReserveItemInput = z.object({
  text: z.string().trim().min(1, 'Énoncez la réserve.').max(reserveLimits.text),
  /** Comment threads of the act's project (ids of the `comments` map of its document). */
  commentIds: z.array(ThreadId).max(reserveLimits.links).default([]),
  /** Sections of the act's project. */
  sectionIds: z.array(z.string().min(1).max(200)).max(reserveLimits.links).default([]),
});
export type ReserveItemInput = z.infer<typeof ReserveItemInput>;

/** A réserve as stored and shown. */
export interface ReserveItem {
  text: string;
  commentIds: string[];
  sectionIds: string[];
}

export const ReserveItemsInput = z.array(ReserveItemInput).max(reserveLimits.items);

/** A passage a réserve concerns: a section, or a comment thread on it (with the text it points at). */
export interface ReserveConcern {
  sectionId: string;
  sectionTitle: string;
  commentId: string | null;
  quote: string | null;
}

/** A réserve as the editor's comments panel and the timeline show it. */
export interface ReserveView extends ReserveItem {
  actId: string;
  concerns: ReserveConcern[];
  label: string;
  instance: { id: string; kind: InstanceKind; name: string };
  seanceDate: string;
  version: { id: string; number: number };
}
