import type { CoherenceEtablissement, CoherenceView } from '../../schemas/api/coherence';
import { modalities } from '../../schemas/modalities';

/** How a member's gaps are told (« envoyer au PCME », the six-month reminder). */

/** The editor's address of a member's gaps (in notifications and e-mails). */
export const coherenceHash = (ghtId: string, etablissementId: string): string =>
  `#/ght/${encodeURIComponent(ghtId)}/coherence/${encodeURIComponent(etablissementId)}`;

const modalityList = (ids: readonly string[]): string =>
  ids
    .map((id) => modalities.find((m) => m.id === id))
    .map((m) => (m ? `${m.letter}) ${m.label.toLowerCase()}` : ''))
    .join(', ');

/** The member's gaps, in French sentences (for the notification and the e-mail). */
export function gapSentences(view: Pick<CoherenceView, 'filieres' | 'pmpTitle'>, etablissement: CoherenceEtablissement): string[] {
  const sentences: string[] = [];
  if (etablissement.pmStatus === 'absent') sentences.push('Aucun projet médical de l’établissement n’est dans l’atelier.');
  if (etablissement.pmStatus === 'non_adopte') sentences.push('Le projet médical n’est pas encore adopté : son texte en cours est lu.');
  for (const filiere of view.filieres) {
    const cell = filiere.etablissements.find((c) => c.id === etablissement.id);
    if (!cell?.concerned) continue;
    if (!cell.covered) sentences.push(`Filière « ${filiere.name} » non couverte (modalités attribuées : ${modalityList(cell.assignedModalities)}).`);
    else if (cell.missingModalities.length > 0)
      sentences.push(`Filière « ${filiere.name} » : modalités non mentionnées : ${modalityList(cell.missingModalities)}.`);
  }
  if (etablissement.unknownLinks.length > 0)
    sentences.push(`${etablissement.unknownLinks.length} lien(s) vers un élément absent de la version adoptée du PMP.`);
  return sentences;
}
