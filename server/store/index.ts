import type { Db } from './db';
import { sqliteDocumentStore, type DocumentStore } from './documents';
import { organisationStore } from './organisations';
import { projectStore } from './projects';
import { sessionStore } from './sessions';
import { templateStore } from './templates';
import { userStore } from './users';

/** Every table family, opened on one database. */
export function createStore(db: Db) {
  return {
    db,
    users: userStore(db),
    sessions: sessionStore(db),
    organisations: organisationStore(db),
    projects: projectStore(db),
    documents: sqliteDocumentStore(db) as DocumentStore,
    templates: templateStore(db),
  };
}

export type Store = ReturnType<typeof createStore>;
