import { actKindLabels, actOutcomeLabels, type Votes } from '../../schemas/governance';
import type { Deps } from '../deps';
import { listActs, type ActView } from '../governance/acts';
import { missingRequiredActs } from '../governance/gate';
import { formatDateFr } from '../governance/parisTime';
import { agree, versionHeading } from '../governance/wording';
import type { VersionSummary } from '../store/versions';
import type { TimelineEntry } from './model/types';

/**
 * What the exports show of the governance: version names, the status line of the cover and the
 * approval timeline annex. Reads the governance module; writes nothing.
 */

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function votesText(votes: Votes | null): string {
  if (!votes) return '';
  const n = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;
  return [n(votes.pour, 'pour', 'pour'), n(votes.contre, 'contre', 'contre'), n(votes.abstention, 'abstention', 'abstentions')].join(', ');
}

export const actLabel = (act: Pick<ActView, 'kind'>): string => capitalise(actKindLabels[act.kind]);
export const outcomeLabel = (act: Pick<ActView, 'outcome'>): string => (act.outcome ? capitalise(actOutcomeLabels[act.outcome]) : '');

/** 'Version 3 — Projet soumis aux instances (avenant n° 1)'. */
export function versionTitle(deps: Pick<Deps, 'store'>, version: VersionSummary): string {
  const line = version.line > 1 ? deps.store.versions.lines(version.projectId).find((l) => l.line === version.line) : undefined;
  return `${versionHeading(version.number, version.label)}${line ? ` (${line.label})` : ''}`;
}

export function instanceLabel(act: ActView, projectOrganisationId: string | null): string {
  return act.instance.organisationId === projectOrganisationId || !act.instance.organisationName
    ? act.instance.name
    : `${act.instance.name} — ${act.instance.organisationName}`;
}

/** The acts up to a version (all of them for the current text), as timeline rows. */
export function timelineEntries(deps: Pick<Deps, 'store'>, projectId: string, organisationId: string | null, upTo: VersionSummary | null): TimelineEntry[] {
  return listActs(deps, projectId)
    .filter((act) => !upTo || act.version.number <= upTo.number)
    .map((act) => ({
      date: formatDateFr(act.seance.date),
      instance: instanceLabel(act, organisationId),
      // Entered after the fact: the printed timeline says so, as the API's does.
      act: act.aPosteriori ? `${actLabel(act)} (${agree(act.kind, 'saisi')} a posteriori le ${formatDateFr(act.aPosteriori.at.slice(0, 10))})` : actLabel(act),
      outcome: outcomeLabel(act),
      votes: votesText(act.votes),
      reserves: act.reserves,
      versionLabel: `Version ${act.version.number}`,
    }));
}

/** The status line of the cover page. */
export function versionStatus(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, version: VersionSummary | null): string {
  if (!version) return 'Document de travail — texte courant, non figé';
  const acts = listActs(deps, projectId, { versionId: version.id });
  const receipt = acts.find((a) => a.kind === 'accuse_reception');
  if (receipt) return `Reçue par l’ARS le ${formatDateFr(receipt.seance.date)}`;
  const submitted = acts.find((a) => a.kind === 'soumission');
  if (submitted) return `Soumise à l’approbation de l’ARS le ${formatDateFr(submitted.seance.date)}`;
  const transmission = acts.find((a) => a.kind === 'transmission');
  if (transmission) return `Transmise à l’ARS pour information le ${formatDateFr(transmission.seance.date)}`;
  if (missingRequiredActs(deps, projectId, version.id).length === 0) return 'Version approuvée par les instances';
  return acts.length ? 'Version figée — parcours d’approbation en cours' : 'Version figée — soumise aux instances';
}
