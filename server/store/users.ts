import { randomUUID } from 'node:crypto';
import { type Db, now } from './db';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  isAdmin: boolean;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
}

const toRecord = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin === 1,
});

export function userStore(db: Db) {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const insert = db.prepare(
    'INSERT INTO users (id, email, name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  return {
    get(id: string): UserRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    findByEmail(email: string): UserRecord | undefined {
      const row = byEmail.get(email.toLowerCase());
      return row && toRecord(row);
    },
    create(input: { email: string; name: string; passwordHash: string; isAdmin: boolean }): string {
      const id = randomUUID();
      insert.run(id, input.email.toLowerCase(), input.name, input.passwordHash, input.isAdmin ? 1 : 0, now());
      return id;
    },
    count: (): number => count.get()!.n,
    setPasswordHash(id: string, passwordHash: string): void {
      setHash.run(passwordHash, id);
    },
  };
}
