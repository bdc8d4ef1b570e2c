import { actKindWithArticle, instanceKindLabels, type ActKind, type InstanceKind } from '../../schemas/governance';

/** French grammar for rule messages: "de" + article, and agreement with the act's gender. */
export function de(withArticle: string): string {
  if (withArticle.startsWith('le ')) return `du ${withArticle.slice(3)}`;
  if (withArticle.startsWith('les ')) return `des ${withArticle.slice(4)}`;
  return `de ${withArticle}`;
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const masculineActs: readonly ActKind[] = ['avis', 'arrete', 'accuse_reception'];

/** "enregistré" or "enregistrée", after the act's gender. */
export const agree = (act: ActKind, masculine: string): string => (masculineActs.includes(act) ? masculine : `${masculine}e`);

/** Acts named without their instance: the director's exchanges with the ARS and the publication. */
const withoutInstance: readonly ActKind[] = ['transmission', 'soumission', 'accuse_reception', 'publication'];

/** "l’avis de la CME", "l’avis du CSE ou du CSE central", "la concertation du Directoire (CH d’Étampes)". */
export function actOf(act: ActKind, instanceKinds: readonly InstanceKind[], organisationName?: string): string {
  const of = instanceKinds.map((k) => de(instanceKindLabels[k])).join(' ou ');
  const base = withoutInstance.includes(act) ? actKindWithArticle[act] : `${actKindWithArticle[act]} ${of}`;
  return organisationName ? `${base} (${organisationName})` : base;
}

/** "il" or "elle", for the act. */
export const pronoun = (act: ActKind): string => (masculineActs.includes(act) ? 'il' : 'elle');

/** "à" + article: "au CSE", "aux membres", "à la CME", "à l’ARS". */
export function to(withArticle: string): string {
  if (withArticle.startsWith('le ')) return `au ${withArticle.slice(3)}`;
  if (withArticle.startsWith('les ')) return `aux ${withArticle.slice(4)}`;
  return `à ${withArticle}`;
}

/** "du CSE", "de la CME", "du Directoire": the instance kind after "de". */
export const ofInstance = (kind: InstanceKind): string => de(instanceKindLabels[kind]);

/**
 * An instance named with its établissement, once: "Directoire — Centre hospitalier d’Étampes-Juine"
 * (the demo's three Directoires differ only by it); a name that already carries it stays as is.
 */
export function instanceWithOrganisation(name: string, organisationName: string | null | undefined): string {
  if (!organisationName || name.includes(organisationName)) return name;
  return `${name} — ${organisationName}`;
}

/**
 * A version's title: "Version 2 — avis de la CME"; a label that already starts with its number
 * ("Version 2 — avis de la CME") is not prefixed again.
 */
export function versionHeading(number: number, label: string): string {
  const prefix = new RegExp(`^\\s*version\\s*(n[°o]\\s*)?${number}\\b`, 'i');
  return prefix.test(label) ? label.trim() : `Version ${number} — ${label}`;
}

/** Structured parts of a document, with their gender for agreement. */
const partNouns: Record<'filiere' | 'ficheAction' | 'indicator' | 'objectif', { noun: string; feminine: boolean }> = {
  filiere: { noun: 'filière', feminine: true },
  ficheAction: { noun: 'fiche-action', feminine: true },
  indicator: { noun: 'indicateur', feminine: false },
  objectif: { noun: 'objectif', feminine: false },
};
const changeWords = { added: 'ajouté', removed: 'supprimé', changed: 'modifié' } as const;

/** "objectif « Réduire les délais » ajouté", "filière « Gériatrie » supprimée". */
export function partChange(part: keyof typeof partNouns, label: string, change: keyof typeof changeWords): string {
  const { noun, feminine } = partNouns[part];
  return `${noun} « ${label} » ${changeWords[change]}${feminine ? 'e' : ''}`;
}
