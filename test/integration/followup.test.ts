import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { personIdKey } from '../../schemas/fichePeople';
import { fichesActionsMap } from '../../schemas/structured';
import { adoptedPmp, type AdoptedPmp } from '../helpers/followupFixtures';
import { openHostile } from '../helpers/hostileClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24, yearly values: the follow-up of an adopted PMP's indicators. Who may write (pilots
 * named by the fiche-action and coordinators, by hand-sent requests from everyone else), values
 * checked against the indicator's unit, the CSV import's report, the audit, and the frozen
 * version left as it was.
 */

let server: TestServer;
let pmp: AdoptedPmp;
let pilot: { id: string; cookie: string };
let nurse: { id: string; cookie: string; email: string };
let impostor: { id: string; cookie: string };
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };
let reviewer: { id: string; cookie: string };
let reader: { id: string; cookie: string };
let stranger: { id: string; cookie: string };
let frozenState: string;

const put = (cookie: string, indicatorId: string, year: number | string, body: unknown) =>
  server.api('PUT', `/api/projects/${pmp.projectId}/followup/indicators/${indicatorId}/values/${year}`, { cookie, body });

async function stateHash(): Promise<string> {
  const res = await fetch(`${server.url}/api/projects/${pmp.projectId}/versions/${pmp.versionId}/state`, { headers: { cookie: server.adminCookie } });
  return createHash('sha256')
    .update(Buffer.from(await res.arrayBuffer()))
    .digest('hex');
}

