import type { CoherenceView, GapsSent } from '../../schemas/api/coherence';
import type { Deps } from '../deps';
import { coherenceHtml } from '../export/coherenceHtml';
import { DomainError } from '../errors';
import { coherenceView } from '../governance/coherence';
import { coherenceHash, gapSentences } from '../governance/coherenceGaps';
import { projectCoordinatorIds } from '../queries/projectCoordinators';
import type { UserRecord } from '../store/users';
import { runReminders } from './reminders';

/** The view as this user may read it: every member, only the établissements whose PM they work on, or 403. */
export function readableCoherence(deps: Deps, user: UserRecord, ghtId: string): CoherenceView {
  const ght = deps.store.organisations.get(ghtId);
  if (ght?.kind !== 'GHT') throw new DomainError('not_found', 'organisation_not_found', 'GHT introuvable.');
  const all = deps.policy.can(user, { action: 'coherence.readAll', ghtId });
  const own = (id: string) => deps.policy.can(user, { action: 'coherence.readEtablissement', etablissementId: id });
  const members = deps.store.organisations.list().filter((o) => o.parentId === ghtId);
  if (!all && !members.some((m) => own(m.id))) {
    throw new DomainError(
      'forbidden',
      'forbidden',
      'La cohérence avec le PMP est réservée aux membres du PMP du GHT, aux équipes des projets médicaux de ses établissements et à l’ARS destinataire.',
    );
  }
  const view = {
    ...coherenceView(deps, ghtId),
    scope: all ? ('all' as const) : ('own' as const),
    canSend: deps.policy.can(user, { action: 'coherence.send', ghtId }),
  };
  if (all) return view;
  return {
    ...view,
    filieres: view.filieres.map((f) => ({ ...f, etablissements: f.etablissements.filter((e) => own(e.id)) })),
    etablissements: view.etablissements.filter((e) => own(e.id)),
  };
}

/** The view as a PDF (through the export line: one PDF per user at a time, PDF/A-2). */
export function exportCoherencePdf(deps: Deps, user: UserRecord, ghtId: string, signal?: AbortSignal): Promise<Uint8Array> {
  const view = readableCoherence(deps, user, ghtId);
  return deps.exportSlots.hold(user.id, 'pdf', () =>
    deps.pdf.renderSimple(
      coherenceHtml(view),
      { signal },
      { title: 'Cohérence des projets médicaux avec le PMP', author: view.ghtName, subject: view.pmpTitle, language: 'fr-FR' },
    ),
  );
}

/**
 * « Envoyer au PCME »: the PCMG sends a member the gaps of its PM against the adopted PMP, to
 * the PM's coordinators (its PCME), in the application and by e-mail; audited.
 */
export async function sendGapsToPcme(deps: Deps, user: UserRecord, ghtId: string, etablissementId: string): Promise<GapsSent> {
  if (!deps.store.organisations.get(ghtId)) throw new DomainError('not_found', 'organisation_not_found', 'GHT introuvable.');
  if (!deps.policy.can(user, { action: 'coherence.send', ghtId })) {
    throw new DomainError(
      'forbidden',
      'forbidden',
      'Seul un coordonnateur du projet médical partagé du GHT (le président de la CMG) peut envoyer les écarts à un établissement.',
    );
  }
  const view = coherenceView(deps, ghtId);
  const etablissement = view.etablissements.find((e) => e.id === etablissementId);
  if (!etablissement) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'etablissementId', message: 'Établissement inconnu parmi les membres de ce GHT.' },
    ]);
  }
  if (!etablissement.pmProjectId) {
    throw new DomainError('conflict', 'pm_not_found', `${etablissement.name} n’a pas de projet médical dans l’atelier : personne à prévenir.`);
  }
  const recipients = projectCoordinatorIds(deps, etablissement.pmProjectId);
  const sentences = gapSentences(view, etablissement);
  const link = `${deps.config.publicUrl ?? ''}/${coherenceHash(ghtId, etablissementId)}`;
  const at = new Date().toISOString();
  const title =
    sentences.length > 0
      ? `Cohérence avec le PMP : ${sentences.length} écart(s) pour ${etablissement.name}`
      : `Cohérence avec le PMP : aucun écart pour ${etablissement.name}`;
  const body = `${user.name} (président de la CMG) vous adresse les écarts du projet médical de ${etablissement.name} avec « ${view.pmpTitle} ». ${sentences.join(' ')} Voir : ${link}`;
  let notified = 0;
  deps.store.transaction(() => {
    for (const userId of recipients) {
      const added = deps.store.notifications.add(
        {
          userId,
          dedupeKey: `coherence-sent:${ghtId}:${etablissementId}:${at}`,
          kind: 'coherence_gaps',
          title,
          body,
          projectId: etablissement.pmProjectId,
          seanceId: null,
        },
        deps.mailer !== null,
      );
      if (added) notified++;
    }
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'coherence.sent',
      projectId: etablissement.pmProjectId,
      subjectType: 'organisation',
      subjectId: etablissementId,
      details: { ghtId, pmpProjectId: view.pmpProjectId, pmpVersionId: view.pmpVersionId, recipients, gaps: sentences },
    });
  });
  // E-mails go through the reminders' sender (one at a time per server, failures retried).
  if (deps.mailer) await runReminders(deps, new Date(), deps.mailer);
  return { notified, byEmail: deps.mailer !== null };
}
