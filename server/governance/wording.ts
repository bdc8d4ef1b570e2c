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
