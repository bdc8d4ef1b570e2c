import type { ActKind, SeanceStatus } from '../../schemas/governance';
import { submissionActKinds } from '../../schemas/governance';
import { limits } from '../../schemas/limits';
import { seanceIsAPosteriori } from '../governance/aPosteriori';
import { formatDateFr, parisDate } from '../governance/parisTime';
import { DomainError, type FieldError } from '../errors';
import type { InstanceRecord } from '../store/instances';
import type { SeanceDocumentRecord, SeanceRecord } from '../store/seances';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

export interface AgendaItemInput {
  projectId: string;
  versionId?: string | null;
  act: ActKind;
}

const seanceNotFound = () => new DomainError('not_found', 'seance_not_found', 'Séance introuvable.');

/** The séance and its instance, once the user is known to keep that instance's calendar. */
export function managedSeance(deps: Deps, user: UserRecord, seanceId: string): { seance: SeanceRecord; instance: InstanceRecord } {
  const seance = deps.store.seances.get(seanceId);
  const instance = seance && deps.store.instances.get(seance.instanceId);
  if (!seance || !instance) throw seanceNotFound();
  assertManages(deps, user, instance);
  return { seance, instance };
}

function assertManages(deps: Deps, user: UserRecord, instance: InstanceRecord): void {
  if (!deps.policy.can(user, { action: 'seance.manage', instanceId: instance.id, organisationId: instance.organisationId })) {
    throw new DomainError('forbidden', 'forbidden', `Seul le secrétariat de l’instance « ${instance.name} » gère ses séances.`);
  }
}

/**
 * Whether a project can go before an instance: the instance belongs to the project's
 * organisation, to its GHT, or to one of its member établissements.
 */
function projectFitsInstance(deps: Deps, projectOrganisationId: string | null, instance: InstanceRecord): boolean {
  if (projectOrganisationId === null || projectOrganisationId === instance.organisationId) return true;
  const projectOrg = deps.store.organisations.get(projectOrganisationId);
  const instanceOrg = deps.store.organisations.get(instance.organisationId);
  return projectOrg?.parentId === instance.organisationId || instanceOrg?.parentId === projectOrganisationId;
}

function agendaErrors(deps: Deps, instance: InstanceRecord, items: AgendaItemInput[], prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    const project = deps.store.projects.get(item.projectId);
    if (submissionActKinds.includes(item.act)) {
      errors.push({
        path: `${prefix}${index}.act`,
        message:
          'La transmission ou la soumission à l’ARS et son accusé de réception ne se mettent pas à l’ordre du jour : ils résultent du dossier de transmission et de sa réception par l’ARS.',
      });
    }
    if (!project) errors.push({ path: `${prefix}${index}.projectId`, message: 'Projet inconnu.' });
    else if (!projectFitsInstance(deps, project.organisationId, instance)) {
      errors.push({ path: `${prefix}${index}.projectId`, message: 'Ce projet ne relève pas de cette instance (autre organisation).' });
    } else if (item.versionId && !deps.store.versions.get(item.projectId, item.versionId)) {
      errors.push({ path: `${prefix}${index}.versionId`, message: 'Cette version n’appartient pas au projet.' });
    }
  });
  return errors;
}

function audit(deps: Deps, user: UserRecord, action: string, seance: { id: string }, details: Record<string, unknown>, projectId: string | null = null): void {
  deps.store.audit.append({ actorId: user.id, actorName: user.name, action, projectId, subjectType: 'seance', subjectId: seance.id, details });
}

/** One entry for the séance and one per project on its agenda, so each project's audit trail shows it. */
export function auditWithProjects(deps: Deps, user: UserRecord, action: string, seance: { id: string }, details: Record<string, unknown>): void {
  audit(deps, user, action, seance, details);
  for (const projectId of new Set(deps.store.seances.agenda(seance.id).map((i) => i.projectId))) audit(deps, user, action, seance, details, projectId);
}

/** Whether acts that count (not annulled) are recorded at the séance. */
export const hasActs = (deps: Deps, seanceId: string): boolean => deps.store.acts.ofSeance(seanceId).length > 0;

