import type { ReceiptView as Receipt, SubmissionCheckView } from '../../schemas/api/submissions';
import { randomUUID } from 'node:crypto';
import { checkCompleteness } from '../../templates/completeness';
import { requiredParts } from './requiredParts';
import { assemblePackage } from '../export/package/assemble';
import { verifyPackage, type VerifyReport } from '../export/package/verify';
import { submissionTarget } from '../governance/gate';
import { addMonths, parisDate } from '../governance/parisTime';
import { governanceConfigFor } from '../governance/projectContext';
import { DomainError } from '../errors';
import type { OrganisationRecord } from '../store/organisations';
import type { ProjectRecord } from '../store/projects';
import type { SubmissionPurpose, SubmissionRecord } from '../store/submissions';
import type { UserRecord } from '../store/users';
import { recordArsAct } from './arsActs';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';
import { checkStorage } from './quotas';
import { findVersion, versionDoc } from '../queries/versions';

const notFound = () => new DomainError('not_found', 'submission_not_found', 'Dossier de transmission introuvable.');

/** How the audit trail and the act notes name what a package is for. */
const purposeLabels: Record<SubmissionPurpose, string> = {
  information: 'transmis pour information avant la signature de la convention',
  approbation: 'soumis pour approbation (convention ou avenant signé)',
  adoption: 'dossier d’adoption conservé par l’établissement',
};

/**
 * The ARS a project's package goes to: the one recorded for its organisation, else for the
 * GHT that organisation belongs to, else the only ARS organisation known (a single-region
 * install). None, or several without a recorded choice: 409.
 */
export function addressedArs(deps: Pick<Deps, 'store'>, project: ProjectRecord): OrganisationRecord {
  const { organisations, submissions } = deps.store;
  let org = project.organisationId ? organisations.get(project.organisationId) : undefined;
  for (let depth = 0; org && depth < 4; depth++) {
    const recorded = submissions.arsOf(org.id);
    const ars = recorded ? organisations.get(recorded) : undefined;
    if (ars?.kind === 'ARS') return ars;
    org = org.parentId ? organisations.get(org.parentId) : undefined;
  }
  const all = organisations.list().filter((o) => o.kind === 'ARS');
  if (all.length === 1) return all[0]!;
  throw new DomainError(
    'conflict',
    'no_ars',
    all.length === 0
      ? 'Aucune ARS n’est enregistrée : le dossier ne peut être adressé à personne.'
      : 'Plusieurs ARS sont enregistrées : un administrateur doit indiquer celle dont relève l’organisation (PUT /api/organisations/:id/ars).',
  );
}

/**
 * Builds and stores the package of a frozen version — refused (409) while the version is
 * incomplete or lacks acts its path requires first. What it is follows the path
 * (`submissionTarget`): for a PMP, the PMP sent to the ARS for information before signature,
 * then the signed convention or avenant submitted for approval, each recorded as its act on the
 * version (once); for a PM, PSIRMT or PSP, the adoption record, addressed to no ARS.
 */
