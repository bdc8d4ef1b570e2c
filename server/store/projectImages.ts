import { createHash, randomUUID } from 'node:crypto';
import { type Db, now } from './db';

export interface ProjectImage {
  id: string;
  projectId: string;
  /** Where it came from: « <file name>, image <n> ». */
  source: string;
  mediaType: string;
  size: number;
  sha256: string;
}

interface ImageRow {
  id: string;
  project_id: string;
  source: string;
  media_type: string;
  size: number;
  sha256: string;
}

const toImage = (r: ImageRow): ProjectImage => ({ id: r.id, projectId: r.project_id, source: r.source, mediaType: r.media_type, size: r.size, sha256: r.sha256 });

/** Images stored with a project (from imported documents). */
export function projectImageStore(db: Db) {
  const insert = db.prepare(
    'INSERT INTO project_images (id, project_id, source, media_type, size, sha256, data, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const one = db.prepare<[string, string], ImageRow & { data: Buffer }>('SELECT * FROM project_images WHERE project_id = ? AND id = ?');
  const bytes = db.prepare<[string], { n: number }>('SELECT coalesce(sum(size), 0) AS n FROM project_images WHERE project_id = ?');
  return {
    add(input: { projectId: string; source: string; mediaType: string; data: Uint8Array; createdBy: string }): ProjectImage {
      const id = randomUUID();
      const sha256 = createHash('sha256').update(input.data).digest('hex');
      insert.run(id, input.projectId, input.source, input.mediaType, input.data.byteLength, sha256, Buffer.from(input.data), input.createdBy, now());
      return { id, projectId: input.projectId, source: input.source, mediaType: input.mediaType, size: input.data.byteLength, sha256 };
    },
    get(projectId: string, id: string): (ProjectImage & { data: Buffer }) | undefined {
      const row = one.get(projectId, id);
      return row ? { ...toImage(row), data: row.data } : undefined;
    },
    /** Bytes of a project's images (counted in its storage quota). */
    projectBytes: (projectId: string): number => bytes.get(projectId)!.n,
  };
}
