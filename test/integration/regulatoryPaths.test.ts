import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, parisDate } from '../../server/governance/parisTime';
import { elaboratePmp, memberSequences, recordOrgAct, signConvention } from '../helpers/adoption';
import { createProject, daysAgo, fillProject, freeze } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 17 through the real server: the PM ends at the Directoire's approbation and its record
 * goes to no ARS; a PMP's public EHPAD member owes its CSE avis then its conseil
 * d'administration's délibération; the ARS's clock runs from the receipt of the signed avenant.
 */
let server: TestServer;
let arsReader: { id: string; cookie: string };
const today = parisDate(new Date());

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  server = await startTestServer();
  const ars = server.deps.store.organisations.create({ name: 'ARS Hauts-de-Seine', kind: 'ARS' });
  arsReader = await server.user('Lecteur ARS');
  server.deps.store.organisations.grantRole(ars, arsReader.id, 'ars_reader');
});
afterAll(() => server?.close());

describe('PM: CME avis → Directoire approbation, an adoption record addressed to no ARS', () => {
  let projectId: string;
  let versionId: string;
  let chu: string;

  beforeAll(async () => {
    chu = server.deps.store.organisations.create({ name: 'CHU de Rive-Haute', kind: 'etablissement', type: 'CHU' });
    projectId = await createProject(server, server.adminCookie, { kind: 'PM', title: 'Projet médical 2027–2031', organisationId: chu });
    fillProject(server, projectId, 3);
    versionId = (await freeze(server, projectId, 'Version soumise à la CME')).id;
  });

  it('is refused until the CME avis and the Directoire approbation are recorded, then built (201) with no ARS', async () => {
    const early = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: server.adminCookie, body: { versionId } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('Le dossier d’adoption ne peut pas encore être constitué');
    expect(early.body.error.missing.acts).toEqual([
      'L’avis de la CME n’est pas enregistré sur cette version.',
      'L’approbation du Directoire n’est pas enregistrée sur cette version.',
    ]);

    await recordOrgAct(server, { organisationId: chu, instanceKind: 'CME', kind: 'avis', date: daysAgo(6), projectId, versionId });
    await recordOrgAct(server, { organisationId: chu, instanceKind: 'DIRECTOIRE', kind: 'approbation', date: daysAgo(3), projectId, versionId });

    const progress = ok(await server.api('GET', `/api/projects/${projectId}/versions/${versionId}/progress`, { cookie: server.adminCookie }), 200);
    expect(progress.missing).toEqual([]);
    expect(progress.steps.filter((s: { required: boolean }) => s.required).map((s: { stepId: string }) => s.stepId)).toEqual([
      'cme-avis',
      'directoire-approbation',
    ]);

    const timeline = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: server.adminCookie }), 200);
    expect(timeline.missing).toEqual([]);
    expect(timeline.deadlines.filter((d: { kind: string }) => d.kind === 'tacit_approval')).toEqual([]);
    expect(timeline.steps.some((s: { act: string }) => ['transmission', 'soumission', 'accuse_reception'].includes(s.act))).toBe(false);

    const record = ok(await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: server.adminCookie, body: { versionId } }), 201);
    expect(record).toMatchObject({ purpose: 'adoption', ars: null, transmissionActId: null, receipt: null, version: { id: versionId } });
    expect(record.acts.map((a: { kind: string }) => a.kind)).toEqual(['avis', 'approbation']);
    // No transmission act: the record is kept by the établissement.
    const acts = ok(await server.api('GET', `/api/projects/${projectId}/acts`, { cookie: server.adminCookie }), 200);
    expect(acts.map((a: { kind: string }) => a.kind)).toEqual(['avis', 'approbation']);
    // No ARS reads or receives it.
    expect(ok(await server.api('GET', '/api/submissions', { cookie: arsReader.cookie }), 200)).toEqual([]);
    expect((await server.api('GET', `/api/submissions/${record.id}`, { cookie: arsReader.cookie })).status).toBe(404);
    const receipt = await server.api('POST', `/api/submissions/${record.id}/receipt`, { cookie: server.adminCookie, body: {} });
    expect(receipt.status).toBe(409);
    expect(receipt.body.error.code).toBe('not_addressed');
    const after = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: server.adminCookie }), 200);
    expect(after.deadlines.filter((d: { kind: string }) => d.kind === 'tacit_approval')).toEqual([]);
  }, 120_000);
});

