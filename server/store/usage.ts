import type { Db } from './db';

/**
 * What accounts and organisations hold on disk, for the quotas (commands/quotas.ts). Sizes come
 * from `octet_length`, which SQLite answers from the record header without reading the value.
 */
export function usageStore(db: Db) {
  const projectBytes = db.prepare<{ id: string }, { n: number }>(`
    SELECT
      (SELECT coalesce(sum(octet_length(state) + octet_length(content)), 0) FROM versions WHERE project_id = $id)
    + (SELECT coalesce(sum(octet_length(data)), 0) FROM doc_updates WHERE doc_name = $id)
    + (SELECT coalesce(sum(octet_length(state)), 0) FROM doc_snapshots WHERE doc_name = $id)
    + (SELECT coalesce(sum(package_bytes), 0) FROM submissions WHERE project_id = $id)
    + (SELECT coalesce(sum(size), 0) FROM project_images WHERE project_id = $id) AS n`);
  const organisationProjects = db.prepare<[string], { id: string }>('SELECT id FROM projects WHERE organisation_id = ?');
  const seanceDocumentBytes = db.prepare<[string], { n: number }>(`
    SELECT coalesce(sum(d.size), 0) AS n FROM seance_documents d
    JOIN seances s ON s.id = d.seance_id JOIN instances i ON i.id = s.instance_id
    WHERE i.organisation_id = ?`);
  const createdBy = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM projects WHERE created_by = ?');
  const frozenSince = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM versions WHERE project_id = ? AND created_at > ?');
  const project = (id: string): number => projectBytes.get({ id })!.n;
  return {
    /** Versions, the document's update log and snapshot, submission packages and images of a project. */
    projectBytes: project,
    /** Its projects (as above) and the documents attached to its instances' séances. */
    organisationBytes: (organisationId: string): number =>
      organisationProjects.all(organisationId).reduce((sum, p) => sum + project(p.id), 0) + seanceDocumentBytes.get(organisationId)!.n,
    projectsCreatedBy: (userId: string): number => createdBy.get(userId)!.n,
    versionsFrozenSince: (projectId: string, since: Date): number => frozenSince.get(projectId, since.toISOString())!.n,
  };
}
