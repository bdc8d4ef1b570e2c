import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../server/store/users';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 19: what only an administrator of the installation may do is decided in the policy module
 * (server/policies/can.ts), like every other right, not by commands reading `isAdmin` themselves.
 */
let server: TestServer;
let admin: UserRecord;
let orgAdmin: UserRecord;
let member: UserRecord;
let ch: string;
let otherCh: string;

beforeAll(async () => {
  server = await startTestServer();
  const { organisations, users } = server.deps.store;
  const ght = organisations.create({ name: 'GHT Nord', kind: 'GHT' });
  ch = organisations.create({ name: 'CH Nord', kind: 'etablissement', parentId: ght, isSupport: true });
  otherCh = organisations.create({ name: 'CH Sud', kind: 'etablissement' });
  const create = (email: string, isAdmin: boolean) => users.get(users.create({ email, name: email, passwordHash: '', isAdmin }))!;
  admin = create('installation-admin@test.fr', true);
  orgAdmin = create('nord-admin@test.fr', false);
  member = create('nord-member@test.fr', false);
  organisations.grantRole(ch, orgAdmin.id, 'org_admin');
  organisations.grantRole(ch, member.id, 'member');
});
afterAll(() => server.close());

describe('rights of the installation, in the policy module', () => {
  it('an organisation administrator invites in its organisation only; a member nowhere; the administrator anywhere', () => {
    const can = server.deps.policy.can;
    expect(can(orgAdmin, { action: 'person.invite', organisationId: ch })).toBe(true);
    expect(can(orgAdmin, { action: 'person.invite', organisationId: otherCh })).toBe(false);
    expect(can(orgAdmin, { action: 'person.invite', organisationId: null })).toBe(false);
    expect(can(member, { action: 'person.invite', organisationId: ch })).toBe(false);
    expect(can(admin, { action: 'person.invite', organisationId: null })).toBe(true);
  });

  it('set-up status, every account, every submission, quota exemption and reserved annulments are the administrator’s', () => {
    const can = server.deps.policy.can;
    for (const action of ['installation.administer', 'quota.exempt', 'act.annulReserved'] as const) {
      expect(can(admin, { action })).toBe(true);
      expect(can(orgAdmin, { action })).toBe(false);
      expect(can(member, { action })).toBe(false);
    }
  });
});