export async function createSubmission(
  deps: Deps,
  user: UserRecord,
  input: { projectId: string; versionId: string },
  signal?: AbortSignal,
): Promise<SubmissionRecord> {
  const project = findReadableProject(deps, user, input.projectId);
  if (!deps.policy.can(user, { action: 'submission.create', projectId: project.id, organisationId: project.organisationId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls un coordonnateur du projet et le secrétariat des instances constituent le dossier de transmission.');
  }
  const version = findVersion(deps, project.id, input.versionId);
  const doc = versionDoc(deps, project.id, version.id);
  const completeness = (() => {
    try {
      return checkCompleteness(doc, requiredParts(deps, project));
    } finally {
      doc.destroy();
    }
  })();
  const target = submissionTarget(deps, project.id, version.id);
  const missingActs = target.missing;
  if (!completeness.complete || missingActs.length > 0) {
    const parts = [
      completeness.complete ? '' : `${completeness.items.length} élément(s) du document manquent ou sont incomplets.`,
      missingActs.length ? `${missingActs.length} acte(s) requis ne sont pas enregistrés.` : '',
    ].filter(Boolean);
    const what =
      target.purpose === 'adoption' ? 'Le dossier d’adoption ne peut pas encore être constitué' : 'Le dossier ne peut pas encore être transmis à l’ARS';
    throw new DomainError('conflict', 'submission_not_ready', `${what} : ${parts.join(' ')}`, undefined, {
      missing: { completeness: completeness.items, acts: missingActs },
    });
  }
  const ars = target.purpose === 'adoption' ? null : addressedArs(deps, project);
  const organisation = project.organisationId ? (deps.store.organisations.get(project.organisationId) ?? null) : null;
  const id = randomUUID();
  const createdAt = new Date();
  const built = await assemblePackage(
    deps,
    { submissionId: id, project, version, organisation, ars, purpose: target.purpose, createdBy: user, createdAt },
    signal,
  );
  // Packages are kept as sent: they count toward the project's and organisation's stored bytes.
  checkStorage(deps, { projectId: project.id, organisationId: project.organisationId, newBytes: built.zip.byteLength });

  return deps.store.transaction(() => {
    const sendingAct = target.step?.act;
    const sent =
      !ars || (sendingAct !== 'transmission' && sendingAct !== 'soumission')
        ? { actId: null, note: null }
        : target.recordedActId
          ? { actId: target.recordedActId, note: null }
          : recordArsAct(
              deps,
              user,
              {
                project,
                version,
                kind: sendingAct,
                date: parisDate(createdAt),
                place: 'Transmission électronique (portail ARS)',
                notes: `Dossier ${id} adressé à ${ars.name}, ${purposeLabels[target.purpose]} (SHA-256 ${built.sha256}).`,
              },
              createdAt,
            );
    if (sent.note) deps.logger.warn('transmission act not recorded', { submissionId: id, note: sent.note });
    deps.store.submissions.create({
      id,
      projectId: project.id,
      versionId: version.id,
      versionHash: version.hash,
      purpose: target.purpose,
      arsOrganisationId: ars?.id ?? null,
      manifest: built.manifestJson,
      package: built.zip,
      packageSha256: built.sha256,
      transmissionActId: sent.actId,
      createdBy: user.id,
      createdAt: createdAt.toISOString(),
    });
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'submission.create',
      projectId: project.id,
      versionId: version.id,
      subjectType: 'submission',
      subjectId: id,
      details: {
        purpose: target.purpose,
        ars: ars?.name ?? null,
        arsOrganisationId: ars?.id ?? null,
        packageSha256: built.sha256,
        files: built.manifest.files.length,
        transmissionActId: sent.actId,
      },
    });
    return deps.store.submissions.get(id)!;
  });
}

/** A submission the user may read (project member, or reader of the ARS it is addressed to); 404 otherwise. */
export function findReadableSubmission(deps: Deps, user: UserRecord, submissionId: string): SubmissionRecord {
  const submission = deps.store.submissions.get(submissionId);
  if (!submission || !deps.policy.can(user, { action: 'submission.read', projectId: submission.projectId, arsOrganisationId: submission.arsOrganisationId })) {
    throw notFound();
  }
  return submission;
}

/**
 * The submissions a user sees: for an ARS reader those addressed to their ARS, for hospital
 * users those of the projects they belong to (all for an administrator). Newest first.
 */
