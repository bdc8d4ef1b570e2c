import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../server/governance/mailer';
import { parisToInstant } from '../../server/governance/parisTime';
import { runReminders } from '../../server/commands/reminders';
import { startSmtpListener, type SmtpListener } from '../helpers/smtpListener';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Reminders: computed for a given `now` (the clock is the only thing faked), stored as in-app
 * notifications and e-mailed through a real SMTP listener; running twice sends nothing twice.
 */

type U = { id: string; email: string; cookie: string };
let server: TestServer;
let smtp: SmtpListener;
let secretary: U;
let pcmg: U;
let projectId: string;
let upcoming: string;
let past: string;
const now = parisToInstant('2030-03-04', '08:00');

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

const waitForMails = async (count: number) => {
  const start = Date.now();
  while (smtp.mails.length < count) {
    if (Date.now() - start > 10_000) throw new Error(`only ${smtp.mails.length} mails of ${count}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeAll(async () => {
  smtp = await startSmtpListener();
  server = await startTestServer({ smtpUrl: smtp.url, mailFrom: 'Atelier PMP <pmp@ght-test.fr>', reminderIntervalMs: 0 });
  const ght = server.deps.store.organisations.create({ name: 'GHT Test', kind: 'GHT' });
  server.deps.store.organisations.create({ name: 'CH Support', kind: 'etablissement', parentId: ght, isSupport: true });
  secretary = await server.user('Secrétaire CMG');
  pcmg = await server.user('Présidente CMG');
  server.deps.store.organisations.grantRole(ght, pcmg.id, 'member');
  const cmg = ok(
    await server.api('POST', '/api/instances', {
      cookie: server.adminCookie,
      body: { organisationId: ght, kind: 'CMG', name: 'Commission médicale de groupement' },
    }),
    201,
  ).id;
  ok(await server.api('PUT', `/api/instances/${cmg}/secretaries/${secretary.id}`, { cookie: server.adminCookie }), 204);
  projectId = ok(
    await server.api('POST', '/api/projects', { cookie: pcmg.cookie, body: { kind: 'PMP', title: 'Projet médical partagé 2030', organisationId: ght } }),
    201,
  ).id;
  const v1 = ok(await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: pcmg.cookie, body: { label: 'PMP — version 1' } }), 201);
  upcoming = ok(
    await server.api('POST', '/api/seances', {
      cookie: secretary.cookie,
      body: { instanceId: cmg, date: '2030-03-09', startTime: '14:00', place: 'Salle A', agenda: [{ projectId, versionId: v1.id, act: 'avis' }] },
    }),
    201,
  ).id;
  past = ok(
    await server.api('POST', '/api/seances', {
      cookie: secretary.cookie,
      body: { instanceId: cmg, date: '2030-02-01', startTime: '14:00', agenda: [{ projectId, versionId: v1.id, act: 'presentation' }] },
    }),
    201,
  ).id;
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

describe('reminders', () => {
  it('convocation deadline, upcoming séance and missing act reach the SMTP listener, each naming its établissement', async () => {
    const run = await runReminders(server.deps, now, createMailer(server.deps.config));
    // The secretary's convocation reminder says the séance's date: no "séance à venir" besides it.
    expect(run).toEqual({ created: 3, emailed: 3, emailFailures: 0 });
    await waitForMails(3);

    const toSecretary = smtp.mails.filter((m) => m.to.includes(secretary.email));
    expect(toSecretary.map((m) => m.subject).sort()).toEqual([
      '[Atelier PMP] Acte à enregistrer : présentation de la CMG du 01/02/2030 (Commission médicale de groupement — GHT Test)',
      '[Atelier PMP] Convocation à envoyer : Commission médicale de groupement — GHT Test, séance du 09/03/2030',
    ]);
    const convocation = toSecretary.find((m) => m.subject.includes('Convocation'))!;
    expect(convocation.from).toBe('pmp@ght-test.fr');
    expect(convocation.text).toContain('devait partir au plus tard le 02/03/2030 (7 jours avant la séance)');
    const toPcmg = smtp.mails.filter((m) => m.to.includes(pcmg.email));
    expect(toPcmg.map((m) => m.subject)).toEqual(['[Atelier PMP] Séance de la CMG le 09/03/2030 (Commission médicale de groupement — GHT Test)']);
    expect(toPcmg[0]!.text).toContain('« Projet médical partagé 2030 » (avis)');
  });

  it('is idempotent: the same reminder is neither notified nor e-mailed twice', async () => {
    const mailer = createMailer(server.deps.config);
    expect(await runReminders(server.deps, now, mailer)).toEqual({ created: 0, emailed: 0, emailFailures: 0 });
    expect(await runReminders(server.deps, new Date(now.getTime() + 3_600_000), mailer)).toEqual({ created: 0, emailed: 0, emailFailures: 0 });
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails).toHaveLength(3);
  });

  it('a séance moved to a new date is reminded again', async () => {
    ok(await server.api('PATCH', `/api/seances/${upcoming}`, { cookie: secretary.cookie, body: { date: '2030-03-10' } }), 200);
    const run = await runReminders(server.deps, now, createMailer(server.deps.config));
    expect(run.created).toBe(2);
    await waitForMails(5);
  });

  it('reminders show in the app and can be marked read', async () => {
    const list = ok(await server.api('GET', '/api/notifications', { cookie: secretary.cookie }), 200);
    expect(list.map((n: any) => n.kind).sort()).toEqual(['act_missing', 'convocation_due', 'convocation_due']);
    expect(list.find((n: any) => n.kind === 'act_missing')).toMatchObject({ seanceId: past, projectId, readAt: null });
    ok(await server.api('POST', `/api/notifications/${list[0].id}/read`, { cookie: secretary.cookie }), 204);
    expect(ok(await server.api('GET', '/api/notifications?unread=1', { cookie: secretary.cookie }), 200)).toHaveLength(2);
    expect((await server.api('POST', `/api/notifications/${list[0].id}/read`, { cookie: pcmg.cookie })).status).toBe(404);
    ok(await server.api('POST', '/api/notifications/read-all', { cookie: secretary.cookie }), 204);
    expect(ok(await server.api('GET', '/api/notifications?unread=1', { cookie: secretary.cookie }), 200)).toEqual([]);
  });

  it('an e-mail that could not be sent stays pending and goes with the next run', async () => {
    const down = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'x@y.fr' });
    ok(
      await server.api('POST', '/api/seances', {
        cookie: secretary.cookie,
        body: { instanceId: (await server.api('GET', '/api/instances', { cookie: secretary.cookie })).body[0].id, date: '2030-03-06', agenda: [] },
      }),
      201,
    );
    const failed = await runReminders(server.deps, now, down);
    expect(failed.created).toBe(1);
    expect(failed.emailed).toBe(0);
    expect(failed.emailFailures).toBe(1);
    const retried = await runReminders(server.deps, now, createMailer(server.deps.config));
    expect(retried).toEqual({ created: 0, emailed: 1, emailFailures: 0 });
    await waitForMails(6);
  });

  it('a transmission deadline at risk, then the ARS silence clock, reach the project coordinators', async () => {
    ok(await server.api('PUT', `/api/projects/${projectId}/governance`, { cookie: pcmg.cookie, body: { transmissionDue: '2030-03-20' } }), 204);
    let before = smtp.mails.length;
    await runReminders(server.deps, now, createMailer(server.deps.config));
    await waitForMails(before + 1);
    const risk = smtp.mails.slice(before).find((m) => m.to.includes(pcmg.email))!;
    expect(risk.subject).toBe('[Atelier PMP] Échéance en danger : transmission à l’ARS le 20/03/2030 (Projet médical partagé 2030)');
    expect(risk.text).toContain('L’avis de la CMG n’est pas enregistré sur cette version.');

    // The PMP sent for information, then the signed avenant submitted and its receipt: only that
    // receipt starts the clock. They come only from the submission flow (the packages built, the
    // ARS's receipt); written here as those commands write them, at the direction's séance.
    const { store } = server.deps;
    const ght = store.projects.get(projectId)!.organisationId!;
    const direction = store.organisations.createInstance(ght, 'DIRECTION', 'Direction du GHT');
    const versionId = ok(await server.api('GET', `/api/projects/${projectId}/versions`, { cookie: pcmg.cookie }), 200)[0].id;
    const seanceId = store.seances.create({
      instanceId: direction,
      date: '2026-01-20',
      startTime: null,
      endTime: null,
      place: '',
      aPosteriori: false,
      createdBy: secretary.id,
      agenda: [],
    });
    for (const kind of ['transmission', 'soumission', 'accuse_reception'] as const) {
      store.acts.create({
        seanceId,
        projectId,
        versionId,
        kind,
        outcome: null,
        votes: null,
        reserves: '',
        notes: '',
        pvExtract: null,
        pvDocumentId: null,
        overrideId: null,
        recordedBy: secretary.id,
        aPosteriori: false,
      });
    }

    const timeline = ok(await server.api('GET', `/api/projects/${projectId}/timeline`, { cookie: pcmg.cookie }), 200);
    expect(timeline.deadlines.find((d: any) => d.kind === 'tacit_approval')).toMatchObject({ date: '2026-03-20', status: 'met' });
    expect(timeline.deadlines.find((d: any) => d.kind === 'transmission')).toMatchObject({ date: '2030-03-20', status: 'met', atRisk: false });

    before = smtp.mails.length;
    await runReminders(server.deps, now, createMailer(server.deps.config));
    await waitForMails(before + 1);
    expect(smtp.mails.slice(before).map((m) => m.subject)).toEqual([
      '[Atelier PMP] Approbation tacite de l’ARS acquise le 20/03/2026 (Projet médical partagé 2030)',
    ]);
    const notified = ok(await server.api('GET', '/api/notifications', { cookie: pcmg.cookie }), 200).map((n: any) => n.kind);
    expect(notified).toEqual(expect.arrayContaining(['deadline_at_risk', 'tacit_approval']));
  });
});

describe('the reminder timer of the server', () => {
  it('runs reminders periodically with the real clock', async () => {
    const timed = await startTestServer({ reminderIntervalMs: 100 });
    try {
      const ch = timed.deps.store.organisations.create({ name: 'CH Minuterie', kind: 'etablissement' });
      const sec = await timed.user('Secrétaire');
      const instance = ok(
        await timed.api('POST', '/api/instances', { cookie: timed.adminCookie, body: { organisationId: ch, kind: 'CME', name: 'CME' } }),
        201,
      ).id;
      ok(await timed.api('PUT', `/api/instances/${instance}/secretaries/${sec.id}`, { cookie: timed.adminCookie }), 204);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      ok(await timed.api('POST', '/api/seances', { cookie: sec.cookie, body: { instanceId: instance, date: tomorrow, agenda: [] } }), 201);
      const start = Date.now();
      let kinds: string[] = [];
      while (kinds.length < 1 && Date.now() - start < 10_000) {
        await new Promise((r) => setTimeout(r, 100));
        kinds = ok(await timed.api('GET', '/api/notifications', { cookie: sec.cookie }), 200).map((n: any) => n.kind);
      }
      // The secretary's convocation reminder carries the séance: one notification, not two.
      expect(kinds.sort()).toEqual(['convocation_due']);
    } finally {
      await timed.close();
    }
  });
});

describe('notifications that say where and stay true (issue 20, finding 7)', () => {
  const today = '2030-06-10';
  const noon = parisToInstant(today, '12:00');
  let s: TestServer;
  let sec: U;
  let author: U;
  let project: string;
  let titles: (user: U) => Promise<{ kind: string; title: string; seanceId: string | null }[]>;

  beforeAll(async () => {
    s = await startTestServer({ reminderIntervalMs: 0 });
    const orgs = s.deps.store.organisations;
    const ght = orgs.create({ name: 'GHT Trois-Vallées', kind: 'GHT' });
    sec = await s.user('Secrétaire des instances');
    const coordinator = await s.user('Coordonnatrice');
    author = await s.user('Rédactrice en retard');
    orgs.grantRole(ght, coordinator.id, 'member');
    const members = ['CH Amont', 'CH Aval', 'CH Confluent'].map((name, i) => orgs.create({ name, kind: 'etablissement', parentId: ght, isSupport: i === 0 }));
    const directoires = members.map((m) => orgs.createInstance(m, 'DIRECTOIRE', 'Directoire'));
    for (const m of members) orgs.grantRole(m, sec.id, 'secretary');
    project = ok(
      await s.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP des Trois-Vallées', organisationId: ght } }),
      201,
    ).id;
    ok(await s.api('PUT', `/api/projects/${project}/members/${sec.id}`, { cookie: coordinator.cookie, body: { role: 'reader' } }), 204);
    ok(await s.api('PUT', `/api/projects/${project}/members/${author.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } }), 204);
    const seance = (instanceId: string, date: string, startTime: string | null, agenda: { act: string }[] = []) =>
      s.deps.store.seances.create({
        instanceId,
        date,
        startTime,
        endTime: null,
        place: '',
        aPosteriori: false,
        createdBy: sec.id,
        agenda: agenda.map((a) => ({ projectId: project, versionId: null, act: a.act as 'avis' })),
      });
    // Tomorrow, the three Directoires (same name, three établissements).
    for (const d of directoires) seance(d, '2030-06-11', '10:00');
    // Today: one held this morning (its start passed), one marked held, one still to come.
    seance(directoires[0]!, today, '09:00');
    const held = seance(directoires[1]!, today, null);
    s.deps.store.seances.update({ ...s.deps.store.seances.get(held)!, status: 'held' });
    seance(directoires[2]!, today, '18:00');
    // Two acts still owed by one séance held long ago: one reminder, not two.
    seance(directoires[0]!, '2030-05-01', '10:00', [{ act: 'concertation' }, { act: 'avis' }]);
    // An overdue section assigned to the rédactrice.
    ok(
      await s.api('PATCH', `/api/projects/${project}/sections/objectifs-medicaux`, {
        cookie: coordinator.cookie,
        body: { assignees: [author.id], dueDate: '2030-05-31' },
      }),
      204,
    );
    titles = async (user: U) => ok(await s.api('GET', '/api/notifications', { cookie: user.cookie }), 200);
  });
  afterAll(() => s?.close());

  it('each names its établissement; none says "à venir" for a séance already held today; owed acts of a séance come as one', async () => {
    await runReminders(s.deps, noon, null);
    const mine = await titles(sec);
    const upcoming = mine.filter((n) => n.kind === 'seance_upcoming').map((n) => n.title);
    // No convocation delay for a Directoire: its convocation reminder carries the séance.
    const convocations = mine
      .filter((n) => n.kind === 'convocation_due')
      .map((n) => n.title)
      .sort();
    expect(upcoming).toEqual([]);
    expect(convocations).toEqual([
      'Convocation à envoyer : Directoire — CH Amont, séance du 11/06/2030',
      'Convocation à envoyer : Directoire — CH Aval, séance du 11/06/2030',
      'Convocation à envoyer : Directoire — CH Confluent, séance du 10/06/2030',
      'Convocation à envoyer : Directoire — CH Confluent, séance du 11/06/2030',
    ]);
    const missing = mine.filter((n) => n.kind === 'act_missing');
    expect(missing.map((n) => n.title)).toEqual(['2 actes à enregistrer : séance du Directoire du 01/05/2030 (Directoire — CH Amont)']);
    for (const n of mine) expect(n.title).not.toMatch(/\bde (le|les) /);
  });

  it('the assignee of an overdue section is told, once', async () => {
    const overdue = (await titles(author)).filter((n) => n.kind === 'section_overdue');
    expect(overdue.map((n) => n.title)).toEqual([expect.stringMatching(/^Section en retard : \d+\. Objectifs médicaux \(PMP des Trois-Vallées\)$/)]);
    await runReminders(s.deps, new Date(noon.getTime() + 3_600_000), null);
    expect((await titles(author)).filter((n) => n.kind === 'section_overdue')).toHaveLength(1);
  });

  it('a "séance à venir" given before is no longer listed once its day has passed', async () => {
    // The listing reads the real clock: a séance of 2020 is past.
    const instanceId = s.deps.store.instances.ofOrganisation(s.deps.store.organisations.list().find((o) => o.name === 'CH Aval')!.id)[0]!.id;
    const past = s.deps.store.seances.create({
      instanceId,
      date: '2020-01-07',
      startTime: null,
      endTime: null,
      place: '',
      aPosteriori: true,
      createdBy: sec.id,
      agenda: [],
    });
    s.deps.store.notifications.add(
      {
        userId: sec.id,
        dedupeKey: `upcoming:${past}:old`,
        kind: 'seance_upcoming',
        title: 'Séance du Directoire le 07/01/2020',
        body: '',
        projectId: null,
        seanceId: past,
      },
      false,
    );
    expect((await titles(sec)).some((n) => n.seanceId === past)).toBe(false);
  });
});
