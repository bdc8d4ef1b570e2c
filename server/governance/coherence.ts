import * as Y from 'yjs';
import type { CoherenceCell, CoherenceEtablissement, CoherenceLink, CoherenceView, PmStatus } from '../../schemas/api/coherence';
import { modalities, type ModalityId } from '../../schemas/modalities';
import { sectionEntries } from '../../schemas/docLayout';
import { normaliseTitle, pmpItemField, type PmpItem } from '../../schemas/pmpLinks';
import { sectionPlainText } from '../../schemas/sectionText';
import { textOf } from '../../schemas/sharedText';
import { fichesActionsMap, filieresMap, matrixKey, objectifsMap, recordEntries } from '../../schemas/structured';
import type { Deps } from '../deps';
import { DomainError } from '../errors';
import { currentPm, currentPmp, pmpItemsOf, readProjectText, type CurrentProject } from '../queries/ghtProjects';

/**
 * Cohérence PM ↔ PMP across a GHT (L6132-2-2; issue 24, item 4). The PMP is read from its latest
 * adopted version; each member's PM from its latest adopted version, or its live text while none
 * is adopted (said by `pmStatus`). Links are explicit (`pmpItemId`, schemas/pmpLinks.ts).
 */

export const coherenceRules = {
  covered:
    'Une filière est couverte par un projet médical quand au moins un de ses chapitres, un de ses objectifs ou une de ses fiches-actions cite cette filière du PMP, ou une fiche-action du PMP de cette filière (champ « Met en œuvre (PMP du GHT) »).',
  modalities:
    'Une modalité est attribuée à un établissement pour une filière quand la matrice du PMP en donne une déclinaison (une case vide ou qui commence par « Sans objet », « Non concerné », « Non applicable », « Néant », « Aucun(e) », « NC », « SO » ou un tiret n’attribue rien). Elle est mentionnée quand un objectif ou une fiche-action lié à la filière porte cette modalité (modalité de la fiche-action du PM, ou de la fiche-action du PMP citée), ou que son texte (titre et texte du chapitre ; libellé de l’objectif ; titre et objectif de la fiche-action) contient tous les mots significatifs du libellé de la modalité ou de son libellé court (accents, casse, ordre et pluriels ignorés : « hospitalisation de jour en ambulatoire » mentionne « Ambulatoire et hospitalisation »).',
};

interface PmpFiliere {
  id: string;
  name: string;
  /** The modalities whose declination for this établissement is written in the matrix. */
  assignedTo(etablissementId: string): ModalityId[];
}

interface PmRecordLink extends CoherenceLink {
  /** The fiche-action's own modality (a PM fiche), if any. */
  modality: string;
  /** What its text says, normalised. */
  text: string;
}

/**
 * A matrix cell assigns its modality to the établissement when its declination says something
 * other than that it does not apply: completeness wants every cell written, so a PMP writes
 * « Sans objet », « Non concerné », « Néant » or a dash where an établissement takes no part.
 */
const notApplicable = /^(sans objet|non concerne|non applicable|neant|aucun|aucune|nc|so)( |$)/;
export const declines = (cell: string): boolean => {
  const text = normaliseTitle(cell);
  return text !== '' && !notApplicable.test(text);
};

function pmpFilieres(doc: Y.Doc): PmpFiliere[] {
  return recordEntries(filieresMap(doc))
    .sort((a, b) => Number(a[1].get('position') ?? 0) - Number(b[1].get('position') ?? 0))
    .map(([id, record]) => {
      const matrix = record.get('matrix');
      const assigns = (key: string): boolean => matrix instanceof Y.Map && declines(textOf(matrix.get(key)));
      return {
        id,
        name: textOf(record.get('name')).trim(),
        assignedTo: (etablissementId) => modalities.filter((m) => assigns(matrixKey(m.id, etablissementId))).map((m) => m.id),
      };
    });
}

/** The PM's chapters, objectifs and fiches-actions that cite something. */
function pmLinks(doc: Y.Doc): PmRecordLink[] {
  const links: PmRecordLink[] = [];
  sectionEntries(doc).forEach((section, id) => {
    const cited = section.get(pmpItemField);
    if (typeof cited !== 'string' || cited === '') return;
    const label = String(section.get('title') ?? '');
    links.push({ root: 'sections', id, label, pmpItemId: cited, modality: '', text: normaliseTitle(`${label} ${sectionPlainText(doc, id)}`) });
  });
  for (const [id, record] of recordEntries(objectifsMap(doc))) {
    const cited = record.get(pmpItemField);
    if (typeof cited !== 'string' || cited === '') continue;
    const label = textOf(record.get('label')).trim();
    links.push({ root: 'objectifs', id, label, pmpItemId: cited, modality: '', text: normaliseTitle(label) });
  }
  for (const [id, record] of recordEntries(fichesActionsMap(doc))) {
    const cited = record.get(pmpItemField);
    if (typeof cited !== 'string' || cited === '') continue;
    const label = textOf(record.get('title')).trim();
    const modality = typeof record.get('modality') === 'string' ? (record.get('modality') as string) : '';
    links.push({ root: 'fichesActions', id, label, pmpItemId: cited, modality, text: normaliseTitle(`${label} ${textOf(record.get('objectif'))}`) });
  }
  return links;
}

const minorWords = new Set(['aux', 'des', 'les', 'une', 'par', 'pour', 'sur', 'dans', 'avec']);
/** The words of a normalised text, plurals aside (« soins » and « soin » are one word). */
const wordsOf = (text: string): string[] =>
  text
    .split(' ')
    .map((w) => w.replace(/s$/, ''))
    .filter((w) => w.length >= 2);
