import type { ActKind, SeanceStatus } from '../../schemas/governance';
import { parisDate } from '../governance/parisTime';
import { HttpError, type FieldError } from '../http/errors';
import type { InstanceRecord } from '../store/instances';
import type { SeanceDocumentRecord, SeanceRecord } from '../store/seances';
import type { UserRecord } from '../store/users';
import type { Deps } from './deps';

export interface AgendaItemInput {
  projectId: string;
  versionId?: string | null;
  act: ActKind;
}

const seanceNotFound = () => new HttpError(404, 'seance_not_found', 'Séance introuvable.');

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
    throw new HttpError(403, 'forbidden', `Seul le secrétariat de l’instance « ${instance.name} » gère ses séances.`);
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

export function createSeance(
  deps: Deps,
  user: UserRecord,
  input: { instanceId: string; date: string; startTime?: string; endTime?: string; place?: string; agenda: AgendaItemInput[] },
): string {
  const instance = deps.store.instances.get(input.instanceId);
  if (!instance) throw new HttpError(404, 'instance_not_found', 'Instance introuvable.');
  assertManages(deps, user, instance);
  const errors = agendaErrors(deps, instance, input.agenda, 'agenda.');
  if (input.endTime && input.startTime && input.endTime <= input.startTime) errors.push({ path: 'endTime', message: 'La fin doit suivre le début.' });
  if (errors.length > 0) throw new HttpError(400, 'validation_failed', 'Données invalides (corps).', errors);
  return deps.store.db.transaction(() => {
    const id = deps.store.seances.create({
      instanceId: instance.id,
      date: input.date,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      place: input.place ?? '',
      createdBy: user.id,
      agenda: input.agenda.map((i) => ({ projectId: i.projectId, versionId: i.versionId ?? null, act: i.act })),
    });
    audit(deps, user, 'seance.create', { id }, { instanceId: instance.id, date: input.date, agenda: input.agenda });
    for (const projectId of new Set(input.agenda.map((i) => i.projectId))) {
      audit(deps, user, 'agenda.add', { id }, { instance: instance.name, date: input.date, items: input.agenda.filter((i) => i.projectId === projectId) }, projectId);
    }
    return id;
  })();
}

export function updateSeance(
  deps: Deps,
  user: UserRecord,
  seanceId: string,
  patch: { date?: string; startTime?: string | null; endTime?: string | null; place?: string; status?: SeanceStatus },
): SeanceRecord {
  const { seance } = managedSeance(deps, user, seanceId);
  if (patch.date && patch.date !== seance.date && deps.store.acts.ofSeance(seanceId).length > 0) {
    throw new HttpError(409, 'seance_has_acts', 'Des actes sont enregistrés pour cette séance : sa date ne peut plus changer.');
  }
  const next: SeanceRecord = {
    ...seance,
    date: patch.date ?? seance.date,
    startTime: patch.startTime === undefined ? seance.startTime : patch.startTime,
    endTime: patch.endTime === undefined ? seance.endTime : patch.endTime,
    place: patch.place ?? seance.place,
    status: patch.status ?? seance.status,
  };
  if (next.startTime && next.endTime && next.endTime <= next.startTime) {
    throw new HttpError(400, 'validation_failed', 'Données invalides (corps).', [{ path: 'endTime', message: 'La fin doit suivre le début.' }]);
  }
  deps.store.db.transaction(() => {
    deps.store.seances.update(next);
    audit(deps, user, 'seance.update', seance, { patch });
  })();
  return next;
}

/** Records that the convocation and agenda went out (today in Paris unless a date is given). */
export function markConvocationSent(deps: Deps, user: UserRecord, seanceId: string, sentOn?: string, now = new Date()): SeanceRecord {
  const { seance } = managedSeance(deps, user, seanceId);
  const next = { ...seance, convocationSentOn: sentOn ?? parisDate(now) };
  deps.store.db.transaction(() => {
    deps.store.seances.update(next);
    audit(deps, user, 'seance.convocation', seance, { date: seance.date, sentOn: next.convocationSentOn });
  })();
  return next;
}

export function addAgendaItem(deps: Deps, user: UserRecord, seanceId: string, item: AgendaItemInput): string {
  const { seance, instance } = managedSeance(deps, user, seanceId);
  const errors = agendaErrors(deps, instance, [item], '');
  if (errors.length > 0) {
    throw new HttpError(400, 'validation_failed', 'Données invalides (corps).', errors.map((e) => ({ ...e, path: e.path.replace(/^0\./, '') })));
  }
  return deps.store.db.transaction(() => {
    const id = deps.store.seances.addAgendaItem(seance.id, { projectId: item.projectId, versionId: item.versionId ?? null, act: item.act });
    audit(deps, user, 'agenda.add', seance, { instance: instance.name, date: seance.date, items: [item] }, item.projectId);
    return id;
  })();
}

/** Sets the frozen version of an agenda item (planned while the version was still to freeze). */
export function setAgendaItemVersion(deps: Deps, user: UserRecord, seanceId: string, itemId: string, versionId: string | null): void {
  const { seance } = managedSeance(deps, user, seanceId);
  const item = deps.store.seances.agenda(seanceId).find((i) => i.id === itemId);
  if (!item) throw new HttpError(404, 'agenda_item_not_found', 'Point de l’ordre du jour introuvable.');
  if (versionId && !deps.store.versions.get(item.projectId, versionId)) {
    throw new HttpError(400, 'validation_failed', 'Données invalides (corps).', [{ path: 'versionId', message: 'Cette version n’appartient pas au projet.' }]);
  }
  deps.store.db.transaction(() => {
    deps.store.seances.setAgendaVersion(seanceId, itemId, versionId);
    audit(deps, user, 'agenda.version', seance, { itemId, act: item.act, from: item.versionId, to: versionId }, item.projectId);
  })();
}

export function removeAgendaItem(deps: Deps, user: UserRecord, seanceId: string, itemId: string): void {
  const { seance } = managedSeance(deps, user, seanceId);
  const item = deps.store.seances.agenda(seanceId).find((i) => i.id === itemId);
  if (!item) throw new HttpError(404, 'agenda_item_not_found', 'Point de l’ordre du jour introuvable.');
  const recorded = deps.store.acts.ofSeance(seanceId).some((a) => a.projectId === item.projectId && a.kind === item.act);
  if (recorded) throw new HttpError(409, 'agenda_item_has_act', 'L’acte de ce point est déjà enregistré : il reste à l’ordre du jour.');
  deps.store.db.transaction(() => {
    deps.store.seances.removeAgendaItem(seanceId, itemId);
    audit(deps, user, 'agenda.remove', seance, { item }, item.projectId);
  })();
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
  if (!accepted) throw new HttpError(415, 'unsupported_media_type', 'Formats acceptés : PDF, DOCX, ODT.');
  const head = Buffer.from(input.data.subarray(0, 8)).toString('latin1');
  if (input.data.byteLength === 0 || (accepted.magic && !head.startsWith(accepted.magic))) {
    throw new HttpError(400, 'validation_failed', 'Le fichier ne correspond pas à son type déclaré.', [{ path: '(corps)', message: 'Contenu invalide.' }]);
  }
  return deps.store.db.transaction(() => {
    const document = deps.store.seances.attachDocument({ seanceId, name: input.name, mediaType: input.mediaType, data: input.data, uploadedBy: user.id });
    audit(deps, user, 'seance.document', seance, { documentId: document.id, name: document.name, sha256: document.sha256, size: document.size });
    return document;
  })();
}
