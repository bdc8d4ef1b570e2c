import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/db';
import { migrations } from '../../server/store/migrations';
import { tempDir } from '../helpers/testServer';

/**
 * Migrations 008 and 009 on a database written before them: past séances and late acts are backfilled as
 * "saisis a posteriori", duplicate acts already recorded survive the upgrade (for a secretary to
 * annul one), and from then on a second live act is refused while acts stay immutable.
 */
describe('migrations 008-act-integrity and 009 on an existing database', () => {
  it('upgrades history in place and enforces one live act per séance, version and kind', () => {
    const dir = tempDir('pmp-migration-');
    const before = new Database(path.join(dir, 'pmp.sqlite'));
    before.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.slice(
      0,
      migrations.findIndex((x) => x.name === '008-act-integrity'),
    )) {
      before.exec(m.sql);
      before.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(m.name, '2026-01-01T00:00:00Z');
    }
    const at = '2025-01-01T08:00:00.000Z';
    before.exec(`
      INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u', 'u@x.fr', 'Secrétaire', 'x', '${at}');
      INSERT INTO organisations (id, name, kind, created_at) VALUES ('o', 'CH', 'etablissement', '${at}');
      INSERT INTO instances (id, organisation_id, kind, name) VALUES ('i', 'o', 'CME', 'CME');
      INSERT INTO projects (id, kind, title, organisation_id, template_version, created_by, created_at, updated_at) VALUES ('p', 'PM', 'PM', 'o', 1, 'u', '${at}', '${at}');
      INSERT INTO versions (id, project_id, number, line, label, hash, state, content, created_by, created_at) VALUES ('v', 'p', 1, 1, 'v1', 'h', x'00', '{}', 'u', '${at}');
      -- Entered once past (history), and planned in time.
      INSERT INTO seances (id, instance_id, date, created_by, created_at, updated_at) VALUES ('past', 'i', '2025-01-10', 'u', '2025-06-01T09:00:00.000Z', '2025-06-01T09:00:00.000Z');
      INSERT INTO seances (id, instance_id, date, created_by, created_at, updated_at) VALUES ('timely', 'i', '2025-03-10', 'u', '2025-02-01T09:00:00.000Z', '2025-02-01T09:00:00.000Z');
    `);
    const act = before.prepare(
      `INSERT INTO acts (id, seance_id, project_id, version_id, kind, outcome, recorded_by, recorded_at) VALUES (?, ?, 'p', 'v', ?, ?, 'u', ?)`,
    );
    act.run('first', 'past', 'avis', 'favorable', '2025-06-01T10:00:00.000Z');
    act.run('contradicting', 'past', 'avis', 'defavorable', '2025-06-01T10:05:00.000Z');
    act.run('inTime', 'timely', 'avis', 'favorable', '2025-03-11T10:00:00.000Z');
    act.run('late', 'timely', 'presentation', null, '2025-05-01T10:00:00.000Z');
    before.close();

    const db = openDatabase(dir);
    try {
      const flags = (table: string) =>
        Object.fromEntries(
          db
            .prepare<[], { id: string; a_posteriori: number }>(`SELECT id, a_posteriori FROM ${table}`)
            .all()
            .map((r) => [r.id, r.a_posteriori]),
        );
      expect(flags('seances')).toEqual({ past: 1, timely: 0 });
      expect(flags('acts')).toEqual({ first: 1, contradicting: 1, inTime: 0, late: 1 });
      // Migration 009: who and when, from the creation of the séances entered once past.
      expect(db.prepare("SELECT a_posteriori_by AS by, a_posteriori_at AS at FROM seances WHERE id = 'past'").get()).toEqual({
        by: 'u',
        at: '2025-06-01T09:00:00.000Z',
      });
      expect(db.prepare("SELECT a_posteriori_by AS by FROM seances WHERE id = 'timely'").get()).toEqual({ by: null });

      const insert = db.prepare(
        `INSERT INTO acts (id, seance_id, project_id, version_id, kind, outcome, recorded_by, recorded_at) VALUES (?, 'past', 'p', 'v', 'avis', 'favorable', 'u', '2026-12-01T10:00:00.000Z')`,
      );
      expect(() => insert.run('third')).toThrow(/one live act/);
      expect(() => db.prepare("UPDATE acts SET outcome = 'favorable' WHERE id = 'contradicting'").run()).toThrow(/cannot be changed/);
      const annul = db.prepare(
        `INSERT INTO act_annulments (act_id, justification, annulled_by, annulled_at) VALUES (?, 'Doublon de saisie.', 'u', '2026-12-01T09:00:00.000Z')`,
      );
      annul.run('first');
      expect(() => insert.run('third')).toThrow(/one live act/);
      annul.run('contradicting');
      insert.run('third');
      expect(() => annul.run('first')).toThrow();
    } finally {
      db.close();
    }
  });
});
