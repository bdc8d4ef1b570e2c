import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { RelativePositionJson } from '../../schemas/comments';
import { suggestionMarkNames, type SuggestionKind } from '../../schemas/suggestionMarkData';
import { listSuggestions, suggestionOf, type Suggestion } from '../../schemas/suggestions';
import { fragmentName, sectionEntry } from '../../schemas/docLayout';
import { walkFragment, type TextRun } from '../../schemas/textRuns';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';

import type { DecisionAction, DecisionAnswer, DecisionRequest, SuggestionView } from '../../schemas/api/review';

/** What undoing one run of a decision takes: the text put back where it was, or the marks put back on it. */
type RestoreStep =
  | { sectionId: string; removedText: true; at: RelativePositionJson; insert: string; attributes: Record<string, unknown> }
  | { sectionId: string; removedText: false; start: RelativePositionJson; end: RelativePositionJson; marks: Record<string, unknown> };

const decisionSubject = 'suggestionDecision';
const undoneAction = 'suggestion.decisionUndone';
const relative = (text: Y.XmlText, index: number, assoc: number) =>
  Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index, assoc)) as RelativePositionJson;
const absolute = (doc: Y.Doc, json: RelativePositionJson) => Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);

/** Accepting an insertion or rejecting a deletion keeps the text (the mark goes); the other two remove it. */
const removesText = (action: DecisionAction, kind: SuggestionKind) => (action === 'accept') === (kind === 'delete');

function authorise(deps: Deps, user: UserRecord, projectId: string): void {
  findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'project.edit', projectId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls les rédacteurs et les coordonnateurs acceptent ou refusent les suggestions.');
  }
}

/** Applies the decision to the chosen suggestions' runs, last first so that earlier offsets hold; returns how to undo it. */
function applyDecision(doc: Y.Doc, sectionIds: string[], chosen: Set<string>, action: DecisionAction): RestoreStep[] {
  const steps: RestoreStep[] = [];
  for (const sectionId of sectionIds) {
    const runs: { run: TextRun; kinds: SuggestionKind[] }[] = [];
    for (const event of walkFragment(doc.getXmlFragment(fragmentName(sectionId)))) {
      if (event.kind !== 'run') continue;
      const kinds = (['insert', 'delete'] as const).filter((kind) => {
        const attrs = suggestionOf(event.run, kind);
        return attrs !== null && chosen.has(`${kind}:${attrs.id}`);
      });
      if (kinds.length > 0) runs.push({ run: event.run, kinds });
    }
    for (const { run, kinds } of runs.reverse()) {
      if (kinds.some((kind) => removesText(action, kind))) {
        steps.push({ sectionId, removedText: true, at: relative(run.text, run.index, -1), insert: run.insert, attributes: run.attributes });
        run.text.delete(run.index, run.length);
      } else {
        const marks = Object.fromEntries(kinds.map((kind) => [suggestionMarkNames[kind], run.attributes[suggestionMarkNames[kind]]]));
        steps.push({ sectionId, removedText: false, start: relative(run.text, run.index, 0), end: relative(run.text, run.index + run.length, -1), marks });
        run.text.format(run.index, run.length, Object.fromEntries(kinds.map((kind) => [suggestionMarkNames[kind], null])));
      }
    }
  }
  return steps;
}

/**
 * Accepts or rejects pending suggestions (one, a chapter's, or a person's) in one server-side
 * change of the shared document, so that every client sees it live and it is one step to undo;
 * the audit log says who decided what, on whose suggestions: each as the API lists it, which
 * `present` makes (the route gives http/presenters/review.ts's, a command may not import HTTP).
 */
export function decideSuggestions(
  deps: Deps,
  user: UserRecord,
  projectId: string,
  request: DecisionRequest,
  present: (suggestion: Suggestion) => SuggestionView,
): DecisionAnswer {
  authorise(deps, user, projectId);
  const loaded = deps.registry.get(projectId);
  const pending = listSuggestions(loaded.doc).filter(
    (s) =>
      (request.ids === undefined || request.ids.includes(s.id)) &&
      (request.sectionId === undefined || s.sectionId === request.sectionId) &&
      (request.authorId === undefined || s.authorId === request.authorId),
  );
  const missing = (request.ids ?? []).filter((id) => !pending.some((s) => s.id === id));
  if (missing.length > 0 || pending.length === 0) {
    throw new DomainError(
      'not_found',
      'suggestion_not_found',
      missing.length > 0 ? `Suggestion introuvable ou déjà traitée : ${missing.join(', ')}.` : 'Aucune suggestion en attente ne correspond.',
    );
  }
  const sectionIds = [...new Set(pending.map((s) => s.sectionId))];
  if (!deps.policy.can(user, { action: 'section.editLocked', projectId }) && sectionIds.some((id) => sectionEntry(loaded.doc, id)?.get('locked') === true)) {
    throw new DomainError('forbidden', 'forbidden', 'Cette section est verrouillée : seul un coordonnateur peut y accepter ou refuser des suggestions.');
  }
  const chosen = new Set(pending.map((s) => `${s.kind}:${s.id}`));
  let restore: RestoreStep[] = [];
  loaded.change((doc) => (restore = applyDecision(doc, sectionIds, chosen, request.action)));
  const decisionId = randomUUID();
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: request.action === 'accept' ? 'suggestion.accepted' : 'suggestion.rejected',
    projectId,
    subjectType: decisionSubject,
    subjectId: decisionId,
    details: {
      scope: { ids: request.ids ?? null, sectionId: request.sectionId ?? null, authorId: request.authorId ?? null },
      suggestions: pending.map(present),
      restore,
    },
  });
  return { decisionId, count: pending.length };
}

/** Puts back what a decision changed (its text and marks), in one change; once. */
export function undoDecision(deps: Deps, user: UserRecord, projectId: string, decisionId: string): void {
  authorise(deps, user, projectId);
  const entries = deps.store.audit.ofProject(projectId).filter((e) => e.subjectType === decisionSubject && e.subjectId === decisionId);
  const decision = entries.find((e) => e.action !== undoneAction);
  if (!decision) throw new DomainError('not_found', 'decision_not_found', 'Décision introuvable.');
  if (entries.some((e) => e.action === undoneAction)) throw new DomainError('conflict', 'decision_undone', 'Cette décision a déjà été annulée.');
  const steps = (decision.details.restore ?? []) as RestoreStep[];
  const loaded = deps.registry.get(projectId);
  let lost = 0;
  loaded.change((doc) => {
    // Applied in document order (the reverse of the decision's), each at its relative position.
    for (const step of [...steps].reverse()) {
      if (step.removedText) {
        const at = absolute(doc, step.at);
        if (at && at.type instanceof Y.XmlText) at.type.insert(at.index, step.insert, step.attributes);
        else lost++;
      } else {
        const start = absolute(doc, step.start);
        const end = absolute(doc, step.end);
        if (start && end && start.type === end.type && start.type instanceof Y.XmlText && end.index > start.index)
          start.type.format(start.index, end.index - start.index, step.marks);
        else lost++;
      }
    }
  });
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: undoneAction,
    projectId,
    subjectType: decisionSubject,
    subjectId: decisionId,
    details: { undid: decision.action, suggestions: decision.details.suggestions, lost },
  });
}