export function listSubmissions(deps: Deps, user: UserRecord): SubmissionRecord[] {
  const { submissions, organisations, projects } = deps.store;
  if (deps.policy.can(user, { action: 'installation.administer' })) return submissions.list();
  const seen = new Map<string, SubmissionRecord>();
  for (const role of organisations.rolesOf(user.id)) {
    if (role.role === 'ars_reader') for (const s of submissions.ofArs(role.organisationId)) seen.set(s.id, s);
  }
  for (const project of projects.listForMember(user.id)) for (const s of submissions.ofProject(project.id)) seen.set(s.id, s);
  return [...seen.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

export function listProjectSubmissions(deps: Deps, user: UserRecord, projectId: string): SubmissionRecord[] {
  findReadableProject(deps, user, projectId);
  return deps.store.submissions.ofProject(projectId);
}

export function submissionPackage(deps: Deps, user: UserRecord, submissionId: string): { submission: SubmissionRecord; zip: Uint8Array } {
  const submission = findReadableSubmission(deps, user, submissionId);
  return { submission, zip: deps.store.submissions.package(submission.id)! };
}

export type SubmissionCheck = VerifyReport & SubmissionCheckView;

/** Checks the stored package against its manifest and the recorded hash (and a download's hash). */
export async function verifySubmission(deps: Deps, user: UserRecord, submissionId: string, downloadSha256?: string): Promise<SubmissionCheck> {
  const { submission, zip } = submissionPackage(deps, user, submissionId);
  const report = await verifyPackage(zip);
  const matchesRecord = report.packageSha256 === submission.packageSha256 && report.manifest?.version.hash === submission.versionHash;
  const matchesDownload = downloadSha256 === undefined ? null : downloadSha256.toLowerCase() === submission.packageSha256;
  const problems = [...report.problems];
  if (!matchesRecord) problems.push('Le dossier conservé ne correspond plus à l’empreinte enregistrée lors de sa constitution.');
  if (matchesDownload === false) problems.push('Le fichier téléchargé ne correspond pas au dossier transmis : téléchargez-le de nouveau.');
  return { ...report, problems, valid: report.valid && matchesRecord && matchesDownload !== false, matchesRecord, matchesDownload };
}

/**
 * The ARS records the accusé de réception of a package (once). For the signed convention or
 * avenant, the date (today by default) starts the tacit-approval clock and is recorded as an
 * `accuse_reception` act on the version through the governance rules when they allow it
 * (otherwise only the date is kept, and `note` says why). For the PMP sent for information, only
 * the date is kept: no clock runs from it. An adoption record is addressed to no ARS.
 */
export function recordReceipt(deps: Deps, user: UserRecord, submissionId: string, input: { receivedOn?: string }, now = new Date()): Receipt {
  const submission = findReadableSubmission(deps, user, submissionId);
  if (submission.purpose === 'adoption') {
    throw new DomainError('conflict', 'not_addressed', 'Ce dossier d’adoption est conservé par l’établissement : il n’est adressé à aucune ARS.');
  }
  if (!deps.policy.can(user, { action: 'submission.receive', arsOrganisationId: submission.arsOrganisationId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seule l’ARS destinataire enregistre l’accusé de réception.');
  }
  if (submission.receivedOn) {
    throw new DomainError(
      'conflict',
      'already_received',
      `L’accusé de réception a déjà été enregistré (reçu le ${submission.receivedOn.split('-').reverse().join('/')}).`,
    );
  }
  const today = parisDate(now);
  const receivedOn = input.receivedOn ?? today;
  const sentOn = parisDate(new Date(submission.createdAt));
  if (receivedOn > today || receivedOn < sentOn) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'receivedOn', message: 'La date de réception doit être comprise entre la date d’envoi du dossier et aujourd’hui.' },
    ]);
  }
  const project = deps.store.projects.get(submission.projectId)!;
  const version = findVersion(deps, project.id, submission.versionId);
  const clock = submission.purpose === 'approbation';
  const tacitApprovalOn = clock ? addMonths(receivedOn, governanceConfigFor(deps, project.organisationId, project.kind).tacitApprovalMonths) : null;
  return deps.store.transaction(() => {
    const act = clock
      ? recordArsAct(
          deps,
          user,
          {
            project,
            version,
            kind: 'accuse_reception',
            date: receivedOn,
            place: 'Agence régionale de santé (portail)',
            notes: `Accusé de réception du dossier ${submission.id} (SHA-256 ${submission.packageSha256}).`,
          },
          now,
        )
      : { actId: null, note: null };
    if (!deps.store.submissions.recordReceipt(submission.id, { receivedOn, receivedBy: user.id, receiptActId: act.actId })) {
      throw new DomainError('conflict', 'already_received', 'L’accusé de réception a déjà été enregistré.');
    }
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'submission.receipt',
      projectId: project.id,
      versionId: version.id,
      subjectType: 'submission',
      subjectId: submission.id,
      details: { receivedOn, tacitApprovalOn, actId: act.actId, note: act.note },
    });
    return { receivedOn, tacitApprovalOn, actId: act.actId, note: act.note };
  });
}

/** An administrator records which ARS an organisation (GHT or établissement) reports to. */
export function setOrganisationArs(deps: Deps, user: UserRecord, organisationId: string, arsOrganisationId: string): void {
  if (!deps.policy.can(user, { action: 'organisation.setArs' })) throw new DomainError('forbidden', 'forbidden', 'Réservé aux administrateurs.');
  const org = deps.store.organisations.get(organisationId);
  if (!org) throw new DomainError('not_found', 'organisation_not_found', 'Organisation introuvable.');
  const ars = deps.store.organisations.get(arsOrganisationId);
  if (!ars || ars.kind !== 'ARS') {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'arsOrganisationId', message: 'Ce n’est pas une organisation de type ARS.' },
    ]);
  }
  deps.store.submissions.setArs(organisationId, arsOrganisationId);
}
