import type { Db } from './db';
import { accountLinkStore } from './accountLinks';
import type { DiskSpace } from './diskSpace';
import { journaledDocumentStore, type JournalOptions } from './journaledDocuments';
import { organisationStore } from './organisations';
import { projectStore } from './projects';
import { sessionStore } from './sessions';
import { templateStore } from './templates';
import { userStore } from './users';
import { actStore } from './acts';
import { actReserveStore } from './actReserves';
import { auditStore } from './audit';
import { calendarFeedStore } from './calendarFeeds';
import { followupStore } from './followup';
import { governanceSettingsStore } from './governanceSettings';
import { imageStore } from './images';
import { instanceStore } from './instances';
import { notificationStore } from './notifications';
import { oidcStore } from './oidc';
import { seanceStore } from './seances';
import { submissionStore } from './submissions';
import { usageStore } from './usage';
import { versionStore } from './versions';

/** Every table family, opened on one database; documents go through the update journal. */
export function createStore(db: Db, journal: JournalOptions & { disk: DiskSpace }) {
  return {
    db,
    /** Runs `fn` in one transaction (a nested call joins the outer one) and returns its result. */
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    /** Closes the serving connection, once the documents and the store thread have let go of it. */
    close: (): void => {
      db.close();
    },
    disk: journal.disk,
    users: userStore(db),
    sessions: sessionStore(db),
    accountLinks: accountLinkStore(db),
    oidc: oidcStore(db),
    organisations: organisationStore(db),
    projects: projectStore(db),
    documents: journaledDocumentStore(db, journal),
    templates: templateStore(db),
    versions: versionStore(db),
    instances: instanceStore(db),
    seances: seanceStore(db),
    acts: actStore(db),
    actReserves: actReserveStore(db),
    audit: auditStore(db),
    notifications: notificationStore(db),
    calendarFeeds: calendarFeedStore(db),
    governanceSettings: governanceSettingsStore(db),
    submissions: submissionStore(db),
    usage: usageStore(db),
    images: imageStore(db),
    followup: followupStore(db),
  };
}

export type Store = ReturnType<typeof createStore>;
