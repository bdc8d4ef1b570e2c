import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../server/export/package/verify';
import { writeZip } from '../../server/export/package/zip';
import { addMonths, parisDate } from '../../server/governance/parisTime';
import { memberSequences, recordOrgAct, signConvention } from '../helpers/adoption';
import { createGht, createProject, daysAgo, download, fillProject, freeze, pdfPages, unzip, writeSection } from '../helpers/exportFixtures';
import { waitFor } from '../helpers/collabClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * The packages the ARS receives for a PMP: refused until the version is complete and the acts
 * its path requires first are recorded; a zip whose manifest hashes every file; visible only to
 * the ARS it is addressed to, which verifies it and records its receipt. The PMP goes first for
 * information (before signature); the signed convention or avenant then goes for approval, and
 * only its receipt (an accusé de réception act on the version) starts the 2-month clock.
 */
let server: TestServer;
let projectId: string;
let v1: { id: string; hash: string };
let secretary: { id: string; cookie: string };
let arsReader: { id: string; cookie: string };
let otherArsReader: { id: string; cookie: string };
let outsider: { id: string; cookie: string };
let supportId: string;
let ghtId: string;
let arsId: string;
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

const pv = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'La commission rend un avis favorable au projet médical, après un débat sur la filière gériatrique.' }],
    },
  ],
};

/** What the PMP needs before it goes to the ARS for information: the CMG's avis and the comité stratégique. */
async function recordPath(versionId: string, offset: number): Promise<void> {
  await recordOrgAct(server, {
    organisationId: ghtId,
    instanceKind: 'CMG',
    date: daysAgo(offset + 6),
    projectId,
    versionId,
    kind: 'avis',
    outcome: 'favorable',
    votes: { pour: 24, contre: 2, abstention: 3 },
    pvExtract: pv,
  });
  await recordOrgAct(server, {
    organisationId: ghtId,
    instanceKind: 'COMITE_STRATEGIQUE',
    date: daysAgo(offset + 4),
    projectId,
    versionId,
    kind: 'concertation',
  });
}

beforeAll(async () => {
  // One ad-hoc export may wait: the last test fills the line to show packages are not refused.
  server = await startTestServer({ exportQueue: 1 });
  const orgs = server.deps.store.organisations;
  const { ght, support } = createGht(server, 'GHT Val-de-Loire Sud');
  supportId = support;
  ghtId = ght;
  arsId = orgs.create({ name: 'ARS Centre-Val de Loire', kind: 'ARS' });
  // Two ARS are known: the GHT says which one it reports to.
  server.deps.store.submissions.setArs(ght, arsId);
  const otherArs = orgs.create({ name: 'ARS Normandie', kind: 'ARS' });
  // The direction records the transmissions, the signature and the receipts.
  for (const kind of ['CMG', 'COMITE_STRATEGIQUE', 'DIRECTION'] as const) orgs.createInstance(ght, kind, `${kind} du GHT Val-de-Loire Sud`);
  secretary = await server.user('Secrétaire');
  arsReader = await server.user('Lecteur ARS');
  otherArsReader = await server.user('Lecteur autre ARS');
  outsider = await server.user('Tiers');
  orgs.grantRole(support, secretary.id, 'secretary');
  orgs.grantRole(arsId, arsReader.id, 'ars_reader');
  orgs.grantRole(otherArs, otherArsReader.id, 'ars_reader');

  projectId = await createProject(server, server.adminCookie, { kind: 'PMP', title: 'Projet médical partagé 2026–2030', organisationId: ght });
  await server.api('PUT', `/api/projects/${projectId}/members/${secretary.id}`, { cookie: server.adminCookie, body: { role: 'reader' } });
  fillProject(server, projectId, 25);
  v1 = await freeze(server, projectId, 'Version présentée aux instances');
});
afterAll(() => server.close());

