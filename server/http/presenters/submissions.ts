import type { SubmissionView } from '../../../schemas/api/submissions';
import { Manifest } from '../../export/package/manifest';
import { addMonths } from '../../governance/parisTime';
import { instanceWithOrganisation } from '../../governance/wording';
import type { SubmissionRecord } from '../../store/submissions';

/** What the route reads for a submission: its people's names and the ARS's silence delay for its project. */
export interface SubmissionContext {
  /** An account's name, null when the account is gone (or for no account). */
  nameOf: (userId: string | null) => string | null;
  tacitApprovalMonths: number;
}

/**
 * What the API shows of a submission: the facts of its manifest (the ARS may not read the
 * project itself), the package's hash and download link, and the receipt. Pure: the route reads
 * the names and the governance delay (`SubmissionContext`).
 */
export function presentSubmission(submission: SubmissionRecord, context: SubmissionContext): SubmissionView {
  const manifest = Manifest.parse(JSON.parse(submission.manifest));
  return {
    id: submission.id,
    projectId: submission.projectId,
    document: { kind: manifest.document.kind, kindLabel: manifest.document.kindLabel, title: manifest.document.title },
    organisation: manifest.organisation,
    purpose: submission.purpose,
    ars: manifest.ars,
    version: {
      id: manifest.version.id,
      number: manifest.version.number,
      label: manifest.version.label,
      hash: manifest.version.hash,
      amends: manifest.version.amends,
    },
    createdAt: submission.createdAt,
    createdBy: { id: submission.createdBy, name: context.nameOf(submission.createdBy) },
    package: {
      url: `/api/submissions/${submission.id}/package.zip`,
      sha256: submission.packageSha256,
      bytes: submission.packageBytes,
      files: manifest.files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes, description: f.description })),
    },
    acts: manifest.acts.map((a) => ({
      kind: a.kind,
      label: a.label,
      instance: instanceWithOrganisation(a.instance, a.organisation),
      date: a.date,
      outcome: a.outcome,
    })),
    transmissionActId: submission.transmissionActId,
    receipt: submission.receivedOn
      ? {
          receivedOn: submission.receivedOn,
          receivedAt: submission.receivedAt,
          receivedBy: { id: submission.receivedBy, name: context.nameOf(submission.receivedBy) },
          actId: submission.receiptActId,
          // Only the signed convention or avenant starts the ARS's silence clock (R6132-6).
          tacitApprovalOn: submission.purpose === 'approbation' ? addMonths(submission.receivedOn, context.tacitApprovalMonths) : null,
        }
      : null,
  };
}
