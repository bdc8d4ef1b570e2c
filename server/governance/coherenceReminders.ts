import type { Deps } from '../deps';
import { currentPmp } from '../queries/ghtProjects';
import { projectCoordinatorIds } from '../queries/projectCoordinators';
import { coherenceView, hasGaps } from './coherence';
import { coherenceHash, gapSentences } from './coherenceGaps';
import { organisationConfig } from './organisationConfig';
import { addMonths, formatDateFr, parisDate } from './parisTime';
import type { Reminder } from './reminder';

/**
 * « Un projet médical pas encore cohérent six mois après un avenant du PMP » (issue 24, item 5;
 * L6132-2-2): once a PMP avenant (a version of line 2 or more) has been adopted for
 * `coherenceAfterAvenantMonths` (6 by default), each member whose PM still has gaps in the
 * cohérence view (an assigned filière not covered, a modality not mentioned, or no adopted PM)
 * is reminded: its PM's coordinators (the PCME) and the PMP's (the PCMG). Once per avenant and member.
 */
export function coherenceReminders(deps: Deps, now: Date): Reminder[] {
  const today = parisDate(now);
  const reminders: Reminder[] = [];
  for (const ght of deps.store.organisations.list().filter((o) => o.kind === 'GHT' && o.archivedAt === null)) {
    const pmp = currentPmp(deps, ght.id, now);
    if (!pmp?.adoption || pmp.adoption.version.line < 2) continue;
    const months = organisationConfig(deps, ght.id).reminders.coherenceAfterAvenantMonths;
    const due = addMonths(pmp.adoption.adoptedOn, months);
    if (today < due) continue;
    const view = coherenceView(deps, ght.id, now);
    const pcmg = projectCoordinatorIds(deps, pmp.project.id);
    const link = `${deps.config.publicUrl ?? ''}/`;
    for (const etablissement of view.etablissements.filter(hasGaps)) {
      const pcme = etablissement.pmProjectId ? projectCoordinatorIds(deps, etablissement.pmProjectId) : [];
      reminders.push({
        userIds: [...pcme, ...pcmg],
        dedupeKey: `coherence-overdue:${view.pmpVersionId}:${etablissement.id}`,
        kind: 'coherence_overdue',
        title: `Projet médical à mettre en cohérence avec l’avenant du PMP : ${etablissement.name}`,
        body: `L’avenant n° ${pmp.adoption.version.line - 1} de « ${view.pmpTitle} » est adopté depuis le ${formatDateFr(pmp.adoption.adoptedOn)} ; ${months} mois après, le projet médical de ${etablissement.name} n’est pas encore cohérent avec lui. ${gapSentences(view, etablissement).join(' ')} Voir : ${link}${coherenceHash(ght.id, etablissement.id)}`,
        projectId: etablissement.pmProjectId,
        seanceId: null,
      });
    }
  }
  return reminders;
}
