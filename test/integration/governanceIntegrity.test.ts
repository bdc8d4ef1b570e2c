import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../server/governance/parisTime';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Governance records that cannot be forged or contradict themselves (issue 16, findings 1, 6,
 * 7 and the 404 of 8), tried as a low-privileged member would, by hand, against the real server.
 */

type U = { id: string; email: string; cookie: string };
let server: TestServer;
let ch: string;
let foreignOrg: string;
let projectId: string;
let versionId: string;
let coordinator: U;
let secDir: U;
let secCme: U;
let outsider: U;
let foreignSecretary: U;
let direction: string;
let cme: string;
const today = parisDate(new Date());
const day = (n: number) => addDays(today, n);

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const seance = async (user: U, instanceId: string, date: string, agenda: unknown[] = [], place?: string): Promise<string> =>
  ok(await server.api('POST', '/api/seances', { cookie: user.cookie, body: { instanceId, date, agenda, place } }), 201).id;
const avis = (outcome: string) => ({ projectId, versionId, kind: 'avis', outcome, ...(outcome === 'favorable_reserves' ? { reserves: 'Réserve.' } : {}) });
const projectAudit = async () => ok(await server.api('GET', `/api/projects/${projectId}/audit`, { cookie: coordinator.cookie }), 200) as any[];

beforeAll(async () => {
  server = await startTestServer();
  const orgs = server.deps.store.organisations;
  ch = orgs.create({ name: 'Centre hospitalier de Forgeville', kind: 'etablissement' });
  foreignOrg = orgs.create({ name: 'Centre hospitalier d’Ailleurs', kind: 'etablissement' });
  coordinator = await server.user('Coordinatrice');
  secDir = await server.user('Secrétaire Direction');
  secCme = await server.user('Secrétaire CME');
  outsider = await server.user('Sans rôle');
  foreignSecretary = await server.user('Secrétaire ailleurs');
  direction = orgs.createInstance(ch, 'DIRECTION', 'Direction générale');
  cme = orgs.createInstance(ch, 'CME', 'Commission médicale d’établissement');
  orgs.createInstance(ch, 'DIRECTOIRE', 'Directoire');
  orgs.grantRole(foreignOrg, foreignSecretary.id, 'secretary');
  orgs.grantRole(ch, coordinator.id, 'member');
  ok(await server.api('PUT', `/api/instances/${direction}/secretaries/${secDir.id}`, { cookie: server.adminCookie }), 204);
  ok(await server.api('PUT', `/api/instances/${cme}/secretaries/${secCme.id}`, { cookie: server.adminCookie }), 204);
  projectId = ok(
    await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'Projet médical 2027–2031', organisationId: ch } }),
    201,
  ).id;
  versionId = ok(
    await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: coordinator.cookie, body: { label: 'Version soumise aux instances' } }),
    201,
  ).id;
});
afterAll(() => server?.close());