export function createSeance(
  deps: Deps,
  user: UserRecord,
  input: { instanceId: string; date: string; startTime?: string; endTime?: string; place?: string; agenda: AgendaItemInput[] },
  now = new Date(),
): string {
  const instance = deps.store.instances.get(input.instanceId);
  if (!instance) throw new DomainError('not_found', 'instance_not_found', 'Instance introuvable.');
  assertManages(deps, user, instance);
  const errors = agendaErrors(deps, instance, input.agenda, 'agenda.');
  if (input.endTime && input.startTime && input.endTime <= input.startTime) errors.push({ path: 'endTime', message: 'La fin doit suivre le début.' });
  if (errors.length > 0) throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', errors);
  const aPosteriori = seanceIsAPosteriori(input.date, parisDate(now));
  return deps.store.transaction(() => {
    const id = deps.store.seances.create({
      instanceId: instance.id,
      date: input.date,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      place: input.place ?? '',
      aPosteriori,
      createdBy: user.id,
      agenda: input.agenda.map((i) => ({ projectId: i.projectId, versionId: i.versionId ?? null, act: i.act })),
    });
    audit(deps, user, 'seance.create', { id }, { instanceId: instance.id, date: input.date, agenda: input.agenda, aPosteriori });
    for (const projectId of new Set(input.agenda.map((i) => i.projectId))) {
      audit(
        deps,
        user,
        'agenda.add',
        { id },
        { instance: instance.name, date: input.date, items: input.agenda.filter((i) => i.projectId === projectId) },
        projectId,
      );
    }
    return id;
  });
}

/**
 * Changes a séance. Once it has acts (not annulled), its date and status are fixed (409
 * `seance_has_acts`): the acts were checked against them. Moved to a past date, it becomes "saisie
 * a posteriori" (by this user, now). Cancelling and moving are audited under their own names, for
 * the séance and for each project on its agenda.
 */
export function updateSeance(
  deps: Deps,
  user: UserRecord,
  seanceId: string,
  patch: { date?: string; startTime?: string | null; endTime?: string | null; place?: string; status?: SeanceStatus },
  now = new Date(),
): SeanceRecord {
  const { seance } = managedSeance(deps, user, seanceId);
  const moved = patch.date !== undefined && patch.date !== seance.date;
  const statusChanged = patch.status !== undefined && patch.status !== seance.status;
  if ((moved || statusChanged) && hasActs(deps, seanceId)) {
    throw new DomainError(
      'conflict',
      'seance_has_acts',
      moved
        ? 'Des actes sont enregistrés pour cette séance : sa date ne peut plus changer.'
        : 'Des actes sont enregistrés pour cette séance : elle ne peut être ni annulée ni changer de statut. Annulez d’abord ces actes, avec une justification, s’ils ont été saisis par erreur.',
    );
  }
  const next: SeanceRecord = {
    ...seance,
    date: patch.date ?? seance.date,
    startTime: patch.startTime === undefined ? seance.startTime : patch.startTime,
    endTime: patch.endTime === undefined ? seance.endTime : patch.endTime,
    place: patch.place ?? seance.place,
    status: patch.status ?? seance.status,
  };
  if (moved && !seance.aPosteriori && seanceIsAPosteriori(next.date, parisDate(now))) {
    Object.assign(next, { aPosteriori: true, aPosterioriBy: user.id, aPosterioriAt: now.toISOString() });
  }
  if (next.startTime && next.endTime && next.endTime <= next.startTime) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [{ path: 'endTime', message: 'La fin doit suivre le début.' }]);
  }
  if (moved && next.convocationSentOn && next.date < next.convocationSentOn) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'date', message: `La convocation est partie le ${formatDateFr(next.convocationSentOn)} : la séance ne peut pas la précéder.` },
    ]);
  }
  deps.store.transaction(() => {
    deps.store.seances.update(next);
    if (statusChanged && next.status === 'cancelled') auditWithProjects(deps, user, 'seance.cancel', seance, { date: seance.date, from: seance.status });
    if (moved) auditWithProjects(deps, user, 'seance.move', seance, { from: seance.date, to: next.date, aPosteriori: next.aPosteriori });
    audit(deps, user, 'seance.update', seance, { patch });
  });
  return next;
}

