import { type Db, now } from './db';
import type { ImageType } from '../../schemas/imageSource';

/** An image of a project's text, without its bytes. */
export interface ImageRecord {
  projectId: string;
  sha256: string;
  contentType: ImageType;
  width: number;
  height: number;
  size: number;
}

interface ImageRow {
  project_id: string;
  sha256: string;
  content_type: ImageType;
  width: number;
  height: number;
  size: number;
}

const toRecord = (row: ImageRow): ImageRecord => ({
  projectId: row.project_id,
  sha256: row.sha256,
  contentType: row.content_type,
  width: row.width,
  height: row.height,
  size: row.size,
});

/** Images stored with each project, one copy per project and content (table project_images). */
export function imageStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO project_images (project_id, sha256, content_type, width, height, size, data, uploaded_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, sha256) DO NOTHING`,
  );
  const byHash = db.prepare<[string, string], ImageRow>(
    'SELECT project_id, sha256, content_type, width, height, size FROM project_images WHERE project_id = ? AND sha256 = ?',
  );
  const dataOf = db.prepare<[string, string], ImageRow & { data: Buffer }>(
    'SELECT project_id, sha256, content_type, width, height, size, data FROM project_images WHERE project_id = ? AND sha256 = ?',
  );
  const hashesOf = db.prepare<[string], { sha256: string }>('SELECT sha256 FROM project_images WHERE project_id = ?');
  return {
    /** Stores the image unless the project already has it; true when it was added. */
    add(image: ImageRecord & { data: Buffer; uploadedBy: string }): boolean {
      return (
        insert.run(image.projectId, image.sha256, image.contentType, image.width, image.height, image.size, image.data, image.uploadedBy, now()).changes === 1
      );
    },
    get(projectId: string, sha256: string): ImageRecord | undefined {
      const row = byHash.get(projectId, sha256);
      return row && toRecord(row);
    },
    withData(projectId: string, sha256: string): (ImageRecord & { data: Buffer }) | undefined {
      const row = dataOf.get(projectId, sha256);
      return row && { ...toRecord(row), data: row.data };
    },
    hashes(projectId: string): string[] {
      return hashesOf.all(projectId).map((r) => r.sha256);
    },
  };
}
