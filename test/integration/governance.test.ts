import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionPlainText } from '../../schemas/sectionText';
import { contentFingerprint } from '../../server/governance/content';
import { addDays, parisDate, parisToInstant } from '../../server/governance/parisTime';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Governance through the real server: versions frozen from a document edited by a real
 * y-websocket client, séances, acts checked against the order rules, stale avis on the
 * timeline, diffs, overrides in the audit trail, and the iCalendar feeds.
 */

type U = { id: string; email: string; cookie: string };
let server: TestServer;
let ch: string;
let projectId: string;
let pcme: U;
let secCme: U;
let secDir: U;
let outsider: U;
let cme: string;
let directoire: string;
let client: Client;
let v1: { id: string; hash: string };
let v2: { id: string; hash: string };
let cmeSeance: string;
let dirSeance: string;
const today = parisDate(new Date());
const day = (n: number) => addDays(today, n);

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

const serverText = (sectionId: string) => sectionPlainText(server.deps.registry.get(projectId).doc, sectionId);

beforeAll(async () => {
  server = await startTestServer();
  // Organisations have no API yet (they come from the seed or an administrator's import).
  ch = server.deps.store.organisations.create({ name: 'Centre hospitalier de Test', kind: 'etablissement' });
  pcme = await server.user('Président CME');
  secCme = await server.user('Secrétaire CME');
  secDir = await server.user('Secrétaire Directoire');
  outsider = await server.user('Extérieur');
  server.deps.store.organisations.grantRole(ch, pcme.id, 'member');
  projectId = ok(
    await server.api('POST', '/api/projects', { cookie: pcme.cookie, body: { kind: 'PM', title: 'Projet médical 2027–2031', organisationId: ch } }),
    201,
  ).id;
  cme = ok(
    await server.api('POST', '/api/instances', {
      cookie: server.adminCookie,
      body: { organisationId: ch, kind: 'CME', name: 'Commission médicale d’établissement' },
    }),
    201,
  ).id;
  directoire = ok(
    await server.api('POST', '/api/instances', { cookie: server.adminCookie, body: { organisationId: ch, kind: 'DIRECTOIRE', name: 'Directoire' } }),
    201,
  ).id;
  ok(await server.api('PUT', `/api/instances/${cme}/secretaries/${secCme.id}`, { cookie: server.adminCookie }), 204);
  ok(await server.api('PUT', `/api/instances/${directoire}/secretaries/${secDir.id}`, { cookie: server.adminCookie }), 204);

  const token = ok(await server.api('POST', `/api/projects/${projectId}/collab-token`, { cookie: pcme.cookie }), 201).token;
  client = connectClient(server.url, projectId, { token });
  await synced(client);
  appendParagraph(client.doc, 'objectifs-medicaux', 'Développer la chirurgie ambulatoire.');
  appendParagraph(client.doc, 'volet-palliatif', 'Lits identifiés de soins palliatifs en médecine polyvalente.');
  await waitFor(() => serverText('volet-palliatif').includes('médecine polyvalente'), 10_000, 'text on the server');
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe('versions', () => {
  it('a coordinator freezes a named version: immutable snapshot with a content hash', async () => {
    v1 = ok(
      await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: pcme.cookie, body: { label: 'Projet médical — version 1 (présentation)' } }),
      201,
    );
    expect(v1).toMatchObject({ number: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // The frozen state, opened read-only elsewhere, renders to the same hash.
    const res = await fetch(`${server.url}/api/projects/${projectId}/versions/${v1.id}/state`, { headers: { cookie: pcme.cookie } });
    expect(res.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
    expect(contentFingerprint(doc).hash).toBe(v1.hash);
    expect(sectionPlainText(doc, 'objectifs-medicaux')).toBe('Développer la chirurgie ambulatoire.');

    const version = ok(await server.api('GET', `/api/projects/${projectId}/versions/${v1.id}`, { cookie: pcme.cookie }), 200);
    expect(version).toMatchObject({ id: v1.id, label: 'Projet médical — version 1 (présentation)', matchesCurrentText: true, createdBy: { id: pcme.id } });
    expect(version.content.sections.find((s: any) => s.id === 'objectifs-medicaux').text.content[0].content[0].text).toBe(
      'Développer la chirurgie ambulatoire.',
    );

    const list = ok(await server.api('GET', `/api/projects/${projectId}/versions`, { cookie: pcme.cookie }), 200);
    expect(list.map((v: any) => v.id)).toEqual([v1.id]);
  });

  it('only a coordinator freezes; others get 403, strangers 404', async () => {
    const reader = await server.user('Lecteur');
    ok(await server.api('PUT', `/api/projects/${projectId}/members/${reader.id}`, { cookie: pcme.cookie, body: { role: 'reader' } }), 204);
    expect((await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: reader.cookie, body: { label: 'x' } })).status).toBe(403);
    expect((await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: outsider.cookie, body: { label: 'x' } })).status).toBe(404);
    expect((await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: pcme.cookie, body: { label: '' } })).status).toBe(400);
    expect((await server.api('GET', `/api/projects/${projectId}/versions`, { cookie: outsider.cookie })).status).toBe(404);
  });
});

