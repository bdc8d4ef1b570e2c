import type { Db } from './db';
import { sqliteDocumentStore, type DocumentStore } from './documents';
import { organisationStore } from './organisations';
import { projectStore } from './projects';
import { sessionStore } from './sessions';
import { templateStore } from './templates';
import { userStore } from './users';
import { actStore } from './acts';
import { auditStore } from './audit';
import { calendarFeedStore } from './calendarFeeds';
import { governanceSettingsStore } from './governanceSettings';
import { instanceStore } from './instances';
import { notificationStore } from './notifications';
import { seanceStore } from './seances';
import { submissionStore } from './submissions';
import { versionStore } from './versions';

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
    versions: versionStore(db),
    instances: instanceStore(db),
    seances: seanceStore(db),
    acts: actStore(db),
    audit: auditStore(db),
    notifications: notificationStore(db),
    calendarFeeds: calendarFeedStore(db),
    governanceSettings: governanceSettingsStore(db),
    submissions: submissionStore(db),
  };
}

export type Store = ReturnType<typeof createStore>;
