import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { sectionPlainText } from '../../schemas/sectionText';
import { checkBackup, manifestFile } from '../../server/backup/manifest';
import { listBackups, pruneBackups } from '../../server/backup/retention';
import { recordOrgAct } from '../helpers/adoption';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { createProject, daysAgo, freeze, writeSection } from '../helpers/exportFixtures';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, tempDir, type TestServer } from '../helpers/testServer';

/**
 * Issue 23, backups: `npm run backup` while editors type and a secretary records acts, then
 * `npm run restore` into a new data directory and a server started on it. Every update a peer
 * had received (an update is broadcast only once journaled) and every act recorded before the
 * backup started is there.
 */
const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const section = 'objectifs-medicaux';
const servers: TestServer[] = [];
const clients: Client[] = [];

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close();
});

/** `npm run <script> -- args`, as the operator runs it (npm adds nothing but the script). */
const npmScript = (script: 'backup' | 'restore', args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'server/backup/cli.ts', script, ...args], { cwd: root, env: { ...process.env, ...env } });

const paragraphs = (doc: Y.Doc) => new Set(sectionPlainText(doc, section).split('\n').filter(Boolean));

describe('backup and restore', () => {
  it('a backup taken during a burst of edits and acts restores every acknowledged update and act', async () => {
    const dataDir = tempDir();
    const server = await startTestServer({ dataDir, journalDrainMs: 50 });
    servers.push(server);
    const chu = server.deps.store.organisations.create({ name: 'CHU de Rive-Haute', kind: 'etablissement', type: 'CHU' });
    const projectId = await createProject(server, server.adminCookie, { kind: 'PM', title: 'Projet médical 2027–2031', organisationId: chu });
    const versions: string[] = [];
    for (let i = 0; i < 6; i++) {
      writeSection(server, projectId, 'diagnostic', [{ type: 'paragraph', content: [{ type: 'text', text: `Diagnostic, rédaction ${i + 1}` }] }]);
      versions.push((await freeze(server, projectId, `Version ${i + 1}`)).id);
    }
    const token = async () => (await server.api('POST', `/api/projects/${projectId}/collab-token`, { cookie: server.adminCookie })).body.token as string;

    const writers: Client[] = [];
    for (let i = 0; i < 3; i++) writers.push(connectClient(server.url, projectId, { token: await token() }, { reconnect: false }));
    const watcher = connectClient(server.url, projectId, { token: await token() }, { reconnect: false });
    clients.push(...writers, watcher);
    await Promise.all([...writers, watcher].map(synced));

    // The burst: each writer adds a paragraph every few milliseconds; acts are recorded one after another.
    let typing = true;
    let typed = 0;
    const typists = writers.map(async (writer, w) => {
      for (let n = 0; typing; n++) {
        appendParagraph(writer.doc, section, `écrit ${w}-${n}`);
        typed++;
        await new Promise((r) => setTimeout(r, 3));
      }
    });
    const recordedActs: string[] = [];
    const secretary = (async () => {
      for (const versionId of versions) {
        if (!typing) break;
        recordedActs.push(await recordOrgAct(server, { organisationId: chu, instanceKind: 'CME', kind: 'avis', date: daysAgo(1), projectId, versionId }));
      }
    })();
    await waitFor(() => typed > 150 && recordedActs.length >= 2, 20_000, 'a burst under way');

    // The backup point: what a peer has received, and the acts answered 201, before the backup starts.
    const acknowledged = paragraphs(watcher.doc);
    const actsBefore = [...recordedActs];
    const backupRoot = tempDir('pmp-backups-');
    const backup = await npmScript('backup', [backupRoot], { PMP_DATA_DIR: dataDir, PMP_LOG_LEVEL: 'silent' });
    typing = false;
    await Promise.all([...typists, secretary]);
    expect(backup.stdout).toContain('Sauvegarde :');

    const [taken] = listBackups(backupRoot);
    expect(listBackups(backupRoot)).toHaveLength(1);
    const checked = checkBackup(taken!);
    expect(checked.ok).toBe(true);
    expect(fs.readFileSync(path.join(taken!, 'manifest.sha256'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}manifest\.json\n$/);
    expect(acknowledged.size).toBeGreaterThan(100);

    // Restore into a directory that does not exist yet, then serve it.
    const restoredDir = path.join(tempDir(), 'donnees');
    const restored = await npmScript('restore', [taken!, restoredDir], { PMP_LOG_LEVEL: 'silent' });
    expect(restored.stdout).toContain('manifeste et empreintes vérifiés');
    expect(fs.statSync(restoredDir).mode & 0o777).toBe(0o700);
    const second = await startTestServer({ dataDir: restoredDir });
    servers.push(second);
    const reader = connectClient(second.url, projectId, {
      token: (await second.api('POST', `/api/projects/${projectId}/collab-token`, { cookie: second.adminCookie })).body.token,
    });
    clients.push(reader);
    await synced(reader);
    const afterRestore = paragraphs(reader.doc);
    const missing = [...acknowledged].filter((p) => !afterRestore.has(p));
    expect(missing).toEqual([]);
    for (const actId of actsBefore) expect(second.deps.store.acts.get(actId)?.kind).toBe('avis');
  }, 120_000);

  it('refuses a tampered backup and a data directory that is not empty', async () => {
    const dataDir = tempDir();
    const server = await startTestServer({ dataDir });
    servers.push(server);
    const backupRoot = tempDir('pmp-backups-');
    await npmScript('backup', [backupRoot], { PMP_DATA_DIR: dataDir, PMP_LOG_LEVEL: 'silent' });
    const [taken] = listBackups(backupRoot);

    const notEmpty = tempDir();
    fs.writeFileSync(path.join(notEmpty, 'pmp.sqlite'), 'ancienne base');
    const refusedDir = await npmScript('restore', [taken!, notEmpty], {}).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refusedDir?.code).toBe(2);
    expect(refusedDir?.stderr).toContain('n’est pas vide');
    expect(fs.readFileSync(path.join(notEmpty, 'pmp.sqlite'), 'utf8')).toBe('ancienne base');

    // A manifest edited by hand no longer matches its SHA-256; a database file changed no longer matches the manifest.
    const tampered = path.join(tempDir(), 'copie');
    fs.cpSync(taken!, tampered, { recursive: true });
    fs.appendFileSync(path.join(tampered, manifestFile), ' ');
    const refusedManifest = await npmScript('restore', [tampered, path.join(tempDir(), 'vide')], {}).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refusedManifest?.code).toBe(2);
    expect(refusedManifest?.stderr).toContain('ne correspond pas à son empreinte SHA-256');
    fs.cpSync(taken!, tampered, { recursive: true });
    const db = path.join(tampered, 'pmp.sqlite');
    const bytes = fs.readFileSync(db);
    bytes[bytes.length - 1]! ^= 0xff;
    fs.writeFileSync(db, bytes);
    expect(checkBackup(tampered)).toEqual({ ok: false, problems: ['pmp.sqlite : empreinte SHA-256 différente du manifeste'] });
  }, 60_000);

  it('takes scheduled backups (PMP_BACKUP_DIR) and keeps the newest PMP_BACKUP_KEEP', async () => {
    const backupRoot = tempDir('pmp-backups-');
    const server = await startTestServer({ backup: { dir: backupRoot, intervalMs: 60_000, keep: 2 } });
    servers.push(server);
    for (let i = 0; i < 3; i++) {
      const outcome = await server.backups!.runNow();
      expect(outcome.ok).toBe(true);
    }
    expect(listBackups(backupRoot)).toHaveLength(2);
    expect(Date.now() - server.backups!.lastBackupAt()!.getTime()).toBeLessThan(30_000);
    expect(pruneBackups(backupRoot, 1)).toHaveLength(1);
  }, 60_000);
});