describe('séances and acts', () => {
  it('a secretary plans séances of her instance only', async () => {
    cmeSeance = ok(
      await server.api('POST', '/api/seances', {
        cookie: secCme.cookie,
        body: {
          instanceId: cme,
          date: day(-20),
          startTime: '14:00',
          endTime: '17:00',
          place: 'Salle du conseil',
          agenda: [{ projectId, versionId: v1.id, act: 'avis' }],
        },
      }),
      201,
    ).id;
    const refused = await server.api('POST', '/api/seances', { cookie: secDir.cookie, body: { instanceId: cme, date: day(-19), agenda: [] } });
    expect(refused.status).toBe(403);
    dirSeance = ok(
      await server.api('POST', '/api/seances', {
        cookie: secDir.cookie,
        body: { instanceId: directoire, date: day(-10), startTime: '09:30', agenda: [{ projectId, versionId: v1.id, act: 'approbation' }] },
      }),
      201,
    ).id;
    const bad = await server.api('POST', '/api/seances', {
      cookie: secDir.cookie,
      body: { instanceId: directoire, date: '2027-02-30', agenda: [{ projectId, act: 'vote' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.path).sort()).toEqual(['agenda.0.act', 'date']);
  });

  it('the secretary of one instance cannot record acts for another', async () => {
    const res = await server.api('POST', `/api/seances/${cmeSeance}/acts`, {
      cookie: secDir.cookie,
      body: { projectId, versionId: v1.id, kind: 'avis', outcome: 'favorable', votes: { pour: 20, contre: 0, abstention: 1 } },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Commission médicale d’établissement');
    expect((await server.api('GET', `/api/projects/${projectId}/acts`, { cookie: pcme.cookie })).body).toEqual([]);
  });

  it('an approbation before its avis is refused with the reason (409)', async () => {
    const res = await server.api('POST', `/api/seances/${dirSeance}/acts`, {
      cookie: secDir.cookie,
      body: { projectId, versionId: v1.id, kind: 'approbation', outcome: 'favorable' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('rule_violation');
    expect(res.body.error.rules).toEqual([expect.objectContaining({ rule: 'prerequisite:cme-avis', overridable: true })]);
    expect(res.body.error.message).toMatch(
      /^L’approbation du Directoire requiert au préalable l’avis de la CME sur la même version \(version 1 « Projet médical — version 1 \(présentation\) »\)/,
    );
  });

  it('the CME secretary records the avis (outcome, votes, réserves, PV extract); then the approbation passes', async () => {
    const incomplete = await server.api('POST', `/api/seances/${cmeSeance}/acts`, {
      cookie: secCme.cookie,
      body: { projectId, versionId: v1.id, kind: 'avis', outcome: 'favorable_reserves' },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.fields.map((f: any) => f.path)).toEqual(['reserves']);
    const noOutcome = await server.api('POST', `/api/seances/${cmeSeance}/acts`, {
      cookie: secCme.cookie,
      body: { projectId, versionId: v1.id, kind: 'avis' },
    });
    expect(noOutcome.body.error.fields.map((f: any) => f.path)).toEqual(['outcome']);

    const pvExtract = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'La CME émet un avis favorable, sous réserve du volet palliatif.' }] }],
    };
    const avis = ok(
      await server.api('POST', `/api/seances/${cmeSeance}/acts`, {
        cookie: secCme.cookie,
        body: {
          projectId,
          versionId: v1.id,
          kind: 'avis',
          outcome: 'favorable_reserves',
          votes: { pour: 18, contre: 2, abstention: 3 },
          reserves: 'Préciser les lits identifiés.',
          pvExtract,
        },
      }),
      201,
    );
    expect(avis).toMatchObject({
      kind: 'avis',
      outcome: 'favorable_reserves',
      votes: { pour: 18, contre: 2, abstention: 3 },
      reserves: 'Préciser les lits identifiés.',
      pvExtract,
      version: { id: v1.id, number: 1, hash: v1.hash },
      instance: { id: cme, kind: 'CME', organisationName: 'Centre hospitalier de Test' },
      seance: { id: cmeSeance, date: day(-20) },
      recordedBy: { id: secCme.id },
    });

    ok(
      await server.api('POST', `/api/seances/${dirSeance}/acts`, {
        cookie: secDir.cookie,
        body: { projectId, versionId: v1.id, kind: 'approbation', outcome: 'favorable' },
      }),
      201,
    );
    const acts = ok(await server.api('GET', `/api/projects/${projectId}/acts?versionId=${v1.id}`, { cookie: pcme.cookie }), 200);
    expect(acts.map((a: any) => a.kind)).toEqual(['avis', 'approbation']);
    const seance = ok(await server.api('GET', `/api/seances/${dirSeance}`, { cookie: secDir.cookie }), 200);
    expect(seance.status).toBe('held');
    expect(seance.agenda[0].recordedActId).toBe(acts[1].id);
  });

  it('an act for a séance still to come is refused, override or not', async () => {
    const future = ok(
      await server.api('POST', '/api/seances', { cookie: secCme.cookie, body: { instanceId: cme, date: day(30), agenda: [{ projectId, act: 'avis' }] } }),
      201,
    ).id;
    const res = await server.api('POST', `/api/seances/${future}/acts`, {
      cookie: secCme.cookie,
      body: { projectId, versionId: v1.id, kind: 'avis', outcome: 'favorable' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.rules).toEqual([expect.objectContaining({ rule: 'seance_not_held', overridable: false })]);

    // Planned before the version was frozen: the secretary names it later.
    const item = ok(await server.api('GET', `/api/seances/${future}`, { cookie: secCme.cookie }), 200).agenda[0];
    expect(item.version).toBeNull();
    ok(await server.api('PATCH', `/api/seances/${future}/agenda/${item.id}`, { cookie: secCme.cookie, body: { versionId: v1.id } }), 204);
    expect(ok(await server.api('GET', `/api/seances/${future}`, { cookie: secCme.cookie }), 200).agenda[0].version).toMatchObject({ id: v1.id, number: 1 });
    expect((await server.api('PATCH', `/api/seances/${future}/agenda/${item.id}`, { cookie: secDir.cookie, body: { versionId: null } })).status).toBe(403);
  });

  it('an avenant only starts from a version that finished its path', async () => {
    const other = ok(
      await server.api('POST', '/api/projects', { cookie: pcme.cookie, body: { kind: 'PM', title: 'Projet médical — brouillon', organisationId: ch } }),
      201,
    ).id;
    const draft = ok(await server.api('POST', `/api/projects/${other}/versions`, { cookie: pcme.cookie, body: { label: 'Brouillon' } }), 201);
    const res = await server.api('POST', `/api/projects/${other}/avenants`, { cookie: pcme.cookie, body: { fromVersionId: draft.id } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('version_not_approved');
    expect(res.body.error.message).toContain('L’approbation du Directoire n’est pas enregistrée sur cette version.');
  });
});

describe('timeline, staleness and diff', () => {
  it('an edit after an avis makes it stale on the timeline, with the sections changed since', async () => {
    const before = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: pcme.cookie }), 200);
    expect(before.stale).toEqual([]);
    expect(before.latestVersion).toMatchObject({ id: v1.id, matchesCurrentText: true });
    expect(before.acts.map((a: any) => a.stale)).toEqual([false, false]);
    expect(before.steps.find((s: any) => s.stepId === 'cme-avis')).toMatchObject({ status: 'done', doneBy: { date: day(-20) } });
    // The PM's own path ends at the Directoire's approbation (L6143-7-4): nothing is missing, no
    // ARS clock; the projet d'établissement's steps are optional.
    expect(before.missing).toEqual([]);
    expect(before.deadlines.filter((d: any) => d.kind === 'tacit_approval')).toEqual([]);
    expect(before.next.map((s: any) => s.stepId)).toContain('pe-cse-avis');

    appendParagraph(client.doc, 'volet-palliatif', 'Une équipe mobile de soins palliatifs intervient dans tous les services.');
    await waitFor(() => serverText('volet-palliatif').includes('équipe mobile'), 10_000, 'edit on the server');

    const after = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: pcme.cookie }), 200);
    expect(after.latestVersion.matchesCurrentText).toBe(false);
    expect(after.acts.map((a: any) => [a.kind, a.stale])).toEqual([
      ['avis', true],
      ['approbation', true],
    ]);
    const staleAvis = after.stale.find((s: any) => s.act.kind === 'avis');
    expect(staleAvis.message).toContain('Le texte a changé depuis l’avis de la CME');
    expect(staleAvis.changes.sections).toEqual([{ sectionId: 'volet-palliatif', title: 'Volet palliatif', change: 'changed' }]);
  });

  it('the diff of two versions names the changed sections and their lines', async () => {
    v2 = ok(
      await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: pcme.cookie, body: { label: 'Projet médical — version 2 (avis)' } }),
      201,
    );
    expect(v2.hash).not.toBe(v1.hash);
    const diff = ok(await server.api('GET', `/api/projects/${projectId}/versions/${v1.id}/diff/${v2.id}`, { cookie: pcme.cookie }), 200);
    expect(diff.from).toMatchObject({ id: v1.id, number: 1 });
    expect(diff.to).toMatchObject({ id: v2.id, number: 2 });
    expect(diff.sections.map((s: any) => [s.sectionId, s.change])).toEqual([['volet-palliatif', 'changed']]);
    expect(diff.sections[0].text.lines.filter((l: any) => l.op === 'added').map((l: any) => l.text)).toEqual([
      'Une équipe mobile de soins palliatifs intervient dans tous les services.',
    ]);
    expect(diff.summary).toBe('1 section modifiée : « Volet palliatif ».');
    const none = ok(await server.api('GET', `/api/projects/${projectId}/versions/${v2.id}/diff/current`, { cookie: pcme.cookie }), 200);
    expect(none.sections).toEqual([]);
  });
});

