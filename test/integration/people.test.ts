import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, synced, waitFor } from '../helpers/collabClient';
import { startSmtpListener, type SmtpListener } from '../helpers/smtpListener';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 18, people: invitations with a 72-hour link (e-mailed over SMTP, or given once to the
 * administrator without it), accepting them with the password policy, "mot de passe oublié"
 * without account enumeration, name and function, deactivation that closes everything at once,
 * a search limited to the caller's organisations. The mailbox is a real SMTP listener.
 */
let server: TestServer;
let mailed: TestServer;
let smtp: SmtpListener;
type U = { id: string; email: string; cookie: string };
let ght: string;
let ch: string;
let otherGht: string;
const strong = 'tulipe-orage-violon-58';
const tokenOf = (link: string) => link.split('/').at(-1)!;
const auditOf = (s: TestServer, action: string) => s.deps.store.audit.latest(10_000).filter((e) => e.action === action);

beforeAll(async () => {
  smtp = await startSmtpListener();
  server = await startTestServer();
  mailed = await startTestServer({ smtpUrl: smtp.url, publicUrl: 'https://pmp.ght-test.fr' });
  const orgs = server.deps.store.organisations;
  ght = orgs.create({ name: 'GHT Nord', kind: 'GHT' });
  ch = orgs.create({ name: 'CH Nord', kind: 'etablissement', parentId: ght, isSupport: true });
  otherGht = orgs.create({ name: 'GHT Sud', kind: 'GHT' });
});
afterAll(async () => {
  await Promise.all([server.close(), mailed.close()]);
  await smtp.close();
});