describe('finding 1: the ARS acts cannot be forged by a hospital secretary', () => {
  it('transmission and accusé de réception are neither put on an agenda nor recorded at a séance, even by an admin', async () => {
    const agenda = [
      { projectId, versionId, act: 'transmission' },
      { projectId, versionId, act: 'accuse_reception' },
    ];
    const planned = await server.api('POST', '/api/seances', { cookie: secDir.cookie, body: { instanceId: direction, date: today, agenda } });
    expect(planned.status).toBe(400);
    expect(planned.body.error.fields.map((f: any) => f.path)).toEqual(['agenda.0.act', 'agenda.1.act']);

    const held = await seance(secDir, direction, today);
    const added = await server.api('POST', `/api/seances/${held}/agenda`, { cookie: secDir.cookie, body: agenda[0] });
    expect(added.status).toBe(400);
    expect(added.body.error.fields.map((f: any) => f.path)).toEqual(['act']);
    for (const kind of ['transmission', 'accuse_reception']) {
      for (const cookie of [secDir.cookie, server.adminCookie]) {
        const res = await server.api('POST', `/api/seances/${held}/acts`, { cookie, body: { projectId, versionId, kind } });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('act_reserved');
        expect(res.body.error.message).toMatch(/ne s’enregistre ni ne se planifie en séance/);
      }
    }

    const timeline = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: coordinator.cookie }), 200);
    expect(timeline.acts).toEqual([]);
    expect(timeline.deadlines.filter((d: any) => d.kind === 'tacit_approval')).toEqual([]);
    expect(timeline.steps.filter((s: any) => ['transmission', 'accuse_reception'].includes(s.act) && s.status === 'done')).toEqual([]);
    // Nor can a coordinator's override prepare one.
    const override = await server.api('POST', `/api/projects/${projectId}/overrides`, {
      cookie: coordinator.cookie,
      body: { versionId, actKind: 'accuse_reception', rules: ['prerequisite:transmission'], justification: 'Accusé de réception reçu par courrier.' },
    });
    expect(override.status).toBe(403);
    expect(override.body.error.code).toBe('act_reserved');
    const avenant = await server.api('POST', `/api/projects/${projectId}/avenants`, { cookie: coordinator.cookie, body: { fromVersionId: versionId } });
    expect(avenant.status).toBe(409);
    expect(avenant.body.error.code).toBe('version_not_approved');
  });
});

describe('finding 8: a séance the user cannot see answers 404, naming nothing', () => {
  it('recording or annulling an act there is a 404 like a séance that does not exist', async () => {
    const held = await seance(secCme, cme, day(-1), [{ projectId, versionId, act: 'presentation' }]);
    for (const user of [outsider, foreignSecretary]) {
      const res = await server.api('POST', `/api/seances/${held}/acts`, { cookie: user.cookie, body: avis('favorable') });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('seance_not_found');
      expect(JSON.stringify(res.body)).not.toContain('Commission médicale');
    }
    const act = ok(await server.api('POST', `/api/seances/${held}/acts`, { cookie: secCme.cookie, body: { projectId, versionId, kind: 'presentation' } }), 201);
    const annul = await server.api('POST', `/api/acts/${act.id}/annul`, { cookie: outsider.cookie, body: { justification: 'Je veux effacer cet acte.' } });
    expect(annul.status).toBe(404);
    expect(annul.body.error.code).toBe('act_not_found');
    // An override naming a séance the coordinator cannot see does not tell it exists.
    const elsewhere = server.deps.store.organisations.createInstance(foreignOrg, 'CME', 'CME d’ailleurs');
    const hidden = await seance(foreignSecretary, elsewhere, day(-1));
    const probe = await server.api('POST', `/api/projects/${projectId}/overrides`, {
      cookie: coordinator.cookie,
      body: { versionId, seanceId: hidden, actKind: 'avis', rules: ['convocation'], justification: 'Sonder une séance d’un autre établissement.' },
    });
    expect(probe.status).toBe(404);
    // Someone who sees the séance but keeps another instance is told who records there.
    const other = await server.api('POST', `/api/seances/${held}/acts`, { cookie: secDir.cookie, body: avis('favorable') });
    expect(other.status).toBe(403);
  });
});

