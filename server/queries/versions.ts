/**
 * Reads of frozen versions and of the live text to compare them with: used by the commands, the
 * governance read models, the exports and the routes, none of which may import commands/.
 */
import * as Y from 'yjs';
import type { DocumentContent } from '../../schemas/api/versionContent';
import { contentFingerprint } from '../governance/content';
import { diffContents, type ContentDiff } from '../governance/diff';
import { acceptedBetween, withAcceptedSuggestions } from '../governance/acceptedSuggestions';
import type { Deps } from '../deps';
import { DomainError } from '../errors';
import type { VersionLine, VersionSummary } from '../store/versions';

export interface FrozenVersion extends VersionSummary {
  /** `Y.encodeStateAsUpdate` of the document when it was frozen. */
  state: Uint8Array;
}

const versionNotFound = () => new DomainError('not_found', 'version_not_found', 'Version introuvable.');

export function getVersion(deps: Pick<Deps, 'store'>, projectId: string, versionId: string): FrozenVersion | undefined {
  const summary = deps.store.versions.get(projectId, versionId);
  const state = summary && deps.store.versions.state(projectId, versionId);
  return summary && state ? { ...summary, state } : undefined;
}

/** A fresh Y.Doc holding the frozen state (the caller destroys it). */
export function versionDoc(deps: Pick<Deps, 'store'>, projectId: string, versionId: string): Y.Doc {
  const version = getVersion(deps, projectId, versionId);
  if (!version) throw versionNotFound();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.state);
  return doc;
}

/** The canonical content a version's hash covers. */
export function versionContent(deps: Pick<Deps, 'store'>, projectId: string, versionId: string): DocumentContent {
  const text = deps.store.versions.content(projectId, versionId);
  if (text === undefined) throw versionNotFound();
  return JSON.parse(text) as DocumentContent;
}

/** The live document's content and hash, to compare with frozen versions. */
export function currentContent(deps: Pick<Deps, 'registry'>, projectId: string): { content: DocumentContent; hash: string } {
  const { content, hash } = contentFingerprint(deps.registry.get(projectId).doc);
  return { content, hash };
}

export function listVersions(deps: Pick<Deps, 'store'>, projectId: string): { versions: VersionSummary[]; lines: VersionLine[]; currentLine: number } {
  return {
    versions: deps.store.versions.list(projectId),
    lines: deps.store.versions.lines(projectId),
    currentLine: deps.store.versions.currentLine(projectId),
  };
}

export function findVersion(deps: Pick<Deps, 'store'>, projectId: string, versionId: string): VersionSummary {
  const version = deps.store.versions.get(projectId, versionId);
  if (!version) throw versionNotFound();
  return version;
}

/** What changed from version `fromId` to version `toId` (or to the live text when `toId` is "current"). */
export function diffVersions(deps: Pick<Deps, 'store' | 'registry'>, projectId: string, fromId: string, toId: string | 'current'): ContentDiff {
  const before = versionContent(deps, projectId, fromId);
  const after = toId === 'current' ? currentContent(deps, projectId).content : versionContent(deps, projectId, toId);
  return diffContents(before, after);
}

/**
 * The diff of two versions saying, for the changes that came from suggestions accepted between
 * them, whose suggestion it was and who accepted it (the version diff screen, issue 21).
 */
export function diffVersionsWithDecisions(deps: Pick<Deps, 'store' | 'registry'>, projectId: string, fromId: string, toId: string | 'current') {
  const from = findVersion(deps, projectId, fromId);
  const to = toId === 'current' ? null : findVersion(deps, projectId, toId);
  const accepted = acceptedBetween(deps.store.audit.ofProject(projectId), from.createdAt, to ? to.createdAt : null);
  return withAcceptedSuggestions(diffVersions(deps, projectId, fromId, toId), accepted);
}
