import type * as Y from 'yjs';
import { modalities, type ModalityId } from '../../schemas/modalities';
import type { PmpItem, PmpItems } from '../../schemas/pmpLinks';
import { textOf } from '../../schemas/sharedText';
import { fichesActionsMap, filieresMap, recordEntries } from '../../schemas/structured';
import type { Deps } from '../deps';
import { latestAdoption, type Adoption } from '../governance/adoption';
import type { ProjectRecord } from '../store/projects';
import { versionDoc } from './versions';

/**
 * Which PMP a GHT has and which PM each member has, for the links and the cohérence view: a
 * GHT (or an établissement) may hold several projects of a kind (a previous period, a draft);
 * the current one is the one adopted last, or, before any adoption, the one changed last.
 */

export interface CurrentProject {
  project: ProjectRecord;
  adoption: Adoption | null;
}

const pmpKinds = new Set(['PMP', 'PMSP']);

function current(deps: Pick<Deps, 'store' | 'logger'>, projects: ProjectRecord[], now: Date): CurrentProject | null {
  if (projects.length === 0) return null;
  const withAdoption = projects.map((project) => ({ project, adoption: latestAdoption(deps, project.id, now) }));
  const adopted = withAdoption.filter((p) => p.adoption !== null).sort((a, b) => b.adoption!.adoptedOn.localeCompare(a.adoption!.adoptedOn));
  // store.projects.list() is ordered by last change, most recent first.
  return adopted[0] ?? withAdoption[0]!;
}

/** The GHT an organisation belongs to: itself for a GHT, its parent for a member établissement. */
export function ghtOf(deps: Pick<Deps, 'store'>, organisationId: string | null): string | null {
  const org = organisationId ? deps.store.organisations.get(organisationId) : undefined;
  if (!org) return null;
  if (org.kind === 'GHT') return org.id;
  const parent = org.parentId ? deps.store.organisations.get(org.parentId) : undefined;
  return parent?.kind === 'GHT' ? parent.id : null;
}

export function currentPmp(deps: Pick<Deps, 'store' | 'logger'>, ghtId: string, now = new Date()): CurrentProject | null {
  return current(
    deps,
    deps.store.projects.list().filter((p) => p.organisationId === ghtId && pmpKinds.has(p.kind)),
    now,
  );
}

export function currentPm(deps: Pick<Deps, 'store' | 'logger'>, etablissementId: string, now = new Date()): CurrentProject | null {
  return current(
    deps,
    deps.store.projects.list().filter((p) => p.organisationId === etablissementId && p.kind === 'PM'),
    now,
  );
}

/**
 * Reads a project's text: its adopted version when it has one, else the live document. The
 * callback's doc is only valid during the call (a frozen version's doc is destroyed after).
 */
export function readProjectText<T>(deps: Pick<Deps, 'store' | 'registry'>, current: CurrentProject, read: (doc: Y.Doc) => T): T {
  if (!current.adoption) return read(deps.registry.get(current.project.id).doc);
  const doc = versionDoc(deps, current.project.id, current.adoption.version.id);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

const modalityIds = new Set<string>(modalities.map((m) => m.id));

/** The filières and fiches-actions of a PMP document, as citable items (filières first, by position). */
export function pmpItemsOf(doc: Y.Doc): PmpItem[] {
  const byPosition = (a: [string, Y.Map<unknown>], b: [string, Y.Map<unknown>]) => Number(a[1].get('position') ?? 0) - Number(b[1].get('position') ?? 0);
  const filieres = recordEntries(filieresMap(doc)).sort(byPosition);
  const names = new Map(filieres.map(([id, record]) => [id, textOf(record.get('name')).trim()]));
  const items: PmpItem[] = filieres.map(([id]) => ({
    id,
    kind: 'filiere',
    label: names.get(id) ?? '',
    filiereId: id,
    filiereName: names.get(id) ?? '',
    modality: null,
  }));
  for (const [id, record] of recordEntries(fichesActionsMap(doc)).sort(byPosition)) {
    const filiereId = typeof record.get('filiereId') === 'string' ? (record.get('filiereId') as string) : '';
    const modality = record.get('modality');
    items.push({
      id,
      kind: 'fiche',
      label: textOf(record.get('title')).trim(),
      filiereId: names.has(filiereId) ? filiereId : '',
      filiereName: names.get(filiereId) ?? '',
      modality: typeof modality === 'string' && modalityIds.has(modality) ? (modality as ModalityId) : null,
    });
  }
  return items;
}

/**
 * What a project of a GHT member (or of the GHT) may cite: the items of its GHT's current PMP.
 * A PMP cites none, be it the current one or another (the successor of the PMP in force).
 */
export function pmpItemsForProject(deps: Pick<Deps, 'store' | 'registry' | 'logger'>, project: ProjectRecord): PmpItems {
  const ghtId = ghtOf(deps, project.organisationId);
  const pmp = ghtId && !pmpKinds.has(project.kind) ? currentPmp(deps, ghtId) : null;
  if (!pmp) return { pmpProjectId: null, pmpTitle: null, source: null, versionId: null, items: [] };
  return {
    pmpProjectId: pmp.project.id,
    pmpTitle: pmp.project.title,
    source: pmp.adoption ? 'adopted' : 'draft',
    versionId: pmp.adoption?.version.id ?? null,
    items: readProjectText(deps, pmp, pmpItemsOf),
  };
}
