import { randomUUID } from 'node:crypto';
import { type Db, now } from './db';

/**
 * What a package is for: the PMP sent to the ARS for information before signature, the signed
 * convention or avenant submitted for its approval, or an adoption record kept by the établissement.
 */
import type { SubmissionPurpose } from '../../schemas/api/submissions';
export type { SubmissionPurpose };

/** A submission without its package bytes. */
export interface SubmissionRecord {
  id: string;
  projectId: string;
  versionId: string;
  versionHash: string;
  purpose: SubmissionPurpose;
  /** The ARS it is addressed to; null for an adoption record. */
  arsOrganisationId: string | null;
  /** manifest.json as written in the package. */
  manifest: string;
  packageSha256: string;
  packageBytes: number;
  transmissionActId: string | null;
  createdBy: string;
  createdAt: string;
  /** Receipt date as the ARS states it (YYYY-MM-DD), when recorded. */
  receivedOn: string | null;
  receivedBy: string | null;
  receivedAt: string | null;
  receiptActId: string | null;
}

interface SubmissionRow {
  id: string;
  project_id: string;
  version_id: string;
  version_hash: string;
  purpose: SubmissionPurpose;
  ars_organisation_id: string | null;
  manifest: string;
  package_sha256: string;
  package_bytes: number;
  transmission_act_id: string | null;
  created_by: string;
  created_at: string;
  received_on: string | null;
  received_by: string | null;
  received_at: string | null;
  receipt_act_id: string | null;
}

const toRecord = (r: SubmissionRow): SubmissionRecord => ({
  id: r.id,
  projectId: r.project_id,
  versionId: r.version_id,
  versionHash: r.version_hash,
  purpose: r.purpose,
  arsOrganisationId: r.ars_organisation_id,
  manifest: r.manifest,
  packageSha256: r.package_sha256,
  packageBytes: r.package_bytes,
  transmissionActId: r.transmission_act_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  receivedOn: r.received_on,
  receivedBy: r.received_by,
  receivedAt: r.received_at,
  receiptActId: r.receipt_act_id,
});

const columns = `id, project_id, version_id, version_hash, purpose, ars_organisation_id, manifest, package_sha256, package_bytes,
  transmission_act_id, created_by, created_at, received_on, received_by, received_at, receipt_act_id`;

export function submissionStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO submissions (id, project_id, version_id, version_hash, purpose, ars_organisation_id, manifest, package, package_sha256,
       package_bytes, transmission_act_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], SubmissionRow>(`SELECT ${columns} FROM submissions WHERE id = ?`);
  const packageOf = db.prepare<[string], { package: Buffer }>('SELECT package FROM submissions WHERE id = ?');
  const all = db.prepare<[], SubmissionRow>(`SELECT ${columns} FROM submissions ORDER BY created_at DESC, id`);
  const ofProject = db.prepare<[string], SubmissionRow>(`SELECT ${columns} FROM submissions WHERE project_id = ? ORDER BY created_at DESC, id`);
  const ofArs = db.prepare<[string], SubmissionRow>(`SELECT ${columns} FROM submissions WHERE ars_organisation_id = ? ORDER BY created_at DESC, id`);
  const receive = db.prepare(
    'UPDATE submissions SET received_on = ?, received_by = ?, received_at = ?, receipt_act_id = ? WHERE id = ? AND received_on IS NULL',
  );
  const arsOf = db.prepare<[string], { ars_organisation_id: string }>('SELECT ars_organisation_id FROM organisation_ars WHERE organisation_id = ?');
  const setArs = db.prepare(
    `INSERT INTO organisation_ars (organisation_id, ars_organisation_id) VALUES (?, ?)
     ON CONFLICT (organisation_id) DO UPDATE SET ars_organisation_id = excluded.ars_organisation_id`,
  );
  return {
    create(input: {
      projectId: string;
      versionId: string;
      versionHash: string;
      purpose: SubmissionPurpose;
      arsOrganisationId: string | null;
      manifest: string;
      package: Uint8Array;
      packageSha256: string;
      transmissionActId: string | null;
      createdBy: string;
      /** The id written in the manifest, chosen before the package is built. */
      id?: string;
      createdAt?: string;
    }): string {
      const id = input.id ?? randomUUID();
      insert.run(
        id,
        input.projectId,
        input.versionId,
        input.versionHash,
        input.purpose,
        input.arsOrganisationId,
        input.manifest,
        Buffer.from(input.package),
        input.packageSha256,
        input.package.byteLength,
        input.transmissionActId,
        input.createdBy,
        input.createdAt ?? now(),
      );
      return id;
    },
    get(id: string): SubmissionRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    package(id: string): Uint8Array | undefined {
      const row = packageOf.get(id);
      return row && new Uint8Array(row.package.buffer, row.package.byteOffset, row.package.byteLength);
    },
    list: (): SubmissionRecord[] => all.all().map(toRecord),
    ofProject: (projectId: string): SubmissionRecord[] => ofProject.all(projectId).map(toRecord),
    ofArs: (arsOrganisationId: string): SubmissionRecord[] => ofArs.all(arsOrganisationId).map(toRecord),
    /** Records the receipt once; false when it was already recorded. */
    recordReceipt(id: string, input: { receivedOn: string; receivedBy: string; receiptActId: string | null }): boolean {
      return receive.run(input.receivedOn, input.receivedBy, now(), input.receiptActId, id).changes > 0;
    },
    /** The ARS an organisation reports to, when recorded. */
    arsOf: (organisationId: string): string | undefined => arsOf.get(organisationId)?.ars_organisation_id,
    setArs(organisationId: string, arsOrganisationId: string): void {
      setArs.run(organisationId, arsOrganisationId);
    },
  };
}