describe('invitations', () => {
  it('without SMTP gives the administrator the link once; the invited person sets a strong password and is signed in', async () => {
    const invited = await server.api('POST', '/api/users/invitations', {
      cookie: server.adminCookie,
      body: { email: ' PCME@CH-Nord.fr ', name: 'Dr Claire Martin', function: 'PCME', organisationId: ch, role: 'member' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.emailed).toBe(false);
    expect(invited.body.link).toMatch(/\/#\/invitation\/[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(invited.body.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
    const token = tokenOf(invited.body.link);
    // No password yet: nothing opens the account but the link.
    expect((await server.api('POST', '/api/auth/login', { body: { email: 'pcme@ch-nord.fr', password: '' } })).status).toBe(400);
    expect((await server.api('POST', '/api/auth/link', { body: { token } })).body).toMatchObject({
      purpose: 'invitation',
      email: 'pcme@ch-nord.fr',
      name: 'Dr Claire Martin',
    });
    const weak = await server.api('POST', '/api/auth/invitation/accept', { body: { token, password: 'motdepasse123' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    const accepted = await server.api('POST', '/api/auth/invitation/accept', { body: { token, password: strong } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email: 'pcme@ch-nord.fr', function: 'PCME' });
    const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
    expect((await server.api('GET', '/api/me', { cookie })).body.name).toBe('Dr Claire Martin');
    expect((await server.api('POST', '/api/auth/invitation/accept', { body: { token, password: strong } })).status).toBe(404);
    expect(server.deps.store.organisations.rolesOf(invited.body.id)).toEqual([{ organisationId: ch, role: 'member', instanceId: null }]);
    expect(auditOf(server, 'user.invite')[0]).toMatchObject({
      actorName: 'Administrateur',
      subjectId: invited.body.id,
      details: { function: 'PCME', role: 'member' },
    });
    expect(auditOf(server, 'user.invitation.accept')).toHaveLength(1);
    // An existing address: the administrator is told.
    expect((await server.api('POST', '/api/users/invitations', { cookie: server.adminCookie, body: { email: 'pcme@ch-nord.fr', name: 'X' } })).status).toBe(
      409,
    );
  });

  it('an expired or replaced link opens nothing', async () => {
    const invited = await server.api('POST', '/api/users/invitations', {
      cookie: server.adminCookie,
      body: { email: 'retard@ch-nord.fr', name: 'Paul Retard' },
    });
    const first = tokenOf(invited.body.link);
    const again = await server.api('POST', `/api/users/${invited.body.id}/invitation`, { cookie: server.adminCookie });
    expect(again.status).toBe(201);
    expect((await server.api('POST', '/api/auth/invitation/accept', { body: { token: first, password: strong } })).status).toBe(404);
    // The clock is outside: the link's expiry is moved into the past.
    server.deps.store.db.prepare("UPDATE account_links SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ?").run(invited.body.id);
    const expired = await server.api('POST', '/api/auth/invitation/accept', { body: { token: tokenOf(again.body.link), password: strong } });
    expect(expired.status).toBe(404);
    expect(expired.body.error.code).toBe('link_invalid');
  });

  it('over SMTP e-mails the link (PMP_PUBLIC_URL) and never puts it in the answer', async () => {
    const invited = await mailed.api('POST', '/api/users/invitations', {
      cookie: mailed.adminCookie,
      body: { email: 'secretariat@ch-nord.fr', name: 'Sophie Bernard', function: 'secrétaire' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ emailed: true });
    expect(invited.body.link).toBeUndefined();
    await waitFor(() => smtp.mails.some((m) => m.to.includes('secretariat@ch-nord.fr')), 5_000, 'invitation mail');
    const mail = smtp.mails.find((m) => m.to.includes('secretariat@ch-nord.fr'))!;
    expect(mail.subject).toContain('Invitation');
    const link = /https:\/\/pmp\.ght-test\.fr\/#\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect((await mailed.api('POST', '/api/auth/invitation/accept', { body: { token: link, password: strong } })).status).toBe(200);
  });
});

describe('forgotten password', () => {
  it('answers alike for any address, e-mails a reset link to an active account, and the reset ends its other sessions', async () => {
    const u = await mailed.user('Oublieuse');
    const before = smtp.mails.length;
    const known = await mailed.api('POST', '/api/auth/password/forgot', { body: { email: u.email } });
    const unknown = await mailed.api('POST', '/api/auth/password/forgot', { body: { email: 'personne@nulle-part.fr' } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await waitFor(() => smtp.mails.length > before, 5_000, 'reset mail');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.slice(before).map((m) => m.to[0])).toEqual([u.email]);
    const token = /#\/mot-de-passe\/([A-Za-z0-9_-]+)/.exec(smtp.mails.at(-1)!.text)![1]!;
    // A reset link is not an invitation.
    expect((await mailed.api('POST', '/api/auth/invitation/accept', { body: { token, password: strong } })).status).toBe(404);
    const reset = await mailed.api('POST', '/api/auth/password/reset', { body: { token, password: strong } });
    expect(reset.status).toBe(200);
    expect((await mailed.api('GET', '/api/me', { cookie: u.cookie })).status).toBe(401);
    expect((await mailed.api('POST', '/api/auth/login', { body: { email: u.email, password: strong } })).status).toBe(200);
  });
});

describe('deactivation', () => {
  it('closes the open editor at once, ends the sessions, refuses login; reactivation lets the person back in', async () => {
    const u = await server.user('Partante');
    const project = await server.api('POST', '/api/projects', { cookie: u.cookie, body: { kind: 'PM', title: 'Projet de la partante' } });
    const token = (await server.api('POST', `/api/projects/${project.body.id}/collab-token`, { cookie: u.cookie })).body.token;
    const client = connectClient(server.url, project.body.id, { token }, { reconnect: false });
    await synced(client);
    expect((await server.api('POST', `/api/users/${u.id}/deactivate`, { cookie: server.adminCookie })).status).toBe(204);
    await waitFor(() => client.closes.length > 0, 5_000, 'socket closed');
    expect(client.closes).toEqual([4403]);
    client.destroy();
    expect((await server.api('GET', '/api/me', { cookie: u.cookie })).status).toBe(401);
    expect(server.deps.store.sessions.collabTokenGrant(token)).toBeUndefined();
    const refused = await server.api('POST', '/api/auth/login', { body: { email: u.email, password: 'password-of-Partante' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('account_deactivated');
    // Without the password, nothing says the account exists.
    expect((await server.api('POST', '/api/auth/login', { body: { email: u.email, password: 'mauvais-mot-de-passe' } })).status).toBe(401);
    expect((await server.api('POST', `/api/users/${u.id}/reactivate`, { cookie: server.adminCookie })).status).toBe(204);
    expect((await server.api('POST', '/api/auth/login', { body: { email: u.email, password: 'password-of-Partante' } })).status).toBe(200);
    expect(auditOf(server, 'user.deactivate')[0]).toMatchObject({ subjectId: u.id, actorName: 'Administrateur' });
    expect(auditOf(server, 'user.reactivate')).toHaveLength(1);
    const self = await server.api('POST', `/api/users/${server.deps.store.users.findByEmail('admin@test.fr')!.id}/deactivate`, { cookie: server.adminCookie });
    expect(self.status).toBe(409);
  });

  it('authenticates no deactivated account, even through a session that survived', async () => {
    const u = await server.user('Survivante');
    expect((await server.api('GET', '/api/me', { cookie: u.cookie })).status).toBe(200);
    // Marked deactivated behind the command's back: its session row is still there.
    server.deps.store.users.setDeactivated(u.id, u.id);
    expect((await server.api('GET', '/api/me', { cookie: u.cookie })).status).toBe(401);
    server.deps.store.users.setDeactivated(u.id, null);
    expect((await server.api('GET', '/api/me', { cookie: u.cookie })).status).toBe(200);
  });
});

describe('organisation administrators and what people see', () => {
  let orgAdmin: U;
  let member: U;
  let elsewhere: U;

  beforeAll(async () => {
    orgAdmin = await server.user('Admin du CH');
    member = await server.user('Membre du CH');
    elsewhere = await server.user('Membre du Sud');
    const grant = (org: string, userId: string, role: string) =>
      server.api('POST', `/api/organisations/${org}/roles`, { cookie: server.adminCookie, body: { userId, role } });
    await grant(ch, orgAdmin.id, 'org_admin');
    await grant(ch, member.id, 'member');
    await grant(otherGht, elsewhere.id, 'member');
  });

  it('invites into their organisation only, with the same answer whether the address had an account', async () => {
    const fresh = await server.api('POST', '/api/users/invitations', {
      cookie: orgAdmin.cookie,
      body: { email: 'nouvelle@ch-nord.fr', name: 'Nouvelle', organisationId: ch },
    });
    const existing = await server.api('POST', '/api/users/invitations', {
      cookie: orgAdmin.cookie,
      body: { email: elsewhere.email, name: 'Peu importe', organisationId: ch },
    });
    expect(fresh.status).toBe(201);
    expect(existing.status).toBe(201);
    expect(Object.keys(fresh.body).sort()).toEqual(Object.keys(existing.body).sort());
    expect(fresh.body.link).toBeUndefined();
    expect(fresh.body.expiresAt).toBeNull();
    expect((await server.api('POST', '/api/users/invitations', { cookie: orgAdmin.cookie, body: { email: 'x@y.fr', name: 'X' } })).status).toBe(403);
    // A role that does not fit the organisation is refused before any account exists.
    const misfit = await server.api('POST', '/api/users/invitations', {
      cookie: server.adminCookie,
      body: { email: 'lecteur@ch-nord.fr', name: 'Lecteur', organisationId: ch, role: 'ars_reader' },
    });
    expect(misfit.status).toBe(400);
    expect(server.deps.store.users.findByEmail('lecteur@ch-nord.fr')).toBeUndefined();
    expect(
      (await server.api('POST', '/api/users/invitations', { cookie: orgAdmin.cookie, body: { email: 'x@y.fr', name: 'X', organisationId: ght } })).status,
    ).toBe(403);
    expect(
      (await server.api('POST', '/api/users/invitations', { cookie: member.cookie, body: { email: 'x@y.fr', name: 'X', organisationId: ch } })).status,
    ).toBe(403);
    const roles = await server.api('GET', `/api/organisations/${ch}/roles`, { cookie: orgAdmin.cookie });
    expect(roles.body.find((r: { userId: string }) => r.userId === fresh.body.id)).toMatchObject({ pending: true, active: true });
    const asMember = await server.api('GET', `/api/organisations/${ch}/roles`, { cookie: member.cookie });
    expect(asMember.body.every((r: object) => !('pending' in r))).toBe(true);
    // The administrator hands the link over when there is no SMTP.
    const resent = await server.api('POST', `/api/users/${fresh.body.id}/invitation`, { cookie: server.adminCookie });
    expect(resent.body.link).toMatch(/#\/invitation\//);
  });

  it('manages the people of their organisation only, never an administrator nor someone with roles elsewhere', async () => {
    expect((await server.api('PATCH', `/api/users/${member.id}`, { cookie: orgAdmin.cookie, body: { function: 'DG' } })).status).toBe(204);
    expect(server.deps.store.users.get(member.id)!.function).toBe('DG');
    // `elsewhere` now also holds a role in GHT Sud.
    expect((await server.api('POST', `/api/users/${elsewhere.id}/deactivate`, { cookie: orgAdmin.cookie })).status).toBe(403);
    const adminId = server.deps.store.users.findByEmail('admin@test.fr')!.id;
    expect((await server.api('POST', `/api/users/${adminId}/deactivate`, { cookie: orgAdmin.cookie })).status).toBe(404);
    expect((await server.api('POST', `/api/users/${orgAdmin.id}/deactivate`, { cookie: member.cookie })).status).toBe(403);
    // Nor someone working on a project attached to no organisation (or to another one).
    const busy = await server.user('Membre occupé');
    await server.api('POST', `/api/organisations/${ch}/roles`, { cookie: server.adminCookie, body: { userId: busy.id, role: 'member' } });
    await server.api('POST', '/api/projects', { cookie: busy.cookie, body: { kind: 'PM', title: 'Projet hors organisation' } });
    expect((await server.api('POST', `/api/users/${busy.id}/deactivate`, { cookie: orgAdmin.cookie })).status).toBe(403);
    expect((await server.api('POST', `/api/users/${member.id}/deactivate`, { cookie: orgAdmin.cookie })).status).toBe(204);
    expect((await server.api('POST', `/api/users/${member.id}/reactivate`, { cookie: orgAdmin.cookie })).status).toBe(204);
  });

  it('finds people by name within the family only, accents ignored', async () => {
    const found = await server.api('GET', '/api/users?query=membre', { cookie: orgAdmin.cookie });
    expect(found.status).toBe(200);
    const names = found.body.map((u: { name: string }) => u.name);
    expect(names).toContain('Membre du CH');
    // Invited into CH by the org admin above, so now visible; a stranger in GHT Sud only is not.
    const outsider = await server.user('Éloïse Sud');
    await server.api('POST', `/api/organisations/${otherGht}/roles`, { cookie: server.adminCookie, body: { userId: outsider.id, role: 'member' } });
    expect((await server.api('GET', '/api/users?query=eloise', { cookie: orgAdmin.cookie })).body).toEqual([]);
    expect((await server.api('GET', '/api/users?query=eloise', { cookie: server.adminCookie })).body.map((u: { name: string }) => u.name)).toEqual([
      'Éloïse Sud',
    ]);
    expect((await server.api('GET', '/api/users?query=e', { cookie: orgAdmin.cookie })).status).toBe(400);
    // Deactivated accounts: an administrator finds them (to reactivate them); nobody else does.
    await server.api('POST', `/api/users/${outsider.id}/deactivate`, { cookie: server.adminCookie });
    expect((await server.api('GET', '/api/users?query=eloise', { cookie: server.adminCookie })).body).toEqual([]);
    const inactive = await server.api('GET', '/api/users?query=eloise&inactive=1', { cookie: server.adminCookie });
    expect(inactive.body).toEqual([expect.objectContaining({ name: 'Éloïse Sud', active: false, pending: false })]);
    expect((await server.api('GET', '/api/users?query=eloise&inactive=1', { cookie: orgAdmin.cookie })).status).toBe(403);
  });

  it('each person edits their own name and function', async () => {
    // Deactivated and reactivated above: signed in again.
    member.cookie = await server.login(member.email, 'password-of-Membre du CH');
    const res = await server.api('PATCH', '/api/me', { cookie: member.cookie, body: { name: 'Dr Membre', function: 'coordonnateur général des soins' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Dr Membre', function: 'coordonnateur général des soins' });
    expect(auditOf(server, 'user.update').find((e) => e.actorId === member.id)!.details).toMatchObject({ changes: { name: { after: 'Dr Membre' } } });
    expect((await server.api('PATCH', '/api/me', { cookie: member.cookie, body: { isAdmin: true } })).status).toBe(400);
  });
});

describe('bulk import from a CSV file', () => {
  const csv = [
    'Email;Nom;Fonction;Rôle',
    'dg@ch-nord.fr;Marc Lefèvre;DG;member',
    '"cgs@ch-nord.fr";"Durand; Hélène";coordonnateur général des soins;',
    'pas-une-adresse;Sans Adresse;;',
    'DG@ch-nord.fr;Doublon;;',
    'secr@ch-nord.fr;Secrétaire;secrétaire;chef',
    'pcme@ch-nord.fr;Déjà là;;',
    'lecteur-ars@ch-nord.fr;Lecteur;;ars_reader',
    'secretariat@ch-nord.fr;Sophie Bernard;secrétaire;Secrétariat',
  ].join('\r\n');

  it('previews line by line what is refused and why, then invites the valid lines', async () => {
    const preview = await server.api('POST', '/api/users/import', { cookie: server.adminCookie, body: { csv, organisationId: ch } });
    expect(preview.status).toBe(200);
    expect(preview.body.applied).toBe(false);
    const byLine = Object.fromEntries(preview.body.lines.map((l: { line: number; status: string; reasons: string[] }) => [l.line, l]));
    expect(byLine[2]).toMatchObject({ status: 'ok', email: 'dg@ch-nord.fr', function: 'DG', role: 'member' });
    expect(byLine[3]).toMatchObject({ status: 'ok', name: 'Durand; Hélène' });
    expect(byLine[4].reasons).toEqual(['Adresse e-mail invalide.']);
    expect(byLine[5].reasons).toEqual(['Adresse en double (ligne 2).']);
    expect(byLine[6].reasons[0]).toMatch(/^Rôle inconnu : chef/);
    expect(byLine[7].reasons).toEqual(['Un compte existe déjà avec cette adresse.']);
    expect(byLine[8].reasons).toEqual(['Le rôle ars_reader se donne dans une ARS.']);
    // A role as a French spreadsheet writes it.
    expect(byLine[9]).toMatchObject({ status: 'ok', role: 'secretary' });
    expect(server.deps.store.users.findByEmail('dg@ch-nord.fr')).toBeUndefined();

    const applied = await server.api('POST', '/api/users/import', { cookie: server.adminCookie, body: { csv, organisationId: ch, apply: true } });
    expect(applied.body.applied).toBe(true);
    const invited = applied.body.lines.filter((l: { status: string }) => l.status === 'ok');
    expect(invited.map((l: { email: string }) => l.email)).toEqual(['dg@ch-nord.fr', 'cgs@ch-nord.fr', 'secretariat@ch-nord.fr']);
    expect(invited[0].invitation.link).toMatch(/#\/invitation\//);
    expect(server.deps.store.users.findByEmail('cgs@ch-nord.fr')!.function).toBe('coordonnateur général des soins');
    expect(auditOf(server, 'user.import')[0]!.details).toMatchObject({ invited: 3, refused: 5 });
  });

  it('is refused without the header, and to someone who administers nothing', async () => {
    const noHeader = await server.api('POST', '/api/users/import', { cookie: server.adminCookie, body: { csv: 'a@b.fr;A' } });
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.fields[0].path).toBe('csv');
    const someone = await server.user('Quelconque');
    expect((await server.api('POST', '/api/users/import', { cookie: someone.cookie, body: { csv, organisationId: ch } })).status).toBe(403);
  });
});