const significantWords = (label: string): string[] => wordsOf(normaliseTitle(label)).filter((w) => w.length >= 3 && !minorWords.has(w));

/** The modality is in the text: every significant word of its label, or of its short label (accents, case, order and plurals aside). */
function textMentions(text: string, modalityId: ModalityId): boolean {
  const modality = modalities.find((m) => m.id === modalityId)!;
  const present = new Set(wordsOf(text));
  return [modality.label, modality.shortLabel].some((label) => significantWords(label).every((w) => present.has(w)));
}

interface MemberPm {
  current: CurrentProject | null;
  status: PmStatus;
  links: PmRecordLink[];
}

function memberPm(deps: Pick<Deps, 'store' | 'registry' | 'logger'>, etablissementId: string, now: Date): MemberPm {
  const current = currentPm(deps, etablissementId, now);
  if (!current) return { current, status: 'absent', links: [] };
  return { current, status: current.adoption ? 'adopte' : 'non_adopte', links: readProjectText(deps, current, pmLinks) };
}

/** The view for every member of the GHT (the caller filters what a reader may see). */
export function coherenceView(deps: Pick<Deps, 'store' | 'registry' | 'logger'>, ghtId: string, now = new Date()): Omit<CoherenceView, 'scope' | 'canSend'> {
  const ght = deps.store.organisations.get(ghtId);
  if (ght?.kind !== 'GHT') throw new DomainError('not_found', 'organisation_not_found', 'GHT introuvable.');
  const pmp = currentPmp(deps, ghtId, now);
  if (!pmp?.adoption) {
    throw new DomainError(
      'conflict',
      'pmp_not_adopted',
      'Le GHT n’a pas encore de projet médical partagé adopté : la cohérence se lit sur sa dernière version adoptée.',
    );
  }
  const { filieres, items } = readProjectText(deps, pmp, (doc) => ({ filieres: pmpFilieres(doc), items: pmpItemsOf(doc) }));
  const itemById = new Map<string, PmpItem>(items.map((item) => [item.id, item]));
  const members = deps.store.organisations
    .list()
    .filter((o) => o.parentId === ghtId && o.kind === 'etablissement' && o.archivedAt === null)
    .sort((a, b) => Number(b.isSupport) - Number(a.isSupport) || a.name.localeCompare(b.name, 'fr'));
  const pms = new Map(members.map((m) => [m.id, memberPm(deps, m.id, now)]));
  const pmpAdoptedOn = pmp.adoption.adoptedOn;

  const cellOf = (filiere: PmpFiliere, member: { id: string; name: string }): CoherenceCell => {
    const pm = pms.get(member.id)!;
    const linked = pm.links.filter((link) => itemById.get(link.pmpItemId)?.filiereId === filiere.id);
    const assigned = filiere.assignedTo(member.id);
    const mentions = (modality: ModalityId): boolean =>
      linked.some((link) => link.modality === modality || itemById.get(link.pmpItemId)?.modality === modality || textMentions(link.text, modality));
    return {
      id: member.id,
      name: member.name,
      pmProjectId: pm.current?.project.id ?? null,
      covered: linked.length > 0,
      assignedModalities: assigned,
      missingModalities: assigned.filter((m) => !mentions(m)),
      concerned: assigned.length > 0,
      links: linked.map(({ root, id, label, pmpItemId }) => ({ root, id, label, pmpItemId })),
      pmStatus: pm.status,
      pmAdoptedOn: pm.current?.adoption?.adoptedOn ?? null,
    };
  };
  const rows = filieres.map((filiere) => ({ id: filiere.id, name: filiere.name, etablissements: members.map((m) => cellOf(filiere, m)) }));

  const etablissements: CoherenceEtablissement[] = members.map((member) => {
    const pm = pms.get(member.id)!;
    const cells = rows.map((row) => ({ row, cell: row.etablissements.find((c) => c.id === member.id)! }));
    const pmAdoptedOn = pm.current?.adoption?.adoptedOn ?? null;
    return {
      id: member.id,
      name: member.name,
      pmProjectId: pm.current?.project.id ?? null,
      pmTitle: pm.current?.project.title ?? null,
      pmStatus: pm.status,
      pmVersionId: pm.current?.adoption?.version.id ?? null,
      pmAdoptedOn,
      pmAdoptedAfterPmp: pmAdoptedOn === null ? null : pmAdoptedOn >= pmpAdoptedOn,
      uncoveredFilieres: cells.filter(({ cell }) => cell.concerned && !cell.covered).map(({ row }) => row.id),
      missingModalityCount: cells.reduce((n, { cell }) => n + cell.missingModalities.length, 0),
      unknownLinks: pm.links.filter((link) => !itemById.has(link.pmpItemId)).map(({ root, id, label, pmpItemId }) => ({ root, id, label, pmpItemId })),
    };
  });

  return {
    ghtId,
    ghtName: ght.name,
    pmpProjectId: pmp.project.id,
    pmpTitle: pmp.project.title,
    pmpVersionId: pmp.adoption.version.id,
    pmpLine: pmp.adoption.version.line,
    pmpAdoptedOn,
    filieres: rows,
    etablissements,
    rules: coherenceRules,
  };
}

/** A member has gaps: a filière it is assigned not covered, a modality not mentioned, or no adopted PM. */
export const hasGaps = (etablissement: CoherenceEtablissement): boolean =>
  etablissement.pmStatus !== 'adopte' || etablissement.uncoveredFilieres.length > 0 || etablissement.missingModalityCount > 0;
