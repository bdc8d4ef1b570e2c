import type * as Y from 'yjs';
import { commentsMap } from '../../schemas/comments';
import { readThreads, type CommentMessage } from '../../schemas/commentThreads';
import { sectionEntry } from '../../schemas/docLayout';
import { runReminders } from './reminders';
import type { Deps } from '../deps';

const excerpt = (text: string) => (text.length > 280 ? `${text.slice(0, 277)}…` : text);

/**
 * Notifies the project members a comment mentions, in the application and by e-mail (issue 21).
 * Threads are written through the shared document, so this watches the comments of a loaded
 * document: each (message, person) is notified once (the notification's dedupe key), whoever
 * edits the message afterwards; people who are not members are not notified.
 */
export function watchMentions(deps: Deps, projectId: string, doc: Y.Doc): void {
  let sending = false;
  const notify = (threadIds: Set<string>) => {
    const members = new Set(deps.store.projects.members(projectId).map((m) => m.userId));
    const project = deps.store.projects.get(projectId);
    let added = 0;
    for (const thread of readThreads(doc).filter((t) => threadIds.has(t.id))) {
      const section = String(sectionEntry(doc, thread.sectionId)?.get('title') ?? thread.sectionId);
      const messages: CommentMessage[] = [thread, ...thread.replies];
      for (const message of messages) {
        const author = deps.store.users.get(message.authorId);
        for (const userId of new Set(message.mentions)) {
          if (userId === message.authorId || !members.has(userId)) continue;
          const fresh = deps.store.notifications.add(
            {
              userId,
              dedupeKey: `mention:${projectId}:${thread.id}:${message.id}`,
              kind: 'mention',
              title: `${author?.name ?? 'Quelqu’un'} vous mentionne dans « ${project?.title ?? ''} »`,
              body: `Commentaire sur « ${section} » : ${excerpt(message.body)}`,
              projectId,
              seanceId: null,
            },
            deps.mailer !== null,
          );
          if (fresh) added++;
        }
      }
    }
    // E-mails go through the reminders' sender (one at a time per server, failures retried).
    if (added > 0 && deps.mailer && !sending) {
      sending = true;
      setImmediate(() => {
        sending = false;
        runReminders(deps, new Date(), deps.mailer).catch((error: unknown) =>
          deps.logger.warn('mention e-mail failed', { doc: projectId, error: String(error) }),
        );
      });
    }
  };
  commentsMap(doc).observeDeep((events) => {
    const threadIds = new Set<string>();
    for (const event of events) {
      const first = event.path[0];
      if (typeof first === 'string') threadIds.add(first);
      else for (const key of event.keys.keys()) threadIds.add(key);
    }
    try {
      notify(threadIds);
    } catch (error) {
      deps.logger.warn('mention notification failed', { doc: projectId, error: String(error) });
    }
  });
}