describe('finding 6: records that cannot contradict themselves', () => {
  let cmeSeance: string;
  let first: any;

  it('one act per séance, version and kind: a second avis, contradictory or not, is a 409', async () => {
    cmeSeance = await seance(secCme, cme, day(-3), [{ projectId, versionId, act: 'avis' }]);
    first = ok(await server.api('POST', `/api/seances/${cmeSeance}/acts`, { cookie: secCme.cookie, body: avis('favorable') }), 201);
    for (const outcome of ['defavorable', 'favorable']) {
      const res = await server.api('POST', `/api/seances/${cmeSeance}/acts`, { cookie: secCme.cookie, body: avis(outcome) });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('act_already_recorded');
      expect(res.body.error.actId).toBe(first.id);
      expect(res.body.error.message).toContain('annulez-le avec une justification');
    }
    // The database refuses it too, whatever the code path.
    const record = server.deps.store.acts.get(first.id)!;
    expect(() => server.deps.store.acts.create({ ...record, outcome: 'defavorable' })).toThrow(/one live act/);
    expect(
      ok(await server.api('GET', `/api/projects/${projectId}/acts?versionId=${versionId}`, { cookie: coordinator.cookie }), 200).filter(
        (a: any) => a.kind === 'avis',
      ),
    ).toHaveLength(1);
  });

  it('correcting means annulling with a justification (audited), then recording anew; the annulled act stays visible', async () => {
    const url = `/api/acts/${first.id}/annul`;
    const short = await server.api('POST', url, { cookie: secCme.cookie, body: { justification: 'erreur' } });
    expect(short.status).toBe(400);
    expect(short.body.error.fields.map((f: any) => f.path)).toEqual(['justification']);
    expect((await server.api('POST', url, { cookie: secDir.cookie, body: { justification: 'Le sens de l’avis a été mal saisi.' } })).status).toBe(403);
    expect((await server.api('POST', url, { cookie: coordinator.cookie, body: { justification: 'Le sens de l’avis a été mal saisi.' } })).status).toBe(403);

    const justification = 'Le PV adopté indique un avis défavorable : erreur de saisie.';
    const annulled = ok(await server.api('POST', url, { cookie: secCme.cookie, body: { justification } }), 200);
    expect(annulled).toMatchObject({ id: first.id, outcome: 'favorable', annulled: { justification, by: { id: secCme.id } } });
    const again = await server.api('POST', url, { cookie: secCme.cookie, body: { justification } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('act_already_annulled');

    const between = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: coordinator.cookie }), 200);
    expect(between.steps.find((s: any) => s.stepId === 'cme-avis').status).not.toBe('done');

    const corrected = ok(await server.api('POST', `/api/seances/${cmeSeance}/acts`, { cookie: secCme.cookie, body: avis('defavorable') }), 201);
    const timeline = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: coordinator.cookie }), 200);
    expect(timeline.steps.find((s: any) => s.stepId === 'cme-avis').doneBy.actId).toBe(corrected.id);
    const shown = timeline.acts.filter((a: any) => a.kind === 'avis');
    expect(shown.map((a: any) => [a.outcome, a.annulled?.justification ?? null])).toEqual([
      ['favorable', justification],
      ['defavorable', null],
    ]);

    const live = ok(await server.api('GET', `/api/projects/${projectId}/acts`, { cookie: coordinator.cookie }), 200);
    expect(live.some((a: any) => a.id === first.id)).toBe(false);
    const all = ok(await server.api('GET', `/api/projects/${projectId}/acts?withAnnulled=1`, { cookie: coordinator.cookie }), 200);
    expect(all.find((a: any) => a.id === first.id).annulled).toMatchObject({ justification });
    const detail = ok(await server.api('GET', `/api/seances/${cmeSeance}`, { cookie: secCme.cookie }), 200);
    expect(detail.acts.map((a: any) => a.annulled !== null)).toEqual([true, false]);
    expect(detail.agenda[0].recordedActId).toBe(corrected.id);

    const entry = (await projectAudit()).find((e: any) => e.action === 'act.annul');
    expect(entry).toMatchObject({
      actor: { id: secCme.id },
      versionId,
      subject: { id: first.id },
      details: { justification, kind: 'avis', outcome: 'favorable' },
    });
    expect(() => server.deps.store.db.prepare('DELETE FROM act_annulments').run()).toThrow(/cannot be deleted/);
  });

  it('a séance with acts can be neither cancelled nor moved, nor its convocation date changed (409); without acts, cancelling is audited', async () => {
    for (const patch of [{ status: 'cancelled' }, { status: 'planned' }, { date: day(-4) }]) {
      const res = await server.api('PATCH', `/api/seances/${cmeSeance}`, { cookie: secCme.cookie, body: patch });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('seance_has_acts');
    }
    const conv = await server.api('POST', `/api/seances/${cmeSeance}/convocation`, { cookie: secCme.cookie, body: { sentOn: day(-20) } });
    expect(conv.status).toBe(409);
    expect(ok(await server.api('GET', `/api/seances/${cmeSeance}`, { cookie: secCme.cookie }), 200).status).toBe('held');
    const item = ok(await server.api('GET', `/api/seances/${cmeSeance}`, { cookie: secCme.cookie }), 200).agenda[0];
    const retarget = await server.api('PATCH', `/api/seances/${cmeSeance}/agenda/${item.id}`, { cookie: secCme.cookie, body: { versionId: null } });
    expect(retarget.status).toBe(409);
    expect(retarget.body.error.code).toBe('agenda_item_has_act');
    // Changing the place of a held séance stays possible.
    ok(await server.api('PATCH', `/api/seances/${cmeSeance}`, { cookie: secCme.cookie, body: { place: 'Salle B' } }), 200);

    const empty = await seance(secCme, cme, day(10), [{ projectId, versionId, act: 'avis' }]);
    ok(await server.api('PATCH', `/api/seances/${empty}`, { cookie: secCme.cookie, body: { date: day(12) } }), 200);
    ok(await server.api('PATCH', `/api/seances/${empty}`, { cookie: secCme.cookie, body: { status: 'cancelled' } }), 200);
    const actions = (await projectAudit()).filter((e: any) => e.subject?.id === empty).map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['agenda.add', 'seance.move', 'seance.cancel']));
  });

  it('the convocation date is bounded: not in the future, not after the séance, not before it was planned unless entered a posteriori', async () => {
    const upcoming = await seance(secCme, cme, day(20), [{ projectId, versionId, act: 'avis' }]);
    const send = (id: string, sentOn: string) => server.api('POST', `/api/seances/${id}/convocation`, { cookie: secCme.cookie, body: { sentOn } });
    for (const sentOn of ['2031-01-01', day(1), '1900-01-01', day(-1)]) {
      const res = await send(upcoming, sentOn);
      expect(res.status, sentOn).toBe(400);
      expect(res.body.error.fields.map((f: any) => f.path)).toEqual(['sentOn']);
    }
    expect(ok(await send(upcoming, today), 200).convocation.sentOn).toBe(today);

    // History being migrated: the séance is entered after the fact, its convocation too.
    const history = await seance(secCme, cme, day(-300), [{ projectId, versionId, act: 'presentation' }]);
    expect((await send(history, day(-299))).status).toBe(400);
    expect(ok(await send(history, day(-310)), 200).convocation.sentOn).toBe(day(-310));
    const entry = (await projectAudit()).find((e: any) => e.action === 'seance.convocation' && e.subject?.id === history);
    expect(entry).toMatchObject({ actor: { id: secCme.id }, details: { sentOn: day(-310), aPosteriori: true } });
  });

  it('the 50-item agenda limit holds on every add, not only at creation', async () => {
    const items = Array.from({ length: 50 }, () => ({ projectId, versionId, act: 'presentation' }));
    const full = await seance(secCme, cme, day(40), items);
    const res = await server.api('POST', `/api/seances/${full}/agenda`, { cookie: secCme.cookie, body: { projectId, versionId, act: 'avis' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('agenda_full');
    expect(ok(await server.api('GET', `/api/seances/${full}`, { cookie: secCme.cookie }), 200).agenda).toHaveLength(50);
    const tooMany = await server.api('POST', '/api/seances', { cookie: secCme.cookie, body: { instanceId: cme, date: day(41), agenda: [...items, items[0]] } });
    expect(tooMany.status).toBe(400);
  });
});

describe('entered after the fact: marked "saisi a posteriori", with who and when', () => {
  it('a séance created with a past date and its acts say so (séance, timeline, audit); one planned in time does not', async () => {
    const past = await seance(secCme, cme, day(-200), [{ projectId, versionId, act: 'discussion' }]);
    const view = ok(await server.api('GET', `/api/seances/${past}`, { cookie: secCme.cookie }), 200);
    expect(view.aPosteriori).toMatchObject({ by: { id: secCme.id }, at: expect.any(String) });
    const act = ok(await server.api('POST', `/api/seances/${past}/acts`, { cookie: secCme.cookie, body: { projectId, versionId, kind: 'discussion' } }), 201);
    expect(act.aPosteriori).toMatchObject({ by: { id: secCme.id }, at: act.recordedAt });
    const timeline = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: coordinator.cookie }), 200);
    expect(timeline.acts.find((a: any) => a.id === act.id).aPosteriori).toMatchObject({ by: { id: secCme.id } });
    const audit = (await projectAudit()).find((e: any) => e.action === 'act.record' && e.subject?.id === act.id);
    expect(audit.details).toMatchObject({ aPosteriori: true });
    expect(audit.details.summary).toContain('(saisi a posteriori)');

    const todays = await seance(secCme, cme, today, [{ projectId, versionId, act: 'concertation' }]);
    expect(ok(await server.api('GET', `/api/seances/${todays}`, { cookie: secCme.cookie }), 200).aPosteriori).toBeNull();
    const inTime = ok(
      await server.api('POST', `/api/seances/${todays}/acts`, { cookie: secCme.cookie, body: { projectId, versionId, kind: 'concertation' } }),
      201,
    );
    expect(inTime.aPosteriori).toBeNull();
  });

  it('a séance planned in time and then moved to a past date becomes a posteriori, by whoever moved it', async () => {
    const planned = await seance(secCme, cme, day(5), [{ projectId, versionId, act: 'avis' }]);
    expect(ok(await server.api('GET', `/api/seances/${planned}`, { cookie: secCme.cookie }), 200).aPosteriori).toBeNull();
    const moved = ok(await server.api('PATCH', `/api/seances/${planned}`, { cookie: secCme.cookie, body: { date: day(-2) } }), 200);
    expect(moved.aPosteriori).toMatchObject({ by: { id: secCme.id }, at: expect.any(String) });
    const act = ok(await server.api('POST', `/api/seances/${planned}/acts`, { cookie: secCme.cookie, body: avis('favorable') }), 201);
    expect(act.aPosteriori).not.toBeNull();
    const entry = (await projectAudit()).find((e: any) => e.action === 'seance.move' && e.subject?.id === planned);
    expect(entry.details).toMatchObject({ from: day(5), to: day(-2), aPosteriori: true });
  });

  it('an act recorded more than 30 days after a séance planned in time is a posteriori', async () => {
    // A séance planned in time, 40 days ago (written as it was then: the clock is outside the server).
    const planned = server.deps.store.seances.create({
      instanceId: cme,
      date: day(-40),
      startTime: null,
      endTime: null,
      place: '',
      aPosteriori: false,
      createdBy: secCme.id,
      agenda: [{ projectId, versionId, act: 'consultation' }],
    });
    const act = ok(
      await server.api('POST', `/api/seances/${planned}/acts`, {
        cookie: secCme.cookie,
        body: { projectId, versionId, kind: 'consultation', outcome: 'favorable' },
      }),
      201,
    );
    expect(act.aPosteriori).toMatchObject({ by: { id: secCme.id } });
  });
});

describe('finding 7: ICS text fields escape a bare CR', () => {
  it('a place holding a bare CR cannot inject an event, even for a parser that breaks lines on CR', async () => {
    const place = 'Salle 1\rEND:VEVENT\rBEGIN:VEVENT\rUID:injected@evil\rSUMMARY:Faux';
    const id = await seance(secCme, cme, day(5), [], place);
    const res = await fetch(`${server.url}/api/calendar.ics?instanceId=${cme}`, { headers: { cookie: secCme.cookie } });
    const text = await res.text();
    expect(/\r(?!\n)/.test(text)).toBe(false);
    // A strict parser: every CR, LF or CRLF ends a line.
    const strict = new ICAL.Component(ICAL.parse(text.replace(/\r\n|\r|\n/g, '\r\n')));
    const uids = strict.getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('uid'));
    expect(uids).not.toContain('injected@evil');
    const event = new ICAL.Event(strict.getAllSubcomponents('vevent').find((c) => c.getFirstPropertyValue('uid') === `seance-${id}@pmp-workbench`)!);
    expect(event.location).toBe(place.replace(/\r/g, '\n'));
  });
});
