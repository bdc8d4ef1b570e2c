import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActKind } from '../../schemas/governance';
import { openDatabase } from '../../server/store/db';
import { migrations } from '../../server/store/migrations';
import { createProject, daysAgo, fillProject, freeze } from '../helpers/exportFixtures';
import { startTestServer, tempDir, type TestServer } from '../helpers/testServer';

/**
 * Issue 17 on existing data: migration 011 types the établissements and records the packages
 * already built as sent for information; acts recorded under the old paths are all kept, the
 * timeline is recomputed, and those the new paths no longer require are said to be so.
 */
describe('migration 011-regulatory-paths on an existing database', () => {
  it('makes every établissement a public hospital and every package built before one sent for information', () => {
    const dir = tempDir('pmp-migration-');
    const before = new Database(path.join(dir, 'pmp.sqlite'));
    before.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.slice(
      0,
      migrations.findIndex((x) => x.name === '011-regulatory-paths'),
    )) {
      before.exec(m.sql);
      before.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(m.name, '2026-01-01T00:00:00Z');
    }
    const at = '2025-01-01T08:00:00.000Z';
    before.exec(`
      INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u', 'u@x.fr', 'Coordinatrice', 'x', '${at}');
      INSERT INTO organisations (id, name, kind, created_at) VALUES ('ght', 'GHT', 'GHT', '${at}'), ('ars', 'ARS', 'ARS', '${at}');
      INSERT INTO organisations (id, name, kind, parent_id, created_at) VALUES ('ch', 'CH', 'etablissement', 'ght', '${at}');
      INSERT INTO projects (id, kind, title, organisation_id, template_version, created_by, created_at, updated_at) VALUES ('p', 'PMP', 'PMP', 'ght', 1, 'u', '${at}', '${at}');
      INSERT INTO versions (id, project_id, number, line, label, hash, state, content, created_by, created_at) VALUES ('v', 'p', 1, 1, 'v1', 'h', x'00', '{}', 'u', '${at}');
      INSERT INTO submissions (id, project_id, version_id, version_hash, ars_organisation_id, manifest, package, package_sha256, package_bytes, created_by, created_at, received_on, received_by, received_at)
        VALUES ('s', 'p', 'v', 'h', 'ars', '{}', x'00', 'sha', 1, 'u', '${at}', '2025-01-05', 'u', '${at}');
    `);
    before.close();

    const db = openDatabase(dir);
    try {
      expect(db.prepare('SELECT id, type FROM organisations ORDER BY id').all()).toEqual([
        { id: 'ars', type: null },
        { id: 'ch', type: 'EPS' },
        { id: 'ght', type: null },
      ]);
      expect(db.prepare("SELECT purpose, ars_organisation_id AS ars, received_on AS receivedOn FROM submissions WHERE id = 's'").get()).toEqual({
        purpose: 'information',
        ars: 'ars',
        receivedOn: '2025-01-05',
      });
      // What was sent stays as it was sent.
      expect(() => db.prepare("UPDATE submissions SET package = x'01' WHERE id = 's'").run()).toThrow(/cannot be changed/);
      expect(() => db.prepare("UPDATE organisations SET type = 'CLINIQUE' WHERE id = 'ch'").run()).toThrow(/CHECK/);
      // An adoption record has no ARS; a package for the ARS has one.
      const insert = db.prepare(
        `INSERT INTO submissions (id, project_id, version_id, version_hash, purpose, ars_organisation_id, manifest, package, package_sha256, package_bytes, created_by, created_at)
         VALUES (?, 'p', 'v', 'h', ?, ?, '{}', x'00', 'sha', 1, 'u', '${at}')`,
      );
      expect(() => insert.run('bad', 'adoption', 'ars')).toThrow(/CHECK/);
      expect(() => insert.run('bad', 'approbation', null)).toThrow(/CHECK/);
      insert.run('record', 'adoption', null);
    } finally {
      db.close();
    }
  });
});

describe('a PM adopted under the old paths', () => {
  let server: TestServer;
  let projectId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const orgs = server.deps.store.organisations;
    const ch = orgs.create({ name: 'Centre hospitalier de Val-Haut', kind: 'etablissement' });
    projectId = await createProject(server, server.adminCookie, { kind: 'PM', title: 'Projet médical 2023–2027', organisationId: ch });
    fillProject(server, projectId, 3);
    const version = await freeze(server, projectId, 'Version approuvée en 2023');
    // Written as the old rules let them be: CME avis, Directoire approbation, conseil de
    // surveillance délibération (without the CSE), the PM sent to the ARS and its receipt.
    const { store } = server.deps;
    const secretary = (await server.user('Secrétaire')).id;
    const legacy: [string, ActKind, number][] = [
      ['CME', 'avis', 40],
      ['DIRECTOIRE', 'approbation', 35],
      ['CONSEIL_SURVEILLANCE', 'deliberation', 30],
      ['DIRECTION', 'transmission', 25],
      ['DIRECTION', 'accuse_reception', 20],
    ];
    for (const [kind, act, ago] of legacy) {
      const instanceId = orgs.createInstance(ch, kind, kind);
      const seanceId = store.seances.create({
        instanceId,
        date: daysAgo(ago),
        startTime: null,
        endTime: null,
        place: '',
        aPosteriori: false,
        createdBy: secretary,
        agenda: [],
      });
      const outcome = act === 'avis' || act === 'approbation' || act === 'deliberation' ? 'favorable' : null;
      store.acts.create({
        seanceId,
        projectId,
        versionId: version.id,
        kind: act,
        outcome,
        votes: null,
        reserves: '',
        notes: '',
        pvExtract: null,
        pvDocumentId: null,
        overrideId: null,
        recordedBy: secretary,
        aPosteriori: false,
      });
    }
  });
  afterAll(() => server?.close());

  it('keeps every act; its path is finished without them; those no longer required are said so; no ARS clock runs', async () => {
    const timeline = (await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: server.adminCookie })).body;
    expect(timeline.acts.map((a: { kind: string; required: boolean }) => [a.kind, a.required])).toEqual([
      ['avis', true],
      ['approbation', true],
      ['deliberation', false],
      ['transmission', false],
      ['accuse_reception', false],
    ]);
    expect(timeline.missing).toEqual([]);
    expect(timeline.deadlines.filter((d: { kind: string }) => d.kind === 'tacit_approval')).toEqual([]);
    const messages = timeline.notRequired.map((n: { message: string }) => n.message);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/^La délibération du conseil de surveillance du .* relève de l’étape facultative « intégration au projet d’établissement »/);
    expect(messages[1]).toMatch(/^La transmission à l’ARS pour information du .* n’est pas requise par le parcours en vigueur : elle reste enregistrée/);
    expect(messages[2]).toMatch(/^L’accusé de réception de l’ARS du .* n’est pas requis par le parcours en vigueur : il reste enregistré/);
  });
});