describe('submission package', () => {
  it('is refused for an incomplete version, naming what is missing', async () => {
    const empty = await createProject(server, server.adminCookie, { kind: 'PM', title: 'Projet vide' });
    const version = await freeze(server, empty, 'Brouillon');
    const res = await server.api('POST', `/api/projects/${empty}/submissions`, { cookie: server.adminCookie, body: { versionId: version.id } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('submission_not_ready');
    expect(res.body.error.missing.completeness.map((i: { sectionId: string }) => i.sectionId)).toContain('objectifs-medicaux');
    expect(res.body.error.message).toMatch(/manquent ou sont incomplets/);
  });

  it('is refused while the required acts are not recorded, naming them', async () => {
    const res = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: secretary.cookie, body: { versionId: v1.id } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('submission_not_ready');
    expect(res.body.error.missing.completeness).toEqual([]);
    expect(res.body.error.missing.acts.join(' ')).toMatch(/CMG/);
    // Only what precedes the transmission for information: not the members' sequences.
    expect(res.body.error.missing.acts.join(' ')).not.toMatch(/Directoire/);
    await recordOrgAct(server, {
      organisationId: ghtId,
      instanceKind: 'CMG',
      date: daysAgo(8),
      projectId,
      versionId: v1.id,
      kind: 'avis',
      outcome: 'favorable',
      votes: { pour: 24, contre: 2, abstention: 3 },
      pvExtract: pv,
    });
    const still = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: secretary.cookie, body: { versionId: v1.id } });
    expect(still.status).toBe(409);
    expect(still.body.error.missing.acts).toEqual(['La concertation du comité stratégique n’est pas enregistrée sur cette version.']);
  });

  it('may not be built by a plain reader of the project, nor seen by a non-member', async () => {
    const reader = await server.user('Lecteur simple');
    await server.api('PUT', `/api/projects/${projectId}/members/${reader.id}`, { cookie: server.adminCookie, body: { role: 'reader' } });
    expect((await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: reader.cookie, body: { versionId: v1.id } })).status).toBe(403);
    expect((await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: outsider.cookie, body: { versionId: v1.id } })).status).toBe(404);
  });

  let submission: any;
  let zip: Buffer;

  it('is built once the acts are recorded: a zip whose manifest hashes every file', async () => {
    await recordOrgAct(server, {
      organisationId: ghtId,
      instanceKind: 'COMITE_STRATEGIQUE',
      date: daysAgo(6),
      projectId,
      versionId: v1.id,
      kind: 'concertation',
    });
    const res = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: secretary.cookie, body: { versionId: v1.id } });
    expect(res.status).toBe(201);
    submission = res.body;
    expect(submission).toMatchObject({
      purpose: 'information',
      ars: { id: arsId, name: 'ARS Centre-Val de Loire' },
      version: { id: v1.id, number: 1, hash: v1.hash, amends: null },
      receipt: null,
    });
    expect(submission.transmissionActId).toEqual(expect.any(String));

    const dl = await download(server, submission.package.url, arsReader.cookie);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/zip');
    zip = dl.data;
    expect(sha(zip)).toBe(submission.package.sha256);
    expect(dl.headers.get('x-content-sha256')).toBe(submission.package.sha256);

    const entries = await unzip(zip);
    const names = [...entries.keys()];
    expect(names).toEqual(expect.arrayContaining(['document.pdf', 'document.docx', 'timeline.pdf', 'bordereau.pdf', 'manifest.json']));
    expect(names.filter((n) => n.startsWith('acts/'))).toHaveLength(2);
    expect(names).not.toContain('diff.pdf');
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({
      format: 'pmp-ars-submission/1',
      submission: { purpose: 'information' },
      organisation: { name: 'GHT Val-de-Loire Sud' },
      ars: { name: 'ARS Centre-Val de Loire' },
      document: { projectId, kind: 'PMP', title: 'Projet médical partagé 2026–2030' },
      version: { id: v1.id, hash: v1.hash, number: 1 },
    });
    expect(manifest.acts.map((a: { kind: string }) => a.kind)).toEqual(['avis', 'concertation']);
    expect(manifest.files.map((f: { name: string }) => f.name).sort()).toEqual(names.filter((n) => n !== 'manifest.json').sort());
    for (const file of manifest.files) {
      expect(sha(entries.get(file.name)!), file.name).toBe(file.sha256);
      expect(entries.get(file.name)!.byteLength).toBe(file.bytes);
    }
  }, 120_000);

  it('holds the document, one PDF per act with its PV extract, and the approval timeline', async () => {
    const entries = await unzip(zip);
    const cover = (await pdfPages(entries.get('document.pdf')!))[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain('Version 1 — Version présentée aux instances');
    expect(cover).toContain(v1.hash);
    const avis = (await pdfPages(entries.get([...entries.keys()].find((n) => n.startsWith('acts/01-'))!)!)).join(' ').replace(/\s+/g, ' ');
    expect(avis).toContain('Avis favorable');
    expect(avis).toContain('24 pour, 2 contre, 3 abstentions');
    expect(avis).toContain('La commission rend un avis favorable au projet médical');
    const timeline = (await pdfPages(entries.get('timeline.pdf')!)).join(' ').replace(/\s+/g, ' ');
    expect(timeline).toContain('Calendrier d’approbation');
    expect(timeline).toContain('Concertation');
    expect(timeline).toMatch(/Concertation \(saisie a posteriori le \d\d\/\d\d\/\d{4}\)/);
    // A hash may wrap inside its table cell.
    expect(timeline.replace(/\s/g, '')).toContain(v1.hash);
    const bordereau = (await pdfPages(entries.get('bordereau.pdf')!)).join(' ').replace(/\s+/g, ' ');
    expect(bordereau).toContain('ARS Centre-Val de Loire');
    expect(bordereau).toContain('pour information avant la signature de la convention');
    // The fixture's séances were entered once past: the bordereau and each act say so, with who and when.
    expect(bordereau).toContain('Actes saisis a posteriori');
    expect(bordereau).toMatch(/Avis — .*séance du/);
    expect(avis).toContain('saisi a posteriori');
  }, 60_000);

  it('is listed and downloadable only by the ARS it is addressed to (and the project members)', async () => {
    const mine = await server.api('GET', '/api/submissions', { cookie: arsReader.cookie });
    expect(mine.body.map((s: { id: string }) => s.id)).toEqual([submission.id]);
    expect((await server.api('GET', '/api/submissions', { cookie: otherArsReader.cookie })).body).toEqual([]);
    expect((await server.api('GET', '/api/submissions', { cookie: outsider.cookie })).body).toEqual([]);
    expect((await download(server, submission.package.url, otherArsReader.cookie)).status).toBe(404);
    expect((await download(server, submission.package.url, outsider.cookie)).status).toBe(404);
    expect((await server.api('GET', `/api/submissions/${submission.id}`, { cookie: otherArsReader.cookie })).status).toBe(404);
    expect((await download(server, submission.package.url, secretary.cookie)).status).toBe(200);
    // The ARS reads the package, never the hospital's project.
    expect((await server.api('GET', `/api/projects/${projectId}`, { cookie: arsReader.cookie })).status).toBe(404);
    const ofProject = await server.api('GET', `/api/projects/${projectId}/submissions`, { cookie: secretary.cookie });
    expect(ofProject.body.map((s: { id: string }) => s.id)).toEqual([submission.id]);
  });

  it('verifies: the stored package matches its manifest and the hash of the download', async () => {
    const ok = await server.api('POST', `/api/submissions/${submission.id}/verify`, { cookie: arsReader.cookie, body: { sha256: sha(zip) } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, matchesRecord: true, matchesDownload: true, missing: [], unexpected: [], problems: [] });
    expect(ok.body.files.every((f: { ok: boolean }) => f.ok)).toBe(true);
    const bad = await server.api('POST', `/api/submissions/${submission.id}/verify`, { cookie: arsReader.cookie, body: { sha256: '0'.repeat(64) } });
    expect(bad.body).toMatchObject({ valid: false, matchesDownload: false });
    expect((await server.api('POST', `/api/submissions/${submission.id}/verify`, { cookie: otherArsReader.cookie, body: {} })).status).toBe(404);
  });

  it('detects a package altered after it was built (pure verification)', async () => {
    const entries = await unzip(zip);
    const files = [...entries].map(([name, data]) => ({ name, data: name === 'timeline.pdf' ? Buffer.concat([data, Buffer.from('%')]) : data }));
    const tampered = await verifyPackage(await writeZip(files, new Date()));
    expect(tampered.valid).toBe(false);
    expect(tampered.problems.join(' ')).toContain('timeline.pdf a été modifié');
    const extra = await verifyPackage(
      await writeZip([...files.filter((f) => f.name !== 'bordereau.pdf'), { name: 'ajout.txt', data: Buffer.from('x') }], new Date()),
    );
    expect(extra.missing).toEqual(['bordereau.pdf']);
    expect(extra.unexpected).toEqual(['ajout.txt']);
    expect((await verifyPackage(Buffer.from('pas un zip'))).valid).toBe(false);
    expect((await verifyPackage(zip)).valid).toBe(true);
  });

  it('records the receipt of the PMP sent for information once, by the addressed ARS only: no clock runs from it', async () => {
    expect((await server.api('POST', `/api/submissions/${submission.id}/receipt`, { cookie: otherArsReader.cookie, body: {} })).status).toBe(404);
    expect((await server.api('POST', `/api/submissions/${submission.id}/receipt`, { cookie: secretary.cookie, body: {} })).status).toBe(403);
    const future = await server.api('POST', `/api/submissions/${submission.id}/receipt`, { cookie: arsReader.cookie, body: { receivedOn: '2999-01-01' } });
    expect(future.status).toBe(400);
    const res = await server.api('POST', `/api/submissions/${submission.id}/receipt`, { cookie: arsReader.cookie, body: {} });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ receivedOn: parisDate(new Date()), tacitApprovalOn: null, actId: null, note: null });
    expect((await server.api('POST', `/api/submissions/${submission.id}/receipt`, { cookie: arsReader.cookie, body: {} })).status).toBe(409);
    // The acts of a submission, and those its package carried, are never annulled, not even by an administrator.
    const carried = (await server.api('GET', `/api/projects/${projectId}/acts?versionId=${v1.id}`, { cookie: server.adminCookie })).body.find(
      (a: { kind: string }) => a.kind === 'avis',
    );
    for (const actId of [submission.transmissionActId, carried.id]) {
      const annul = await server.api('POST', `/api/acts/${actId}/annul`, {
        cookie: server.adminCookie,
        body: { justification: 'Effacer la transmission et son accusé.' },
      });
      expect(annul.status).toBe(409);
      expect(annul.body.error.code).toBe('act_from_submission');
    }
    const acts = await server.api('GET', `/api/projects/${projectId}/acts`, { cookie: server.adminCookie });
    expect(acts.body.map((a: { kind: string }) => a.kind)).toContain('transmission');
    expect(acts.body.map((a: { kind: string }) => a.kind)).not.toContain('accuse_reception');
    const timeline = await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: server.adminCookie });
    expect(timeline.body.deadlines.some((d: { kind: string }) => d.kind === 'tacit_approval')).toBe(false);
  });

  it('submits the signed convention once every member adopted it: its receipt, an accusé de réception act, starts the 2-month clock', async () => {
    await memberSequences(server, { ght: ghtId, projectId, versionId: v1.id, date: daysAgo(3) });
    await signConvention(server, { ght: ghtId, projectId, versionId: v1.id, date: parisDate(new Date()) });
    const res = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: secretary.cookie, body: { versionId: v1.id } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ purpose: 'approbation', ars: { id: arsId }, transmissionActId: expect.any(String) });
    expect(res.body.transmissionActId).not.toBe(submission.transmissionActId);
    const receipt = await server.api('POST', `/api/submissions/${res.body.id}/receipt`, { cookie: arsReader.cookie, body: {} });
    expect(receipt.status).toBe(201);
    expect(receipt.body.actId).toEqual(expect.any(String));
    expect(receipt.body.note).toBeNull();
    expect(receipt.body.tacitApprovalOn).toBe(addMonths(receipt.body.receivedOn, 2));
    for (const actId of [res.body.transmissionActId, receipt.body.actId]) {
      const annul = await server.api('POST', `/api/acts/${actId}/annul`, {
        cookie: server.adminCookie,
        body: { justification: 'Effacer la soumission et son accusé.' },
      });
      expect(annul.status).toBe(409);
      expect(annul.body.error.code).toBe('act_from_submission');
    }
    const acts = await server.api('GET', `/api/projects/${projectId}/acts`, { cookie: server.adminCookie });
    expect(acts.body.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['transmission', 'signature', 'soumission', 'accuse_reception']));
    const timeline = await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: server.adminCookie });
    expect(timeline.body.deadlines.filter((d: { kind: string }) => d.kind === 'tacit_approval').map((d: { date: string }) => d.date)).toEqual([
      receipt.body.tacitApprovalOn,
    ]);
    const shown = await server.api('GET', `/api/submissions/${res.body.id}`, { cookie: arsReader.cookie });
    expect(shown.body.receipt).toMatchObject({
      receivedOn: receipt.body.receivedOn,
      tacitApprovalOn: receipt.body.tacitApprovalOn,
      receivedBy: { id: arsReader.id },
    });
  }, 120_000);

  it('for an avenant, adds the diff with the amended version', async () => {
    const avenant = await server.api('POST', `/api/projects/${projectId}/avenants`, { cookie: server.adminCookie, body: { fromVersionId: v1.id } });
    expect(avenant.status).toBe(201);
    writeSection(server, projectId, 'equipes-medicales-communes', [
      { type: 'paragraph', content: [{ type: 'text', text: 'Ouverture de quatre lits identifiés de soins palliatifs à Rive-Basse.' }] },
    ]);
    const v2 = await freeze(server, projectId, 'Avenant n° 1 — soins palliatifs');
    await recordPath(v2.id, 0);
    const res = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: secretary.cookie, body: { versionId: v2.id } });
    expect(res.status).toBe(201);
    expect(res.body.purpose).toBe('information');
    expect(res.body.version).toMatchObject({ number: 2, amends: { id: v1.id, number: 1, hash: v1.hash } });
    const entries = await unzip((await download(server, res.body.package.url, arsReader.cookie)).data);
    const diff = (await pdfPages(entries.get('diff.pdf')!)).join(' ').replace(/\s+/g, ' ');
    expect(diff).toContain('Modifications apportées par l’avenant');
    expect(diff).toContain('Ouverture de quatre lits identifiés de soins palliatifs à Rive-Basse.');
    expect(JSON.parse(entries.get('manifest.json')!.toString('utf8')).files.map((f: { name: string }) => f.name)).toContain('diff.pdf');
  }, 120_000);

  it('goes to the ARS an administrator records for the GHT', async () => {
    const other = server.deps.store.organisations.list().find((o) => o.name === 'ARS Normandie')!;
    expect((await server.api('PUT', `/api/organisations/${ghtId}/ars`, { cookie: secretary.cookie, body: { arsOrganisationId: other.id } })).status).toBe(403);
    expect((await server.api('PUT', `/api/organisations/${ghtId}/ars`, { cookie: server.adminCookie, body: { arsOrganisationId: supportId } })).status).toBe(
      400,
    );
    expect((await server.api('PUT', `/api/organisations/${ghtId}/ars`, { cookie: server.adminCookie, body: { arsOrganisationId: other.id } })).status).toBe(
      204,
    );
    // A changed text: freezing the same text again would name v2 (issue 16: no stored copies).
    writeSection(server, projectId, 'equipes-medicales-communes', [
      { type: 'paragraph', content: [{ type: 'text', text: 'Ouverture de quatre lits identifiés de soins palliatifs à Rive-Basse et à Rive-Haute.' }] },
    ]);
    const v3 = await freeze(server, projectId, 'Avenant n° 1 — texte définitif');
    await recordPath(v3.id, 0);
    const res = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: secretary.cookie, body: { versionId: v3.id } });
    expect(res.status).toBe(201);
    expect(res.body.ars.name).toBe('ARS Normandie');
    expect((await server.api('GET', '/api/submissions', { cookie: otherArsReader.cookie })).body.map((s: { id: string }) => s.id)).toEqual([res.body.id]);
  }, 120_000);

  it('goes ahead of ad-hoc exports: never refused because they fill the line, built before those waiting', async () => {
    writeSection(server, projectId, 'equipes-medicales-communes', [
      { type: 'paragraph', content: [{ type: 'text', text: 'Ouverture de six lits identifiés de soins palliatifs à Rive-Basse.' }] },
    ]);
    const v4 = await freeze(server, projectId, 'Avenant n° 1 — texte transmis');
    await recordPath(v4.id, 0);
    const long = await createProject(server, server.adminCookie, { kind: 'PM', title: 'Projet médical long', organisationId: supportId });
    fillProject(server, long, 60);
    const hurried = await server.user('Lecteur pressé');
    await server.api('PUT', `/api/projects/${long}/members/${hurried.id}`, { cookie: server.adminCookie, body: { role: 'reader' } });
    const finished: string[] = [];
    const running = download(server, `/api/projects/${long}/export.pdf`, server.adminCookie).then((r) => (finished.push('running'), r));
    await waitFor(() => server.deps.pdf.stats().active === 1, 10_000, 'an ad-hoc export running');
    const waiting = download(server, `/api/projects/${long}/export.pdf`, hurried.cookie).then((r) => (finished.push('waiting'), r));
    await waitFor(() => server.deps.pdf.stats().queued === 1, 10_000, 'an ad-hoc export waiting');
    // The line of ad-hoc exports is full (PMP_EXPORT_QUEUE = 1): the package is still built.
    const submit = () => server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: secretary.cookie, body: { versionId: v4.id } });
    const building = submit().then((r) => (finished.push('package'), r));
    await waitFor(() => server.deps.pdf.stats().queued === 2, 10_000, 'the package waiting ahead');
    // One package at a time per user.
    const second = await submit();
    expect(second.status).toBe(429);
    expect(second.body.error.message).toMatch(/dossier de transmission que vous avez demandé est déjà en cours de constitution/);
    const res = await building;
    expect(res.status).toBe(201);
    expect((await running).status).toBe(200);
    expect((await waiting).status).toBe(200);
    expect(finished).toEqual(['running', 'package', 'waiting']);
  }, 120_000);
});
