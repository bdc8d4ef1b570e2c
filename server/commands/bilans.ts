import { createHash } from 'node:crypto';
import type { BilanSummary } from '../../schemas/api/followup';
import type { Created } from '../../schemas/api/projects';
import { fragmentName, sectionsMap } from '../../schemas/docLayout';
import { imageSrc } from '../../schemas/imageSource';
import { limits } from '../../schemas/limits';
import { kindsWithBilan } from '../../schemas/project';
import { richText } from '../richText/runtime';
import type { Deps } from '../deps';
import { DomainError } from '../errors';
import { drawChartPngs } from '../export/charts/chartThread';
import { listActs } from '../governance/acts';
import { bilanSections } from '../governance/bilanContent';
import { bilanYear } from '../governance/bilanYear';
import { parisDate } from '../governance/parisTime';
import { sniffImage } from '../images/sniffImage';
import { projectFollowup } from '../queries/followup';
import type { UserRecord } from '../store/users';
import { createProject, findReadableProject } from './projects';

/** The projects that owe a bilan annuel, and who presents it. */
const presidents: Record<string, string> = { PM: 'président de la CME (PCME)', PMP: 'président de la CMG (PCMG)', PMSP: 'président de la CMG (PCMG)' };

const invalid = (path: string, message: string) => new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [{ path, message }]);

/**
 * `POST /api/projects/:id/bilans {year}`: the bilan annuel of an adopted PM or PMP as a project
 * of its own (kind BILAN, linked to its parent in `bilans`), in the parent's organisation, with
 * the parent's members in their roles, pre-filled from the follow-up as it stood for the year
 * (governance/bilanYear.ts, bilanContent.ts), each indicator's chart stored with the bilan as
 * an image of its text. One per project and year. The parent's coordinators make it.
 */
export async function createBilan(deps: Deps, user: UserRecord, parentId: string, year: number, now = new Date()): Promise<Created> {
  const parent = findReadableProject(deps, user, parentId);
  if (!deps.policy.can(user, { action: 'project.manage', projectId: parentId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seul un coordonnateur du projet établit son bilan annuel.');
  }
  const president = presidents[parent.kind];
  if (!president || !kindsWithBilan.includes(parent.kind))
    throw new DomainError('conflict', 'no_bilan_for_kind', 'Seuls un projet médical (PM) ou un projet médical partagé (PMP) ont un bilan annuel.');
  const today = parisDate(now);
  const first = parent.period?.startYear ?? 2000;
  const last = Math.min(parent.period?.endYear ?? 2100, Number(today.slice(0, 4)));
  if (year < first || year > last) throw invalid('year', `L’année du bilan doit être comprise entre ${first} et ${last}.`);
  const existing = deps.store.followup.bilanFor(parentId, year);
  if (existing)
    throw new DomainError('conflict', 'bilan_exists', `Le bilan annuel ${year} de ce projet existe déjà.`, undefined, { bilanId: existing.projectId });
  const followup = projectFollowup(deps, parentId, now);
  const bilan = bilanYear(followup, year);
  // Hundreds of charts take seconds to tens of seconds: they are drawn in a worker thread, and
  // the serving thread answers the editors meanwhile.
  const pngs = await drawChartPngs(
    bilan.indicators.map(({ baseline, target, values, unit }) => ({ baseline, target, values, unit })),
    { logger: deps.logger },
  );
  const charts = bilan.indicators.map((indicator, n) => ({ indicator, png: pngs[n]! }));
  // Another request may have made it meanwhile.
  if (deps.store.followup.bilanFor(parentId, year))
    throw new DomainError('conflict', 'bilan_exists', `Le bilan annuel ${year} de ce projet existe déjà.`, undefined, {
      bilanId: deps.store.followup.bilanFor(parentId, year)!.projectId,
    });

  const title = `Bilan annuel ${year} du ${parent.kind === 'PM' ? 'PM' : 'PMP'} — ${parent.title}`.slice(0, limits.titleLength);
  const id = createProject(deps, user, { kind: 'BILAN', title, organisationId: parent.organisationId ?? undefined, period: parent.period ?? undefined });
  const sources = new Map<string, string>();
  deps.store.transaction(() => {
    for (const member of deps.store.projects.members(parentId)) {
      if (member.userId !== user.id) deps.store.projects.setMember(id, member.userId, member.role);
    }
    for (const { indicator, png } of charts) {
      const sha256 = createHash('sha256').update(png).digest('hex');
      deps.store.images.add({ projectId: id, sha256, ...sniffImage(png)!, size: png.byteLength, data: png, uploadedBy: user.id });
      sources.set(indicator.id, imageSrc(id, sha256));
    }
    deps.store.followup.addBilan({ projectId: id, parentProjectId: parentId, year, versionId: followup.versionId, createdBy: user.id });
    for (const projectId of [parentId, id]) {
      deps.store.audit.append({
        actorId: user.id,
        actorName: user.name,
        action: 'bilan.create',
        projectId,
        versionId: projectId === parentId ? followup.versionId : null,
        subjectType: 'project',
        subjectId: id,
        details: { year, parentProjectId: parentId, bilanProjectId: id, indicators: bilan.indicators.length },
      });
    }
  });
  const sections = bilanSections({
    bilan,
    parentKind: parent.kind === 'PM' ? 'PM' : 'PMP',
    parentTitle: parent.title,
    versionLabel: followup.version.label,
    acts: listActs(deps, parentId),
    charts: sources,
  });
  const { writeFragment } = richText();
  deps.registry.get(id).change((doc) => {
    for (const [sectionId, content] of Object.entries(sections)) {
      writeFragment(content, doc.getXmlFragment(fragmentName(sectionId)));
      sectionsMap(doc).get(sectionId)?.set('status', 'en_cours');
    }
    sectionsMap(doc).get('commentaire-president')?.set('title', `Commentaire du ${president}`);
  });
  return { id };
}

/** The bilans annuels of a project, by year. */
export function listBilans(deps: Deps, user: UserRecord, parentId: string): BilanSummary[] {
  findReadableProject(deps, user, parentId);
  return deps.store.followup.bilansOf(parentId).map((b) => ({
    id: b.projectId,
    year: b.year,
    versionId: b.versionId,
    title: deps.store.projects.get(b.projectId)?.title ?? '',
    createdAt: b.createdAt,
  }));
}
