import { randomUUID } from 'node:crypto';
import { type Db, now } from './db';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  /** Empty for an invited account that has not set its password yet: no password login. */
  passwordHash: string;
  isAdmin: boolean;
  /** PCME, DG, secrétaire…: free text. */
  function: string;
  /** A deactivated account cannot sign in; its sessions were ended when it was deactivated. */
  deactivatedAt: string | null;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  function: string;
  deactivated_at: string | null;
}

const toRecord = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin === 1,
  function: row.function,
  deactivatedAt: row.deactivated_at,
});

export function userStore(db: Db) {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const insert = db.prepare('INSERT INTO users (id, email, name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const setProfile = db.prepare('UPDATE users SET name = coalesce(?, name), function = coalesce(?, function) WHERE id = ?');
  const setDeactivated = db.prepare('UPDATE users SET deactivated_at = ?, deactivated_by = ? WHERE id = ?');
  const allIds = db.prepare<[], { id: string }>('SELECT id FROM users');
  const everyone = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name');
  const activeAdmins = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users WHERE is_admin = 1 AND deactivated_at IS NULL');
  const byIds = (ids: string[]): UserRow[] =>
    ids.length === 0 ? [] : db.prepare<string[], UserRow>(`SELECT * FROM users WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY name`).all(...ids);
  return {
    get(id: string): UserRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    findByEmail(email: string): UserRecord | undefined {
      const row = byEmail.get(email.toLowerCase());
      return row && toRecord(row);
    },
    create(input: { email: string; name: string; passwordHash: string; isAdmin: boolean; function?: string }): string {
      const id = randomUUID();
      insert.run(id, input.email.toLowerCase(), input.name, input.passwordHash, input.isAdmin ? 1 : 0, now());
      if (input.function) setProfile.run(null, input.function, id);
      return id;
    },
    setProfile(id: string, changes: { name?: string; function?: string }): void {
      setProfile.run(changes.name ?? null, changes.function ?? null, id);
    },
    /** `by` null reactivates. */
    setDeactivated(id: string, by: string | null): void {
      setDeactivated.run(by ? now() : null, by, id);
    },
    activeAdminCount: (): number => activeAdmins.get()!.n,
    allIds: (): string[] => allIds.all().map((r) => r.id),
    /** Every account, by name (administrators' search and set-up status). */
    all: (): UserRecord[] => everyone.all().map(toRecord),
    /** These accounts, by name. */
    many: (ids: string[]): UserRecord[] => byIds([...new Set(ids)]).map(toRecord),
    count: (): number => count.get()!.n,
    setPasswordHash(id: string, passwordHash: string): void {
      setHash.run(passwordHash, id);
    },
  };
}
