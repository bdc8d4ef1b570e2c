import type { SearchHit, SearchResult } from '../../schemas/api/search';
import { findMatches, snippetAround } from '../../schemas/textSearch';
import type { Deps } from '../deps';
import type { UserRecord } from '../store/users';
import type { IndexedUnit } from './documentTextIndex';

export const searchLimits = { maxHits: 100, maxHitsPerUnit: 3 } as const;

/** Where hits come from: a hit's project and version, and the text units to search. */
type Source = Pick<SearchHit, 'projectId' | 'projectTitle' | 'projectKind' | 'versionId' | 'versionLabel'> & { units(): IndexedUnit[] };

/**
 * What a user may search: the projects they may read (policies/can.ts `project.read`: members,
 * administrators) in their live state, and for an ARS reader the frozen versions submitted to
 * their ARS (`submission.read`), never a project's live text.
 */
function sourcesOf(deps: Pick<Deps, 'store' | 'policy' | 'textIndex'>, user: UserRecord): Source[] {
  const { store, policy, textIndex } = deps;
  const personName = (userId: string): string | undefined => store.users.get(userId)?.name;
  const candidates = policy.can(user, { action: 'installation.administer' }) ? store.projects.list() : store.projects.listForMember(user.id);
  const sources: Source[] = candidates
    .filter((p) => policy.can(user, { action: 'project.read', projectId: p.id }))
    .map((p) => ({
      projectId: p.id,
      projectTitle: p.title,
      projectKind: p.kind,
      versionId: null,
      versionLabel: null,
      units: () => textIndex.live(p.id, personName),
    }));
  const readable = new Set(sources.map((s) => s.projectId));
  const arsIds = store.organisations
    .rolesOf(user.id)
    .filter((r) => r.role === 'ars_reader')
    .map((r) => r.organisationId);
  const seenVersions = new Set<string>();
  for (const arsId of arsIds) {
    for (const submission of store.submissions.ofArs(arsId)) {
      if (readable.has(submission.projectId) || seenVersions.has(submission.versionId)) continue;
      if (!policy.can(user, { action: 'submission.read', projectId: submission.projectId, arsOrganisationId: submission.arsOrganisationId })) continue;
      const project = store.projects.get(submission.projectId);
      const version = store.versions.get(submission.projectId, submission.versionId);
      if (!project || !version) continue;
      seenVersions.add(submission.versionId);
      sources.push({
        projectId: project.id,
        projectTitle: project.title,
        projectKind: project.kind,
        versionId: version.id,
        versionLabel: version.label,
        units: () => textIndex.version(version.id, () => store.versions.state(project.id, version.id), personName),
      });
    }
  }
  return sources;
}

/** The matches of `query` (already validated) in what the user may read, projects by title. */
export function searchDocuments(deps: Pick<Deps, 'store' | 'policy' | 'textIndex'>, user: UserRecord, query: string): SearchResult {
  const hits: SearchHit[] = [];
  let total = 0;
  const sources = sourcesOf(deps, user).sort(
    (a, b) => a.projectTitle.localeCompare(b.projectTitle, 'fr') || (a.versionLabel ?? '').localeCompare(b.versionLabel ?? '', 'fr'),
  );
  for (const source of sources) {
    for (const unit of source.units()) {
      const matches = findMatches(unit.text, query, unit.folded);
      total += matches.length;
      for (const match of matches.slice(0, searchLimits.maxHitsPerUnit)) {
        if (hits.length >= searchLimits.maxHits) break;
        const { units: _units, ...where } = source;
        hits.push({ ...where, sectionId: unit.sectionId, sectionTitle: unit.sectionTitle, label: unit.label, snippet: snippetAround(unit.text, match) });
      }
    }
  }
  return { query, hits, total, truncated: total > hits.length };
}