export function addAgendaItem(deps: Deps, user: UserRecord, seanceId: string, item: AgendaItemInput): string {
  const { seance, instance } = managedSeance(deps, user, seanceId);
  const errors = agendaErrors(deps, instance, [item], '');
  if (errors.length > 0) {
    throw new DomainError(
      'invalid',
      'validation_failed',
      'Données invalides (corps).',
      errors.map((e) => ({ ...e, path: e.path.replace(/^0\./, '') })),
    );
  }
  return deps.store.transaction(() => {
    // Checked in the transaction that adds, so the limit holds however the items arrive.
    if (deps.store.seances.agenda(seance.id).length >= limits.agendaItems) {
      throw new DomainError(
        'conflict',
        'agenda_full',
        `L’ordre du jour compte déjà ${limits.agendaItems} points, le maximum pour une séance : planifiez une autre séance.`,
      );
    }
    const id = deps.store.seances.addAgendaItem(seance.id, { projectId: item.projectId, versionId: item.versionId ?? null, act: item.act });
    audit(deps, user, 'agenda.add', seance, { instance: instance.name, date: seance.date, items: [item] }, item.projectId);
    return id;
  });
}

const itemHasAct = (deps: Deps, seanceId: string, item: { projectId: string; act: ActKind }): boolean =>
  deps.store.acts.ofSeance(seanceId).some((a) => a.projectId === item.projectId && a.kind === item.act);
const itemHasActError = () =>
  new DomainError('conflict', 'agenda_item_has_act', 'L’acte de ce point est déjà enregistré : le point reste à l’ordre du jour, tel quel.');

/** Sets the frozen version of an agenda item (planned while the version was still to freeze). */
export function setAgendaItemVersion(deps: Deps, user: UserRecord, seanceId: string, itemId: string, versionId: string | null): void {
  const { seance } = managedSeance(deps, user, seanceId);
  const item = deps.store.seances.agenda(seanceId).find((i) => i.id === itemId);
  if (!item) throw new DomainError('not_found', 'agenda_item_not_found', 'Point de l’ordre du jour introuvable.');
  if (itemHasAct(deps, seanceId, item)) throw itemHasActError();
  if (versionId && !deps.store.versions.get(item.projectId, versionId)) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'versionId', message: 'Cette version n’appartient pas au projet.' },
    ]);
  }
  deps.store.transaction(() => {
    deps.store.seances.setAgendaVersion(seanceId, itemId, versionId);
    audit(deps, user, 'agenda.version', seance, { itemId, act: item.act, from: item.versionId, to: versionId }, item.projectId);
  });
}

export function removeAgendaItem(deps: Deps, user: UserRecord, seanceId: string, itemId: string): void {
  const { seance } = managedSeance(deps, user, seanceId);
  const item = deps.store.seances.agenda(seanceId).find((i) => i.id === itemId);
  if (!item) throw new DomainError('not_found', 'agenda_item_not_found', 'Point de l’ordre du jour introuvable.');
  if (itemHasAct(deps, seanceId, item)) throw itemHasActError();
  deps.store.transaction(() => {
    deps.store.seances.removeAgendaItem(seanceId, itemId);
    audit(deps, user, 'agenda.remove', seance, { item }, item.projectId);
  });
}

export const acceptedDocumentTypes: Record<string, { magic: string | null }> = {
  'application/pdf': { magic: '%PDF-' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { magic: 'PK' },
  'application/vnd.oasis.opendocument.text': { magic: 'PK' },
};

export function attachDocument(
  deps: Deps,
  user: UserRecord,
  seanceId: string,
  input: { name: string; mediaType: string; data: Uint8Array },
): SeanceDocumentRecord {
  const { seance } = managedSeance(deps, user, seanceId);
  const accepted = acceptedDocumentTypes[input.mediaType];
  if (!accepted) throw new DomainError('unsupported', 'unsupported_media_type', 'Formats acceptés : PDF, DOCX, ODT.');
  const head = Buffer.from(input.data.subarray(0, 8)).toString('latin1');
  if (input.data.byteLength === 0 || (accepted.magic && !head.startsWith(accepted.magic))) {
    throw new DomainError('invalid', 'validation_failed', 'Le fichier ne correspond pas à son type déclaré.', [
      { path: '(corps)', message: 'Contenu invalide.' },
    ]);
  }
  return deps.store.transaction(() => {
    const document = deps.store.seances.attachDocument({ seanceId, name: input.name, mediaType: input.mediaType, data: input.data, uploadedBy: user.id });
    audit(deps, user, 'seance.document', seance, { documentId: document.id, name: document.name, sha256: document.sha256, size: document.size });
    return document;
  });
}