beforeAll(async () => {
  server = await startTestServer({ exportQueue: 1 });
  pilot = await server.user('Sophie Lambert');
  nurse = await server.user('Marc Petit');
  // The pilote médical chosen among the members (by id); the pilote soignant written by hand as
  // the e-mail of a member, as an older document may; the other fiche's pilot a name.
  pmp = await adoptedPmp(server, { name: 'Val-de-Seine', pilotMedicalId: pilot.id, pilotSoignant: ` ${nurse.email.toUpperCase()} ` });
  impostor = await server.user('Jean Dupont');
  coordinator = await server.user('Coordonnatrice');
  editor = await server.user('Rédacteur');
  reviewer = await server.user('Relectrice');
  reader = await server.user('Lecteur');
  stranger = await server.user('Inconnu');
  for (const [who, role] of [
    [pilot, 'editor'],
    [nurse, 'editor'],
    [impostor, 'editor'],
    [coordinator, 'coordinator'],
    [editor, 'editor'],
    [reviewer, 'reviewer'],
    [reader, 'reader'],
  ] as const) {
    const res = await server.api('PUT', `/api/projects/${pmp.projectId}/members/${who.id}`, { cookie: server.adminCookie, body: { role } });
    expect(res.status).toBe(204);
  }
  frozenState = await stateHash();
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('follow-up of an adopted PMP', () => {
  it('answers 409 not_adopted for a project with no adopted version', async () => {
    const draft = await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PMP', title: 'PMP en cours de rédaction' } });
    const res = await server.api('GET', `/api/projects/${draft.body.id}/followup`, { cookie: server.adminCookie });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_adopted');
    const write = await server.api('PUT', `/api/projects/${draft.body.id}/followup/indicators/abc/values/2025`, {
      cookie: server.adminCookie,
      body: { value: 1 },
    });
    expect(write.status).toBe(409);
  });

  it('lists the indicators of the adopted version with their unit, dated baseline and target, and the fiches with their étapes', async () => {
    const res = await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: reader.cookie });
    expect(res.status).toBe(200);
    expect(res.body.versionId).toBe(pmp.versionId);
    const byId = new Map(res.body.indicators.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(pmp.indicators.ambulatoire)).toMatchObject({
      label: 'Taux de chirurgie ambulatoire du sein',
      ownerId: pmp.fiches.cancer,
      unit: 'percent',
      baseline: { value: 40, date: '2024-12-31' },
      target: { value: 65, date: '2029-12-31' },
      values: [],
      status: 'no_data',
      editable: false,
    });
    expect(byId.get(pmp.indicators.delai)).toMatchObject({ unit: 'days', baseline: { value: 10 }, target: { value: 5 } });
    expect(byId.get(pmp.indicators.sejours)).toMatchObject({ unit: 'count' });
    expect(byId.get(pmp.indicators.budget)).toMatchObject({ unit: 'euros', ownerId: 'suivi-evaluation', baseline: { value: 1_000_000 } });
    expect(byId.get(pmp.indicators.depistage)).toMatchObject({ unit: 'percent', baseline: null });
    const fiche = res.body.fiches.find((f: { id: string }) => f.id === pmp.fiches.cancer);
    expect(fiche.etapes.map((e: { label: string; due: string; done: boolean }) => [e.label, e.due, e.done])).toEqual([
      ['Protocole commun validé', '2025-06-30', false],
      ['Circuit patient ambulatoire ouvert', '2026-03-31', false],
    ]);
  });

  it('lets the fiche-action’s pilot and the coordinators write, and nobody else (hand-sent requests)', async () => {
    const body = { value: 45, source: 'PMSI 2025' };
    for (const who of [editor, reviewer, reader]) {
      const res = await put(who.cookie, pmp.indicators.ambulatoire, 2025, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    // A stranger learns nothing of the project (404, as for every project route).
    expect((await put(stranger.cookie, pmp.indicators.ambulatoire, 2025, body)).status).toBe(404);
    // The pilot of one fiche-action is not the pilot of another.
    expect((await put(pilot.cookie, pmp.indicators.delai, 2025, { value: 9 })).status).toBe(403);
    // A chapter's table has no pilot: its coordinators only.
    expect((await put(pilot.cookie, pmp.indicators.budget, 2025, { value: 900_000 })).status).toBe(403);
    expect((await put(pilot.cookie, pmp.indicators.ambulatoire, 2025, body)).status).toBe(204);
    expect((await put(coordinator.cookie, pmp.indicators.delai, 2025, { value: '9 jours' })).status).toBe(204);
    const etape = await server.api('PUT', `/api/projects/${pmp.projectId}/followup/fiches/${pmp.fiches.cancer}/etapes/${pmp.etapes.cancerDone}`, {
      cookie: reader.cookie,
      body: { doneOn: '2025-06-20' },
    });
    expect(etape.status).toBe(403);
  });

  it('takes a pilot written as an e-mail for that member, and never a pilot written as a name', async () => {
    expect((await put(nurse.cookie, pmp.indicators.sejours, 2025, { value: 130 })).status).toBe(204);
    // « Dr Personne Ailleurs » names nobody by id or e-mail: not even a member of that name.
    const named = await server.user('Personne Ailleurs');
    expect(
      (await server.api('PUT', `/api/projects/${pmp.projectId}/members/${named.id}`, { cookie: server.adminCookie, body: { role: 'editor' } })).status,
    ).toBe(204);
    expect((await put(named.cookie, pmp.indicators.delai, 2025, { value: 9 })).status).toBe(403);
  });

  it('refuses a member who renames himself after a pilot (PATCH /api/me), then names himself pilot in the live text by hand', async () => {
    const steal = async (name: string, indicatorId: string) => {
      const renamed = await server.api('PATCH', '/api/me', { cookie: impostor.cookie, body: { name } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe(name);
      const res = await put(impostor.cookie, indicatorId, 2025, { value: 99 });
      expect(res.status, name).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    };
    await steal('Dr Sophie Lambert (oncologie)', pmp.indicators.ambulatoire);
    await steal('Sophie Lambert', pmp.indicators.ambulatoire);
    await steal('Personne Ailleurs', pmp.indicators.delai);
    await steal('Dr Personne Ailleurs', pmp.indicators.delai);
    // An editor may name himself pilot of the working text (a Yjs update sent by hand, accepted
    // by the guard): the follow-up reads the adopted version, which names someone else.
    const live = server.deps.registry.get(pmp.projectId).doc;
    const attacker = await openHostile(server.url, pmp.projectId, impostor.cookie, Y.encodeStateAsUpdate(live));
    attacker.send(
      attacker.change((doc) => {
        for (const ficheId of [pmp.fiches.cancer, pmp.fiches.urgences]) {
          fichesActionsMap(doc).get(ficheId)!.set(personIdKey('piloteMedical'), impostor.id);
        }
      }),
    );
    const deadline = Date.now() + 5_000;
    while (fichesActionsMap(live).get(pmp.fiches.urgences)?.get('piloteMedicalId') !== impostor.id && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(fichesActionsMap(live).get(pmp.fiches.urgences)?.get('piloteMedicalId')).toBe(impostor.id);
    attacker.ws.close();
    for (const indicatorId of [pmp.indicators.ambulatoire, pmp.indicators.delai])
      expect((await put(impostor.cookie, indicatorId, 2025, { value: 99 })).status).toBe(403);
    const view = await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: impostor.cookie });
    expect(view.body.indicators.filter((i: { editable: boolean }) => i.editable)).toEqual([]);
    const values = await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: server.adminCookie });
    expect(values.body.indicators.flatMap((i: { values: { value: number }[] }) => i.values.map((v) => v.value))).not.toContain(99);
  });

  it('checks each value against the indicator’s unit and says which field is at fault', async () => {
    const cases: [string, number | string, unknown, string][] = [
      [pmp.indicators.ambulatoire, 2025, { value: 120 }, 'value'],
      [pmp.indicators.ambulatoire, 2025, { value: -1 }, 'value'],
      [pmp.indicators.ambulatoire, 2025, { value: 'beaucoup' }, 'value'],
      [pmp.indicators.ambulatoire, 2025, { value: '12 jours' }, 'value'],
      [pmp.indicators.sejours, 2025, { value: 12.5 }, 'value'],
      [pmp.indicators.sejours, 2025, { value: 'une centaine' }, 'value'],
      [pmp.indicators.delai, 2025, { value: -3 }, 'value'],
      [pmp.indicators.ambulatoire, 2025, { value: 45, date: '31/12/2025' }, 'date'],
      [pmp.indicators.ambulatoire, 2025, { value: 45, date: '2024-06-30' }, 'date'],
      [pmp.indicators.ambulatoire, 2025, { value: 45, date: '2999-01-01' }, 'date'],
      [pmp.indicators.ambulatoire, 2031, { value: 45 }, 'year'],
      [pmp.indicators.ambulatoire, 2025, { value: 45, extra: true }, '(corps)'],
    ];
    for (const [indicatorId, year, body, field] of cases) {
      const res = await put(server.adminCookie, indicatorId, year, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.error.fields.map((f: { path: string }) => f.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    const future = new Date().getFullYear() + 1;
    expect((await put(server.adminCookie, pmp.indicators.ambulatoire, future, { value: 45 })).body.error.fields[0].path).toBe('year');
    expect((await put(server.adminCookie, 'inconnu', 2025, { value: 45 })).status).toBe(404);
    // A French decimal with its unit is a number.
    expect((await put(server.adminCookie, pmp.indicators.sejours, 2025, { value: '150 séjours' })).status).toBe(204);
  });

  it('records who entered what in the audit log, and the follow-up shows it', async () => {
    const audit = await server.api('GET', `/api/projects/${pmp.projectId}/audit`, { cookie: server.adminCookie });
    const entries = audit.body.filter((e: { action: string }) => e.action === 'indicator.value');
    expect(
      entries.map((e: { actor: { id: string }; subject: { id: string }; details: { year: number; value: number } }) => [
        e.actor.id,
        e.subject.id,
        e.details.year,
        e.details.value,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [pilot.id, pmp.indicators.ambulatoire, 2025, 45],
        [coordinator.id, pmp.indicators.delai, 2025, 9],
      ]),
    );
    const followup = await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: pilot.cookie });
    const ambulatoire = followup.body.indicators.find((i: { id: string }) => i.id === pmp.indicators.ambulatoire);
    expect(ambulatoire).toMatchObject({ editable: true, values: [{ year: 2025, value: 45, source: 'PMSI 2025', by: pilot.id, byName: 'Sophie Lambert' }] });
  });

  it('imports a year’s values from a CSV file with a report line by line, previewed then applied', async () => {
    const csv = [
      'indicateur;valeur;date;source;commentaire',
      `${pmp.indicators.ambulatoire};48 %;30/11/2026;PMSI;Ouverture du circuit retardée`,
      'Durée médiane de passage aux urgences;9,5;;RPU;',
      'Taux de chirurgie ambulatoire du sein;50;;;doublon',
      'Indicateur disparu;12;;;',
      `${pmp.indicators.sejours};douze;;;`,
      `${pmp.indicators.budget};"850 000 €";;Comptes 2026;`,
    ].join('\n');
    const preview = await server.api('POST', `/api/projects/${pmp.projectId}/followup/import`, { cookie: server.adminCookie, body: { year: 2026, csv } });
    expect(preview.status).toBe(200);
    expect(preview.body.lines.map((l: { line: number; status: string }) => [l.line, l.status])).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [4, 'refused'],
      [5, 'refused'],
      [6, 'refused'],
      [7, 'ok'],
    ]);
    expect(preview.body.lines[3].reasons).toEqual(['Indicateur inconnu dans la version adoptée.']);
    expect(preview.body.lines[4].reasons[0]).toMatch(/^valeur : /);
    const before = await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: server.adminCookie });
    expect(before.body.indicators.find((i: { id: string }) => i.id === pmp.indicators.budget).values).toEqual([]);
    // The pilot imports too, but only the lines of their fiche-action pass.
    const asPilot = await server.api('POST', `/api/projects/${pmp.projectId}/followup/import`, { cookie: pilot.cookie, body: { year: 2026, csv } });
    expect(asPilot.body.lines.map((l: { status: string }) => l.status)).toEqual(['ok', 'refused', 'refused', 'refused', 'refused', 'refused']);
    expect(
      (await server.api('POST', `/api/projects/${pmp.projectId}/followup/import`, { cookie: reader.cookie, body: { year: 2026, csv } })).body.lines.every(
        (l: { status: string }) => l.status === 'refused',
      ),
    ).toBe(true);
    const applied = await server.api('POST', `/api/projects/${pmp.projectId}/followup/import`, {
      cookie: server.adminCookie,
      body: { year: 2026, csv, apply: true },
    });
    expect(applied.status).toBe(200);
    const after = await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: server.adminCookie });
    const value = (id: string, year: number) =>
      after.body.indicators.find((i: { id: string }) => i.id === id).values.find((v: { year: number }) => v.year === year);
    expect(value(pmp.indicators.ambulatoire, 2026)).toMatchObject({ value: 48, date: '2026-11-30', comment: 'Ouverture du circuit retardée' });
    expect(value(pmp.indicators.delai, 2026)).toMatchObject({ value: 9.5, source: 'RPU' });
    expect(value(pmp.indicators.budget, 2026)).toMatchObject({ value: 850_000 });
    const header = await server.api('POST', `/api/projects/${pmp.projectId}/followup/import`, {
      cookie: server.adminCookie,
      body: { year: 2026, csv: 'a;b\n1;2' },
    });
    expect(header.status).toBe(400);
    expect(header.body.error.fields[0].path).toBe('csv');
  });

  it('draws each indicator’s chart as SVG for its readers', async () => {
    const url = `/api/projects/${pmp.projectId}/followup/indicators/${pmp.indicators.ambulatoire}/chart.svg`;
    const res = await fetch(server.url + url, { headers: { cookie: reader.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg [^>]*width="560" height="240"/);
    expect(svg).not.toContain('<script');
    expect((await fetch(server.url + url, { headers: { cookie: stranger.cookie } })).status).toBe(404);
    expect(
      (await fetch(`${server.url}/api/projects/${pmp.projectId}/followup/indicators/inconnu/chart.svg`, { headers: { cookie: reader.cookie } })).status,
    ).toBe(404);
  });

  it('never changes the frozen version', async () => {
    const version = await server.api('GET', `/api/projects/${pmp.projectId}/versions/${pmp.versionId}`, { cookie: server.adminCookie });
    expect(version.body.hash).toBe(pmp.versionHash);
    expect(await stateHash()).toBe(frozenState);
  });
});
