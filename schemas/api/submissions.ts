/**
 * Submissions to the ARS as the API sends them (docs/API.md, "Submissions"): built by
 * server/http/presenters/submissions.ts from the package’s manifest (the ARS may not read the
 * project itself), read by the project's timeline and the ARS portal.
 */

/** The PMP sent for information, the signed convention submitted for approval, or an adoption record. */
export type SubmissionPurpose = 'information' | 'approbation' | 'adoption';

export interface SubmissionView {
  id: string;
  projectId: string;
  document: { kind: string; kindLabel: string; title: string };
  organisation: { id: string; name: string };
  purpose: SubmissionPurpose;
  /** null for an adoption record (PM, PSIRMT, PSP), kept by the établissement. */
  ars: { id: string; name: string } | null;
  version: {
    id: string;
    number: number;
    label: string;
    hash: string;
    /** The version an avenant amends. */
    amends: { id: string; number: number; label: string; hash: string } | null;
  };
  createdAt: string;
  createdBy: { id: string; name: string | null };
  package: { url: string; sha256: string; bytes: number; files: { name: string; sha256: string; bytes: number; description?: string }[] };
  acts: { kind: string; label: string; instance: string; date: string; outcome: string | null }[];
  transmissionActId: string | null;
  receipt: {
    receivedOn: string;
    receivedAt: string | null;
    receivedBy: { id: string | null; name: string | null };
    actId: string | null;
    /** Only the signed convention or avenant starts the ARS's silence clock (R6132-6). */
    tacitApprovalOn: string | null;
  } | null;
}

/** A stored package checked against its manifest and recorded hash (and a download's hash). */
export interface SubmissionCheckView {
  /** True when the manifest is readable and every file is present, unaltered and listed. */
  valid: boolean;
  packageSha256: string;
  files: { name: string; expected: string; actual: string | null; ok: boolean }[];
  /** Listed in the manifest, absent from the zip. */
  missing: string[];
  /** In the zip, not listed in the manifest. */
  unexpected: string[];
  /** French sentences for what is wrong. */
  problems: string[];
  /** The stored package still has the hash recorded when it was built. */
  matchesRecord: boolean;
  /** The hash the client computed on its download matches, when one was given. */
  matchesDownload: boolean | null;
}

/** The accusé de réception the ARS records (POST /api/submissions/:id/receipt). */
export interface ReceiptView {
  receivedOn: string;
  /**
   * End of the ARS's 2-month silence: tacit approval (R6132-6), for the signed convention or
   * avenant only; null for the PMP sent for information.
   */
  tacitApprovalOn: string | null;
  actId: string | null;
  note: string | null;
}
