import { createHash, randomUUID } from 'node:crypto';
import type { ActKind, SeanceStatus } from '../../schemas/governance';
import { type Db, now } from './db';

export interface SeanceRecord {
  id: string;
  instanceId: string;
  /** YYYY-MM-DD, Europe/Paris. */
  date: string;
  /** HH:MM, Europe/Paris; null = time not set yet. */
  startTime: string | null;
  endTime: string | null;
  place: string;
  status: SeanceStatus;
  /** YYYY-MM-DD the convocation (with the agenda) went out; null = not sent yet. */
  convocationSentOn: string | null;
  /** Entered after the fact: created, or moved, with a date already past (governance/aPosteriori.ts). */
  aPosteriori: boolean;
  /** Who made it a posteriori (created or moved it) and when; null when it is not. */
  aPosterioriBy: string | null;
  aPosterioriAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface AgendaItemRecord {
  id: string;
  seanceId: string;
  position: number;
  projectId: string;
  /** The frozen version put on the agenda; null while the version is not frozen yet. */
  versionId: string | null;
  act: ActKind;
}

export interface SeanceDocumentRecord {
  id: string;
  seanceId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

interface SeanceRow {
  id: string;
  instance_id: string;
  date: string;
  start_time: string | null;
  end_time: string | null;
  place: string;
  status: SeanceStatus;
  convocation_sent_on: string | null;
  a_posteriori: number;
  a_posteriori_by: string | null;
  a_posteriori_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const toSeance = (r: SeanceRow): SeanceRecord => ({
  id: r.id,
  instanceId: r.instance_id,
  date: r.date,
  startTime: r.start_time,
  endTime: r.end_time,
  place: r.place,
  status: r.status,
  convocationSentOn: r.convocation_sent_on,
  aPosteriori: r.a_posteriori === 1,
  aPosterioriBy: r.a_posteriori_by,
  aPosterioriAt: r.a_posteriori_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

interface AgendaRow {
  id: string;
  seance_id: string;
  position: number;
  project_id: string;
  version_id: string | null;
  act: ActKind;
}

const toAgendaItem = (r: AgendaRow): AgendaItemRecord => ({
  id: r.id,
  seanceId: r.seance_id,
  position: r.position,
  projectId: r.project_id,
  versionId: r.version_id,
  act: r.act,
});

interface DocumentRow {
  id: string;
  seance_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: string;
}

const toDocument = (r: DocumentRow): SeanceDocumentRecord => ({
  id: r.id,
  seanceId: r.seance_id,
  name: r.name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});

export interface SeanceFilter {
  instanceIds?: string[];
  from?: string;
  to?: string;
}

export function seanceStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO seances (id, instance_id, date, start_time, end_time, place, a_posteriori, a_posteriori_by, a_posteriori_at, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], SeanceRow>('SELECT * FROM seances WHERE id = ?');
  const inRange = db.prepare<[string, string], SeanceRow>('SELECT * FROM seances WHERE date >= ? AND date <= ? ORDER BY date, start_time, id');
  const update = db.prepare(
    `UPDATE seances SET date = ?, start_time = ?, end_time = ?, place = ?, status = ?, convocation_sent_on = ?,
       a_posteriori = ?, a_posteriori_by = ?, a_posteriori_at = ?, updated_at = ?
     WHERE id = ?`,
  );
  const insertItem = db.prepare('INSERT INTO agenda_items (id, seance_id, position, project_id, version_id, act, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const nextPosition = db.prepare<[string], { n: number }>('SELECT coalesce(max(position), 0) + 1 AS n FROM agenda_items WHERE seance_id = ?');
  const itemsOf = db.prepare<[string], AgendaRow>('SELECT * FROM agenda_items WHERE seance_id = ? ORDER BY position');
  const itemsOfProject = db.prepare<[string], AgendaRow>('SELECT * FROM agenda_items WHERE project_id = ?');
  const allItems = db.prepare<[], AgendaRow>('SELECT * FROM agenda_items');
  const deleteItem = db.prepare('DELETE FROM agenda_items WHERE seance_id = ? AND id = ?');
  const setItemVersion = db.prepare('UPDATE agenda_items SET version_id = ? WHERE seance_id = ? AND id = ?');
  // The agenda is part of the séance: changing it changes the séance (calendar clients refresh on it).
  const touch = db.prepare('UPDATE seances SET updated_at = ? WHERE id = ?');
  const insertDocument = db.prepare(
    `INSERT INTO seance_documents (id, seance_id, name, media_type, size, sha256, data, uploaded_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const documentsOf = db.prepare<[string], DocumentRow>(
    `SELECT id, seance_id, name, media_type, size, sha256, uploaded_by, created_at
     FROM seance_documents WHERE seance_id = ? ORDER BY created_at, id`,
  );
  const documentById = db.prepare<[string, string], DocumentRow & { data: Buffer }>('SELECT * FROM seance_documents WHERE seance_id = ? AND id = ?');

  const addItem = (seanceId: string, item: { projectId: string; versionId: string | null; act: ActKind }): string => {
    const id = randomUUID();
    insertItem.run(id, seanceId, nextPosition.get(seanceId)!.n, item.projectId, item.versionId, item.act, now());
    touch.run(now(), seanceId);
    return id;
  };

  const create = db.transaction(
    (input: {
      instanceId: string;
      date: string;
      startTime: string | null;
      endTime: string | null;
      place: string;
      aPosteriori: boolean;
      createdBy: string;
      agenda: { projectId: string; versionId: string | null; act: ActKind }[];
    }): string => {
      const id = randomUUID();
      const at = now();
      const late = input.aPosteriori;
      insert.run(
        id,
        input.instanceId,
        input.date,
        input.startTime,
        input.endTime,
        input.place,
        late ? 1 : 0,
        late ? input.createdBy : null,
        late ? at : null,
        input.createdBy,
        at,
        at,
      );
      for (const item of input.agenda) addItem(id, item);
      return id;
    },
  );

  return {
    create: (input: Parameters<typeof create>[0]): string => create(input),
    get(id: string): SeanceRecord | undefined {
      const row = byId.get(id);
      return row && toSeance(row);
    },
    /** Séances between two dates (inclusive), optionally of some instances only. */
    list(filter: SeanceFilter = {}): SeanceRecord[] {
      const rows = inRange.all(filter.from ?? '0000-01-01', filter.to ?? '9999-12-31').map(toSeance);
      if (!filter.instanceIds) return rows;
      const wanted = new Set(filter.instanceIds);
      return rows.filter((s) => wanted.has(s.instanceId));
    },
    update(seance: SeanceRecord): void {
      update.run(
        seance.date,
        seance.startTime,
        seance.endTime,
        seance.place,
        seance.status,
        seance.convocationSentOn,
        seance.aPosteriori ? 1 : 0,
        seance.aPosterioriBy,
        seance.aPosterioriAt,
        now(),
        seance.id,
      );
    },
    addAgendaItem: addItem,
    removeAgendaItem(seanceId: string, itemId: string): boolean {
      const removed = deleteItem.run(seanceId, itemId).changes > 0;
      if (removed) touch.run(now(), seanceId);
      return removed;
    },
    /** Names the frozen version of an item planned before the version existed. */
    setAgendaVersion(seanceId: string, itemId: string, versionId: string | null): void {
      if (setItemVersion.run(versionId, seanceId, itemId).changes > 0) touch.run(now(), seanceId);
    },
    agenda: (seanceId: string): AgendaItemRecord[] => itemsOf.all(seanceId).map(toAgendaItem),
    agendaOfProject: (projectId: string): AgendaItemRecord[] => itemsOfProject.all(projectId).map(toAgendaItem),
    allAgendaItems: (): AgendaItemRecord[] => allItems.all().map(toAgendaItem),
    attachDocument(input: { seanceId: string; name: string; mediaType: string; data: Uint8Array; uploadedBy: string }): SeanceDocumentRecord {
      const id = randomUUID();
      const sha256 = createHash('sha256').update(input.data).digest('hex');
      const createdAt = now();
      insertDocument.run(id, input.seanceId, input.name, input.mediaType, input.data.byteLength, sha256, Buffer.from(input.data), input.uploadedBy, createdAt);
      return {
        id,
        seanceId: input.seanceId,
        name: input.name,
        mediaType: input.mediaType,
        size: input.data.byteLength,
        sha256,
        uploadedBy: input.uploadedBy,
        createdAt,
      };
    },
    documents: (seanceId: string): SeanceDocumentRecord[] => documentsOf.all(seanceId).map(toDocument),
    document(seanceId: string, documentId: string): (SeanceDocumentRecord & { data: Uint8Array }) | undefined {
      const row = documentById.get(seanceId, documentId);
      return row && { ...toDocument(row), data: new Uint8Array(row.data) };
    },
  };
}