describe('PMP of a GHT with an EPS support, an EPS member and a public EHPAD member', () => {
  let ght: string;
  let ehpad: string;
  let projectId: string;
  let versionId: string;

  beforeAll(async () => {
    const orgs = server.deps.store.organisations;
    ght = orgs.create({ name: 'GHT des Trois-Vallées', kind: 'GHT' });
    // The director's acts (transmission, signature, receipt) are recorded at the GHT's direction.
    orgs.createInstance(ght, 'DIRECTION', 'Direction du GHT');
    orgs.create({ name: 'Centre hospitalier de Val-Haut', kind: 'etablissement', parentId: ght, isSupport: true });
    orgs.create({ name: 'Centre hospitalier de Val-Bas', kind: 'etablissement', parentId: ght });
    ehpad = orgs.create({ name: 'EHPAD public Les Glycines', kind: 'etablissement', parentId: ght, type: 'ESMS' });
    projectId = await createProject(server, server.adminCookie, { kind: 'PMP', title: 'Projet médical partagé 2027–2031', organisationId: ght });
    fillProject(server, projectId, 3);
    versionId = (await freeze(server, projectId, 'Avenant n° 2 — projet médical partagé')).id;
  });

  it('the EHPAD owes a CSE avis, then a délibération of its conseil d’administration (R6132-6 2°)', async () => {
    const progress = ok(await server.api('GET', `/api/projects/${projectId}/versions/${versionId}/progress`, { cookie: server.adminCookie }), 200);
    const ofEhpad = progress.steps.filter((s: { organisationId: string | null }) => s.organisationId === ehpad);
    expect(ofEhpad.map((s: { stepId: string; act: string; instanceKinds: string[]; basis: string }) => [s.stepId, s.act, s.instanceKinds[0], s.basis])).toEqual(
      [
        ['esms-cse-avis', 'avis', 'CSE', 'R6132-6 2°'],
        ['esms-ca-deliberation', 'deliberation', 'CONSEIL_ADMINISTRATION', 'R6132-6 2°'],
      ],
    );
    expect(progress.missing).toContain('La délibération du conseil d’administration (EHPAD public Les Glycines) n’est pas enregistrée sur cette version.');

    await expect(
      recordOrgAct(server, { organisationId: ehpad, instanceKind: 'CONSEIL_ADMINISTRATION', kind: 'deliberation', date: daysAgo(20), projectId, versionId }),
    ).rejects.toThrow(/prerequisite:esms-cse-avis/);
    await recordOrgAct(server, { organisationId: ehpad, instanceKind: 'CSE', kind: 'avis', date: daysAgo(21), projectId, versionId });
    await recordOrgAct(server, {
      organisationId: ehpad,
      instanceKind: 'CONSEIL_ADMINISTRATION',
      kind: 'deliberation',
      date: daysAgo(20),
      projectId,
      versionId,
    });
    const after = ok(await server.api('GET', `/api/projects/${projectId}/versions/${versionId}/progress`, { cookie: server.adminCookie }), 200);
    expect(after.steps.filter((s: { organisationId: string | null }) => s.organisationId === ehpad).map((s: { status: string }) => s.status)).toEqual([
      'done',
      'done',
    ]);
  }, 60_000);

  it('the tacit approval runs two months after the receipt of the signed avenant, not of the PMP sent for information', async () => {
    await elaboratePmp(server, { ght, projectId, versionId, date: daysAgo(40) });
    // First package: the PMP for information, before signature.
    const information = ok(await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: server.adminCookie, body: { versionId } }), 201);
    expect(information).toMatchObject({ purpose: 'information', ars: { name: 'ARS Hauts-de-Seine' }, transmissionActId: expect.any(String) });
    // As if sent 30 days ago and received 28 days ago, so the two receipts have different dates.
    server.deps.store.db.prepare('UPDATE submissions SET created_at = ? WHERE id = ?').run(`${daysAgo(30)}T09:00:00.000Z`, information.id);
    const infoReceipt = ok(
      await server.api('POST', `/api/submissions/${information.id}/receipt`, { cookie: arsReader.cookie, body: { receivedOn: daysAgo(28) } }),
      201,
    );
    expect(infoReceipt).toMatchObject({ receivedOn: daysAgo(28), tacitApprovalOn: null, actId: null });
    let timeline = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: server.adminCookie }), 200);
    expect(timeline.deadlines.filter((d: { kind: string }) => d.kind === 'tacit_approval')).toEqual([]);

    // The signed avenant cannot be submitted before every member's sequence and the signature.
    const early = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: server.adminCookie, body: { versionId } });
    expect(early.status).toBe(409);
    expect(early.body.error.missing.acts.join(' ')).toContain('La signature');
    await memberSequences(server, { ght, projectId, versionId, date: daysAgo(10) });
    await signConvention(server, { ght, projectId, versionId, date: today });

    const signed = ok(await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: server.adminCookie, body: { versionId } }), 201);
    expect(signed).toMatchObject({ purpose: 'approbation', ars: { name: 'ARS Hauts-de-Seine' } });
    const receipt = ok(await server.api('POST', `/api/submissions/${signed.id}/receipt`, { cookie: arsReader.cookie, body: { receivedOn: today } }), 201);
    expect(receipt.tacitApprovalOn).toBe(addMonths(today, 2));
    expect(receipt.tacitApprovalOn).not.toBe(addMonths(daysAgo(28), 2));
    expect(receipt.actId).toEqual(expect.any(String));

    timeline = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: server.adminCookie }), 200);
    const tacit = timeline.deadlines.filter((d: { kind: string }) => d.kind === 'tacit_approval');
    expect(tacit).toEqual([expect.objectContaining({ date: addMonths(today, 2), actId: receipt.actId })]);
    expect(timeline.missing).toEqual([]);
    const acts = timeline.acts.map((a: { kind: string }) => a.kind);
    expect(acts.filter((k: string) => k === 'transmission')).toHaveLength(1);
    expect(acts.filter((k: string) => k === 'soumission')).toHaveLength(1);
    expect(acts.filter((k: string) => k === 'accuse_reception')).toHaveLength(1);
    const shown = ok(await server.api('GET', `/api/submissions/${information.id}`, { cookie: arsReader.cookie }), 200);
    expect(shown.receipt).toMatchObject({ receivedOn: daysAgo(28), tacitApprovalOn: null });
  }, 240_000);
});
