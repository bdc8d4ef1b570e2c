import type { ActView } from '../../governance/acts';
import { lateRecordingDays } from '../../governance/aPosteriori';
import { versionHeading } from '../../governance/wording';
import type { ContentDiff } from '../../governance/diff';
import { formatDateFr } from '../../governance/parisTime';
import { actLabel, instanceLabel, outcomeLabel, votesText } from '../governanceFacts';
import { exportTemplate } from '../html/handlebars';
import { blocks } from '../html/richView';
import { frenchDateTime } from '../model/french';
import { richTextFromJson } from '../model/richText';
import type { TimelineEntry } from '../model/types';

/**
 * The small PDFs of a submission package (one per act, the timeline, the avenant's diff, the
 * covering bordereau), as print HTML from templates/export/*.hbs.
 */

export interface AnnexContext {
  organisation: string;
  documentTitle: string;
  versionLabel: string;
  projectOrganisationId: string | null;
}

const layout = (context: AnnexContext, title: string, subtitle: string) => ({
  title,
  subtitle,
  organisation: context.organisation,
  runningTitle: context.documentTitle,
  runningRight: context.versionLabel,
});

export function actHtml(context: AnnexContext, act: ActView, pvFileName: string | null): string {
  const heading = `${actLabel(act)}${act.outcome ? ` ${outcomeLabel(act).toLowerCase()}` : ''} — ${act.instance.name}`;
  const pv = richTextFromJson(act.pvExtract);
  return exportTemplate('act')({
    ...layout(context, heading, `${context.documentTitle} — séance du ${formatDateFr(act.seance.date)}`),
    act: {
      instance: instanceLabel(act, context.projectOrganisationId),
      seance: `${formatDateFr(act.seance.date)}${act.seance.startTime ? ` à ${act.seance.startTime.replace(':', 'h')}` : ''}${act.seance.place ? `, ${act.seance.place}` : ''}`,
      kind: actLabel(act),
      outcome: outcomeLabel(act),
      votes: votesText(act.votes),
      reserves: act.reserves,
      notes: act.notes,
      version: versionHeading(act.version.number, act.version.label),
      versionHash: act.version.hash,
      recordedBy: act.recordedBy.name,
      recordedAt: frenchDateTime(act.recordedAt),
      aPosteriori: act.aPosteriori !== null,
      override: act.override ? `Règle(s) ${act.override.rules.join(', ')} levée(s) par ${act.override.by.name} : ${act.override.justification}` : '',
      pvDocument: pvFileName,
    },
    pv: pv ? blocks(pv.content, 2) : [],
  });
}

export function timelineHtml(
  context: AnnexContext,
  versions: { number: number; label: string; date: string; hash: string }[],
  timeline: TimelineEntry[],
  deadlines: { date: string; label: string; status: string }[],
): string {
  return exportTemplate('timeline')({
    ...layout(context, 'Calendrier d’approbation', context.documentTitle),
    versions,
    timeline,
    deadlines,
  });
}

const changeLabels = { added: 'partie ajoutée', removed: 'partie supprimée', changed: 'partie modifiée' } as const;
const structuredChangeLabels = { added: 'ajout', removed: 'suppression', changed: 'modification' } as const;
const partLabels = { filiere: 'Filière', ficheAction: 'Fiche-action', indicator: 'Indicateur', objectif: 'Objectif' } as const;
/** Unchanged lines are left out: the reader sees what the avenant changes. */
const opLabels = { added: 'Ajoutée', removed: 'Supprimée' } as const;

export function diffHtml(context: AnnexContext, amended: string, diff: ContentDiff): string {
  return exportTemplate('diff')({
    ...layout(context, 'Modifications apportées par l’avenant', `Par rapport à la ${amended}`),
    summary: diff.summary,
    titleChange: diff.title,
    sections: diff.sections.map((s) => ({
      title: s.title,
      change: changeLabels[s.change],
      titleBefore: s.titleBefore ?? null,
      moved: s.moved,
      added: s.text?.added ?? 0,
      removed: s.text?.removed ?? 0,
      lines: (s.text?.lines ?? []).filter((l) => l.op !== 'equal').map((l) => ({ op: l.op, label: opLabels[l.op as 'added' | 'removed'], text: l.text })),
      structured: s.structured.map((c) => ({ part: partLabels[c.part], label: c.label, change: structuredChangeLabels[c.change] })),
    })),
  });
}

export function bordereauHtml(
  context: AnnexContext,
  input: {
    from: string;
    /** The ARS, or null for an adoption record. */
    to: string | null;
    purpose: 'information' | 'approbation' | 'adoption';
    document: string;
    versionHash: string;
    amends: string | null;
    createdAt: string;
    createdBy: string;
    legalBasis: string;
    files: { name: string; description: string }[];
  },
  acts: ActView[],
): string {
  const titles = {
    information: 'Transmission à l’agence régionale de santé, pour information avant la signature de la convention',
    approbation: 'Soumission à l’agence régionale de santé de la convention ou de l’avenant signé, pour approbation',
    adoption: 'Dossier d’adoption, conservé par l’établissement',
  } as const;
  return exportTemplate('bordereau')({
    ...layout(context, input.to ? 'Bordereau de transmission à l’agence régionale de santé' : 'Bordereau du dossier d’adoption', context.documentTitle),
    ...input,
    lateRecordingDays,
    aPosteriori: acts.flatMap((act) =>
      act.aPosteriori
        ? [
            {
              act: `${actLabel(act)} — ${instanceLabel(act, context.projectOrganisationId)}, séance du ${formatDateFr(act.seance.date)}`,
              by: act.aPosteriori.by.name,
              at: frenchDateTime(act.aPosteriori.at),
            },
          ]
        : [],
    ),
    purposeLabel: titles[input.purpose],
    version: context.versionLabel,
  });
}
