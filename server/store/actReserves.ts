import type { ReserveItem } from '../../schemas/actReserves';
import { type Db, now } from './db';

export type { ReserveItem };

export interface StoredReserveItem extends ReserveItem {
  actId: string;
  setBy: string;
  setAt: string;
}

interface ReserveRow {
  act_id: string;
  position: number;
  text: string;
  comment_ids: string;
  section_ids: string;
  set_by: string;
  set_at: string;
}

const toItem = (r: ReserveRow): StoredReserveItem => ({
  actId: r.act_id,
  text: r.text,
  commentIds: JSON.parse(r.comment_ids) as string[],
  sectionIds: JSON.parse(r.section_ids) as string[],
  setBy: r.set_by,
  setAt: r.set_at,
});

/** The réserves of acts, one row per réserve in the order the instance stated them. */
export function actReserveStore(db: Db) {
  const ofAct = db.prepare<[string], ReserveRow>('SELECT * FROM act_reserve_items WHERE act_id = ? ORDER BY position');
  const ofProject = db.prepare<[string], ReserveRow>(
    `SELECT r.* FROM act_reserve_items r JOIN acts a ON a.id = r.act_id
     WHERE a.project_id = ? ORDER BY a.recorded_at, r.act_id, r.position`,
  );
  const remove = db.prepare('DELETE FROM act_reserve_items WHERE act_id = ?');
  const insert = db.prepare('INSERT INTO act_reserve_items (act_id, position, text, comment_ids, section_ids, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    ofAct: (actId: string): StoredReserveItem[] => ofAct.all(actId).map(toItem),
    ofProject: (projectId: string): StoredReserveItem[] => ofProject.all(projectId).map(toItem),
    /** Replaces the act's réserves as a whole (call inside a transaction). */
    replace(actId: string, items: ReserveItem[], by: string): void {
      const at = now();
      remove.run(actId);
      items.forEach((item, position) => {
        insert.run(actId, position, item.text, JSON.stringify(item.commentIds), JSON.stringify(item.sectionIds), by, at);
      });
    },
  };
}
