import type { JSONContent } from '@tiptap/core';
import { z } from 'zod';
import { ReserveItemsInput } from '../actReserves';
import { ActKind, ActOutcome, actsWithOutcome, ClockTime, GovernanceText, IsoDate, Votes } from '../governance';
import { limits } from '../limits';
import { isRichTextDoc } from '../richTextDoc';
import { Id } from './ids';

/**
 * The bodies the governance routes accept (docs/API.md, "Governance"): the routes parse them,
 * the editor's client types what it sends with `z.input` of the same schemas.
 */

const Place = z.string().trim().max(limits.titleLength);
export const AgendaItemBody = z.object({ projectId: Id, versionId: Id.nullable().optional(), act: ActKind });
export const CreateSeanceBody = z.object({
  instanceId: Id,
  date: IsoDate,
  startTime: ClockTime.optional(),
  endTime: ClockTime.optional(),
  place: Place.optional(),
  agenda: z.array(AgendaItemBody).max(limits.agendaItems).default([]),
});
export const Justification = z.string().trim().min(10, 'Justifiez en une phrase au moins (10 caractères).').max(4000);

export const RecordActBody = z
  .object({
    projectId: Id,
    versionId: Id,
    kind: ActKind,
    outcome: ActOutcome.optional(),
    votes: Votes.optional(),
    reserves: GovernanceText.optional(),
    reserveItems: ReserveItemsInput.optional(),
    notes: GovernanceText.optional(),
    pvExtract: z.custom<JSONContent>(isRichTextDoc, 'Extrait de PV invalide (texte enrichi attendu).').optional(),
    pvDocumentId: Id.optional(),
    override: z.object({ justification: Justification }).optional(),
  })
  .superRefine((body, ctx) => {
    const withOutcome = actsWithOutcome.includes(body.kind);
    if (body.kind === 'avis' && !body.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Un avis indique son sens : favorable, favorable avec réserves ou défavorable.' });
    }
    if (body.outcome && !withOutcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Ce type d’acte n’a pas de résultat.' });
    if (body.votes && !withOutcome) ctx.addIssue({ code: 'custom', path: ['votes'], message: 'Ce type d’acte ne donne pas lieu à un vote.' });
    if (body.outcome === 'favorable_reserves' && !body.reserves && !body.reserveItems?.length) {
      ctx.addIssue({ code: 'custom', path: ['reserves'], message: 'Un avis favorable avec réserves énonce ses réserves.' });
    }
  });

export const OverrideBody = z.object({
  versionId: Id,
  seanceId: Id.optional(),
  actKind: ActKind,
  rules: z.array(z.string().regex(/^[a-z_]+(:[a-z0-9-]+)?$/, 'règle invalide')).min(1).max(20),
  justification: Justification,
});
