import { trajectoryStatuses, type FollowupFiche, type FollowupIndicator, type Rollup } from '../../schemas/api/followup';

/**
 * The dashboard's roll-ups (issue 24): indicators by status and étapes done and late, for the
 * project, per filière (the fiche-action's filière) and per établissement (those the fiche-action
 * concerns). A chapter's indicator belongs to no filière and no établissement: it counts for the
 * project only.
 */
function rollupOf(indicators: FollowupIndicator[], fiches: FollowupFiche[]): Rollup {
  const counts = Object.fromEntries(trajectoryStatuses.map((s) => [s, 0])) as Rollup['indicators'];
  for (const indicator of indicators) counts[indicator.status]++;
  const etapes = fiches.flatMap((f) => f.etapes);
  return { indicators: counts, etapes: { total: etapes.length, done: etapes.filter((e) => e.done).length, late: etapes.filter((e) => e.late).length } };
}

export function followupRollups(
  indicators: FollowupIndicator[],
  fiches: FollowupFiche[],
  filieres: { id: string; name: string }[],
  etablissements: { id: string; name: string }[],
) {
  return {
    project: rollupOf(indicators, fiches),
    filieres: filieres.map((f) => ({
      ...f,
      ...rollupOf(
        indicators.filter((i) => i.filiereId === f.id),
        fiches.filter((x) => x.filiereId === f.id),
      ),
    })),
    etablissements: etablissements.map((e) => ({
      ...e,
      ...rollupOf(
        indicators.filter((i) => i.etablissements.includes(e.id)),
        fiches.filter((x) => x.etablissements.includes(e.id)),
      ),
    })),
  };
}
