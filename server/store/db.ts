import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations';

export type Db = Database.Database;

/**
 * Opens (and migrates) the SQLite database. WAL with synchronous=NORMAL: a committed
 * transaction survives a crash or `kill -9` of the process (the WAL is in the OS cache);
 * only a power loss may drop the last transactions.
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'pmp.sqlite');
  ownerOnly(file, dataDir);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  writeLockFirst(db);
  migrate(db);
  return db;
}

/**
 * Every transaction of this connection begins IMMEDIATE (the write lock first, waiting for it
 * up to busy_timeout). The store thread commits on its own connection meanwhile (journal moves,
 * compactions): a deferred transaction that read, then wrote after such a commit, was refused
 * at once with SQLITE_BUSY_SNAPSHOT (its snapshot was stale), which the busy timeout does not
 * cover; a command failed with a 500 during a burst of edits. Nested calls still use savepoints.
 */
function writeLockFirst(db: Db): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => transaction(fn).immediate) as Db['transaction'];
}

/**
 * The database holds password hashes and session hashes: readable by the service account only
 * (0600). The file is created 0600 before SQLite opens it, and SQLite gives its -wal and -shm
 * files the database file's mode; files left 0644 by an older version are narrowed, the update
 * journal with them.
 */
function ownerOnly(databaseFile: string, dataDir: string): void {
  fs.closeSync(fs.openSync(databaseFile, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600));
  for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, path.join(dataDir, 'pmp.journal')]) {
    if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
  }
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    db
      .prepare<[], { name: string }>('SELECT name FROM schema_migrations')
      .all()
      .map((r) => r.name),
  );
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.name, now());
    })();
  }
}

export const now = (): string => new Date().toISOString();