describe('overrides and the audit trail', () => {
  it('a coordinator override, with its justification, lets a refused act through and is audited', async () => {
    const seance = ok(
      await server.api('POST', '/api/seances', {
        cookie: secDir.cookie,
        body: { instanceId: directoire, date: day(-2), agenda: [{ projectId, versionId: v2.id, act: 'approbation' }] },
      }),
      201,
    ).id;
    const body = { projectId, versionId: v2.id, kind: 'approbation', outcome: 'favorable' };
    expect((await server.api('POST', `/api/seances/${seance}/acts`, { cookie: secDir.cookie, body })).status).toBe(409);
    const selfOverride = await server.api('POST', `/api/seances/${seance}/acts`, {
      cookie: secDir.cookie,
      body: { ...body, override: { justification: 'Urgence de calendrier signalée par la direction.' } },
    });
    expect(selfOverride.status).toBe(403);

    const justification = 'Modification mineure du volet palliatif demandée par la CME elle-même ; nouvel avis en séance de mars.';
    ok(
      await server.api('POST', `/api/projects/${projectId}/overrides`, {
        cookie: pcme.cookie,
        body: { versionId: v2.id, actKind: 'approbation', rules: ['prerequisite:cme-avis'], justification },
      }),
      201,
    );
    const act = ok(await server.api('POST', `/api/seances/${seance}/acts`, { cookie: secDir.cookie, body }), 201);
    expect(act.override).toMatchObject({ rules: ['prerequisite:cme-avis'], justification, by: { id: pcme.id } });
    // The override served once: the next act of this kind on v2 (at another séance) is checked again.
    const next = ok(
      await server.api('POST', '/api/seances', {
        cookie: secDir.cookie,
        body: { instanceId: directoire, date: day(-2), agenda: [{ projectId, versionId: v2.id, act: 'approbation' }] },
      }),
      201,
    ).id;
    expect((await server.api('POST', `/api/seances/${next}/acts`, { cookie: secDir.cookie, body })).body.error.code).toBe('rule_violation');

    const audit = ok(await server.api('GET', `/api/projects/${projectId}/audit`, { cookie: pcme.cookie }), 200);
    const actions = audit.map((e: any) => e.action);
    expect(actions.filter((a: string) => a === 'version.freeze')).toHaveLength(2);
    expect(actions.filter((a: string) => a === 'act.record')).toHaveLength(3);
    expect(actions).toContain('member.role');
    const override = audit.find((e: any) => e.action === 'override.record');
    expect(override).toMatchObject({ actor: { id: pcme.id }, versionId: v2.id, details: { justification, rules: ['prerequisite:cme-avis'] } });
    const lastAct = audit.filter((e: any) => e.action === 'act.record').at(-1);
    expect(lastAct).toMatchObject({
      actor: { id: secDir.id },
      versionId: v2.id,
      details: { kind: 'approbation', versionNumber: 2, rulesOverridden: ['prerequisite:cme-avis'] },
    });
  });

  it('nobody can change or delete the audit trail, acts or versions', async () => {
    const { db } = server.deps.store;
    expect(() => db.prepare("UPDATE audit_log SET actor_name = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE acts SET outcome = 'defavorable'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM versions').run()).toThrow(/cannot be deleted/);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await server.api(method, `/api/projects/${projectId}/audit`, { cookie: server.adminCookie, body: {} })).status).toBe(404);
    }
    const all = ok(await server.api('GET', '/api/audit', { cookie: server.adminCookie }), 200);
    expect(all.intact).toBe(true);
    expect(all.entries.some((e: any) => e.action === 'role.secretary.grant')).toBe(true);
    expect((await server.api('GET', '/api/audit', { cookie: pcme.cookie })).status).toBe(403);
  });
});

describe('calendar', () => {
  it('lists séances by organisation, instance and dates; strangers see none', async () => {
    const list = ok(await server.api('GET', `/api/seances?organisationId=${ch}&from=${day(-25)}&to=${day(-15)}`, { cookie: secCme.cookie }), 200);
    expect(list.map((s: any) => s.id)).toEqual([cmeSeance]);
    expect(list[0]).toMatchObject({
      instance: { id: cme, kind: 'CME', organisationId: ch },
      date: day(-20),
      startTime: '14:00',
      place: 'Salle du conseil',
      canManage: true,
      agenda: [{ project: { id: projectId, title: 'Projet médical 2027–2031' }, version: { id: v1.id, number: 1 }, act: 'avis' }],
    });
    const dir = ok(await server.api('GET', `/api/seances?instanceId=${directoire}`, { cookie: secCme.cookie }), 200);
    expect(dir.every((s: any) => s.instance.id === directoire && s.canManage === false)).toBe(true);
    expect(ok(await server.api('GET', '/api/seances', { cookie: outsider.cookie }), 200)).toEqual([]);
    expect((await server.api('GET', `/api/seances/${cmeSeance}`, { cookie: outsider.cookie })).status).toBe(404);
    expect((await server.api('GET', '/api/seances?from=2027-05-01&to=2027-04-01', { cookie: secCme.cookie })).status).toBe(400);
  });

  it('the ICS feed is valid iCalendar (ical.js), with stable UIDs and Europe/Paris times', async () => {
    const fetchIcs = async () => {
      const res = await fetch(`${server.url}/api/calendar.ics?organisationId=${ch}`, { headers: { cookie: secCme.cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      return res.text();
    };
    const text = await fetchIcs();
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const cmeEvent = events.find((e) => e.uid === `seance-${cmeSeance}@pmp-workbench`)!;
    expect(cmeEvent).toBeDefined();
    expect(cmeEvent.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
    expect(cmeEvent.startDate.toJSDate().toISOString()).toBe(parisToInstant(day(-20), '14:00').toISOString());
    expect(cmeEvent.endDate.toJSDate().toISOString()).toBe(parisToInstant(day(-20), '17:00').toISOString());
    expect(cmeEvent.summary).toBe('Commission médicale d’établissement — Centre hospitalier de Test');
    expect(cmeEvent.location).toBe('Salle du conseil');
    expect(cmeEvent.description).toContain('• Projet médical 2027–2031 : avis — version 1 « Projet médical — version 1 (présentation) »');
    expect(events.some((e) => e.uid === `seance-${dirSeance}@pmp-workbench`)).toBe(true);

    const again = new ICAL.Component(ICAL.parse(await fetchIcs())).getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('uid'));
    expect(again).toEqual(events.map((e) => e.uid));

    const perInstance = await fetch(`${server.url}/api/calendar.ics?instanceId=${cme}`, { headers: { cookie: secCme.cookie } });
    const uids = new ICAL.Component(ICAL.parse(await perInstance.text())).getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('uid'));
    expect(uids).toContain(`seance-${cmeSeance}@pmp-workbench`);
    expect(uids).not.toContain(`seance-${dirSeance}@pmp-workbench`);

    expect((await fetch(`${server.url}/api/calendar.ics?organisationId=${ch}`, { headers: { cookie: outsider.cookie } })).status).toBe(404);
    expect((await fetch(`${server.url}/api/calendar.ics`)).status).toBe(401);
  });

  it('a secret per-user feed URL works without a session, until it is replaced', async () => {
    const { url } = ok(await server.api('POST', '/api/calendar/feed', { cookie: secCme.cookie }), 201);
    expect(url).toMatch(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]+\.ics$/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const uids = new ICAL.Component(ICAL.parse(await res.text())).getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('uid'));
    expect(uids).toContain(`seance-${cmeSeance}@pmp-workbench`);
    ok(await server.api('POST', '/api/calendar/feed', { cookie: secCme.cookie }), 201);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('secretary dashboard and organisations', () => {
  it('shows next séances, convocations not sent and acts not recorded', async () => {
    const past = ok(
      await server.api('POST', '/api/seances', {
        cookie: secCme.cookie,
        body: { instanceId: cme, date: day(-3), agenda: [{ projectId, versionId: v2.id, act: 'avis' }] },
      }),
      201,
    ).id;
    const dash = ok(await server.api('GET', '/api/dashboard/secretary', { cookie: secCme.cookie }), 200);
    expect(dash.instances.map((i: any) => i.id)).toEqual([cme]);
    expect(dash.nextSeances.every((s: any) => s.date >= today && s.instance.id === cme)).toBe(true);
    expect(dash.agendasNotSent.map((a: any) => a.seance.date)).toEqual([day(30)]);
    const missing = dash.actsNotRecorded.find((a: any) => a.seance.id === past);
    expect(missing.message).toContain('avis sur « Projet médical 2027–2031 »');

    ok(await server.api('POST', `/api/seances/${dash.agendasNotSent[0].seance.id}/convocation`, { cookie: secCme.cookie, body: {} }), 200);
    const after = ok(await server.api('GET', '/api/dashboard/secretary', { cookie: secCme.cookie }), 200);
    expect(after.agendasNotSent).toEqual([]);
  });

  it('GET /api/organisations lists id, name, kind and parent, within the family', async () => {
    const orgs = ok(await server.api('GET', '/api/organisations', { cookie: pcme.cookie }), 200);
    expect(orgs).toContainEqual(expect.objectContaining({ id: ch, name: 'Centre hospitalier de Test', kind: 'etablissement', parentId: null }));
    expect(ok(await server.api('GET', '/api/organisations', { cookie: outsider.cookie }), 200)).toEqual([]);
  });
});

describe('documents of a séance', () => {
  it('a PV uploaded as PDF is attached to the séance and to the act recorded with it', async () => {
    const seance = ok(
      await server.api('POST', '/api/seances', {
        cookie: secCme.cookie,
        body: { instanceId: cme, date: day(-1), agenda: [{ projectId, versionId: v2.id, act: 'presentation' }] },
      }),
      201,
    ).id;
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const upload = (body: Buffer, type: string, cookie = secCme.cookie) =>
      fetch(`${server.url}/api/seances/${seance}/documents?name=${encodeURIComponent('Extrait PV CME.pdf')}`, {
        method: 'POST',
        headers: { cookie, 'content-type': type, origin: server.url },
        body: new Uint8Array(body),
      });
    expect((await upload(Buffer.from('not a pdf'), 'application/pdf')).status).toBe(400);
    expect((await upload(pdf, 'application/pdf', secDir.cookie)).status).toBe(403);
    const res = await upload(pdf, 'application/pdf');
    expect(res.status).toBe(201);
    const document = (await res.json()) as { id: string; sha256: string; size: number };
    expect(document.size).toBe(pdf.length);

    const act = ok(
      await server.api('POST', `/api/seances/${seance}/acts`, {
        cookie: secCme.cookie,
        body: { projectId, versionId: v2.id, kind: 'presentation', pvDocumentId: document.id },
      }),
      201,
    );
    expect(act.pvDocument).toEqual({ id: document.id, name: 'Extrait PV CME.pdf', mediaType: 'application/pdf', size: pdf.length, sha256: document.sha256 });
    const download = await fetch(`${server.url}/api/seances/${seance}/documents/${document.id}`, { headers: { cookie: pcme.cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const other = ok(
      await server.api('POST', '/api/seances', {
        cookie: secCme.cookie,
        body: { instanceId: cme, date: day(-1), agenda: [{ projectId, act: 'presentation' }] },
      }),
      201,
    ).id;
    const foreign = await server.api('POST', `/api/seances/${other}/acts`, {
      cookie: secCme.cookie,
      body: { projectId, versionId: v2.id, kind: 'presentation', pvDocumentId: document.id },
    });
    expect(foreign.status).toBe(400);
  });
});

describe('override in the same request', () => {
  it('someone both secretary and coordinator records the act and its override at once', async () => {
    ok(await server.api('PUT', `/api/instances/${directoire}/secretaries/${pcme.id}`, { cookie: server.adminCookie }), 204);
    const seance = ok(
      await server.api('POST', '/api/seances', {
        cookie: pcme.cookie,
        body: { instanceId: directoire, date: day(-1), agenda: [{ projectId, versionId: v2.id, act: 'approbation' }] },
      }),
      201,
    ).id;
    const body = { projectId, versionId: v2.id, kind: 'approbation', outcome: 'favorable' };
    expect(
      (await server.api('POST', `/api/seances/${seance}/acts`, { cookie: pcme.cookie, body: { ...body, override: { justification: 'court' } } })).status,
    ).toBe(400);
    const act = ok(
      await server.api('POST', `/api/seances/${seance}/acts`, {
        cookie: pcme.cookie,
        body: { ...body, override: { justification: 'Séance extraordinaire : avis de la CME attendu le mois prochain.' } },
      }),
      201,
    );
    expect(act.override).toMatchObject({ rules: ['prerequisite:cme-avis'], by: { id: pcme.id } });
    const audit = ok(await server.api('GET', `/api/projects/${projectId}/audit`, { cookie: pcme.cookie }), 200);
    expect(audit.filter((e: any) => e.action === 'override.record').at(-1).details.messages[0]).toContain('requiert au préalable l’avis de la CME');
  });
});
