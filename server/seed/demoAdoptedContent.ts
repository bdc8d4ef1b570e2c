import type * as Y from 'yjs';
import { fragmentName, readOutline, sectionsMap } from '../../schemas/docLayout';
import { modalities } from '../../schemas/modalities';
import type { SectionNode } from '../../schemas/project';
import { richText } from '../richText/runtime';
import { etablissementsOf } from '../../schemas/structured';
import { addEtape, addFicheAction, addFiliere, addIndicator, addObjectif, setMatrixCell } from '../../schemas/structuredEdits';

/**
 * The demo GHT's PMP in force, 2021–2025 (its successor, 2026–2030, is the draft of demo.ts):
 * every mandatory chapter written, two filières declined per établissement, two fiches-actions
 * whose pilots are members chosen by id, with étapes and indicators (dated baseline and target,
 * a unit), and the chapter's indicator table. Names, figures and dates are invented.
 */
export const demoAdoptedPmpTitle = 'Projet médical partagé 2021–2025';

/** One paragraph per chapter of the PMP template (templates/documents/pmp.ts). */
const chapterText: Record<string, string> = {
  diagnostic:
    'Le territoire du GHT Seine-Essonne compte 420 000 habitants ; la part des 75 ans et plus y croît de 3 % par an et les délais d’accès aux urgences et à l’imagerie y dépassent la moyenne régionale.',
  'objectifs-medicaux':
    'Le projet 2021–2025 poursuit trois objectifs : réduire l’attente aux urgences, éviter aux patients âgés un passage aux urgences quand une admission directe est possible, et développer l’hospitalisation à domicile.',
  'qualite-securite-pertinence':
    'Les établissements partagent une politique de pertinence des admissions et des examens d’imagerie, un dispositif commun de déclaration des événements indésirables graves et des revues de morbi-mortalité de groupement.',
  'offre-soins-graduee':
    'La proximité est assurée à Milly-la-Forêt et à Étampes, le recours à Corbeil-Seine, qui porte le plateau technique, la réanimation et la cardiologie interventionnelle du groupement.',
  filieres: 'Deux filières sont prioritaires pour 2021–2025 : les urgences et soins non programmés, et la gériatrie.',
  'biologie-imagerie-pharmacie': 'Les projets de biologie, d’imagerie et de pharmacie servent les deux filières prioritaires.',
  'biologie-medicale': 'Le laboratoire de Corbeil-Seine assure la biologie d’urgence des trois sites, avec un transport d’échantillons toutes les deux heures.',
  'imagerie-medicale': 'Une équipe d’imagerie de territoire interprète à distance les examens de permanence des sites d’Étampes et de Milly-la-Forêt.',
  pharmacie: 'La PUI de Corbeil-Seine prépare les chimiothérapies du groupement et assure la conciliation médicamenteuse des patients âgés.',
  'association-chu': 'Le groupement est associé au CHU de la région pour l’enseignement, la recherche clinique et le recours en neurochirurgie.',
  'emplois-medicaux-pharmaceutiques':
    'Les postes partagés d’urgentistes et de gériatres sont répartis entre les sites selon l’activité constatée chaque année.',
  'equipes-medicales-communes':
    'Une équipe commune d’urgentistes et une équipe mobile de gériatrie interviennent sur les trois sites et dans l’EHPAD de Dourdan.',
  'besoins-defense': 'Sans objet : aucun hôpital d’instruction des armées n’est associé au groupement.',
  'liens-territoriaux':
    'Le groupement travaille avec les deux CPTS du territoire, l’hôpital de proximité de Milly-la-Forêt et le projet territorial de santé mentale de l’Essonne.',
  'suivi-evaluation':
    'La commission médicale de groupement suit chaque année les indicateurs ci-dessous ; la présidente présente le bilan annuel au comité stratégique.',
};

function flatten(nodes: SectionNode[]): SectionNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** The people and what the seed wrote, for the path and the follow-up. */
export interface AdoptedPlan {
  fiches: { urgences: string; geriatrie: string };
  etapes: string[];
  indicators: { passage: string; admissions: string; had: string; irm: string; cpts: string };
}

const declination = (filiere: string, etablissement: string, modality: string): string =>
  `${modality} : ${filiere.toLowerCase()} assurée par ${etablissement}.`;

/** Writes the whole PMP into `doc` (one transaction); the pilots are members' user ids. */
export function writeAdoptedPmp(doc: Y.Doc, people: { pcmg: string; urgentiste: string; directeur: string }): AdoptedPlan {
  const { writeFragment } = richText();
  let plan!: AdoptedPlan;
  doc.transact(() => {
    for (const section of flatten(readOutline(doc))) {
      const text = chapterText[section.id];
      if (!text) continue;
      writeFragment({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, doc.getXmlFragment(fragmentName(section.id)));
      sectionsMap(doc).get(section.id)?.set('status', 'valide');
    }
    const axe = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Garantir l’accès aux soins non programmés');
    addObjectif(doc, 'objectifs-medicaux', 'strategique', 'Réduire l’attente aux urgences', axe);
    addObjectif(doc, 'objectifs-medicaux', 'strategique', 'Éviter les passages aux urgences des patients âgés', axe);
    const filieres = { urgences: addFiliere(doc, 'filieres', 'Urgences et soins non programmés'), geriatrie: addFiliere(doc, 'filieres', 'Gériatrie') };
    for (const [key, id] of Object.entries(filieres)) {
      const name = key === 'urgences' ? 'La prise en charge non programmée' : 'La prise en charge gériatrique';
      for (const e of etablissementsOf(doc)) for (const m of modalities) setMatrixCell(doc, id, m.id, e.id, declination(name, e.name, m.shortLabel));
    }
    const etabs = etablissementsOf(doc).map((e) => e.id);
    const urgences = addFicheAction(doc, 'filieres', {
      title: 'Réduire l’attente aux urgences de Corbeil-Seine et d’Étampes-Juine',
      filiereId: filieres.urgences,
      objectif: 'Ramener la durée médiane de passage aux urgences à trois heures',
      modality: 'urgences-soins-non-programmes',
      piloteMedicalId: people.urgentiste,
      directeurReferentId: people.directeur,
      etablissements: etabs.slice(0, 2),
    });
    const geriatrie = addFicheAction(doc, 'filieres', {
      title: 'Admettre directement les patients âgés et développer l’HAD',
      filiereId: filieres.geriatrie,
      objectif: 'Doubler l’activité d’HAD et les admissions directes en court séjour gériatrique',
      modality: 'hospitalisation-domicile',
      piloteMedicalId: people.pcmg,
      directeurReferentId: people.directeur,
      etablissements: etabs,
    });
    const etapes = [
      addEtape(doc, urgences, 'Cellule commune de gestion des lits', '2022-06-30'),
      addEtape(doc, urgences, 'Équipe commune d’urgentistes sur les deux sites', '2023-12-31'),
      addEtape(doc, geriatrie, 'Ligne directe des médecins traitants vers la gériatrie', '2022-03-31'),
      addEtape(doc, geriatrie, 'Antenne d’HAD à Étampes-Juine', '2024-09-30'),
    ];
    const row = (indicateur: string, methode: string, origine: string, cible: string, source: string) => ({
      indicateur,
      methode,
      valeurOrigine: origine,
      dateOrigine: '2020-12-31',
      valeurCible: cible,
      dateCible: '2025-12-31',
      source,
      periodicite: 'annuelle',
    });
    plan = {
      fiches: { urgences, geriatrie },
      etapes,
      indicators: {
        passage: addIndicator(
          doc,
          urgences,
          row(
            'Durée médiane de passage aux urgences',
            'Médiane de la durée entre l’arrivée et la sortie des urgences (RPU), deux sites',
            '4,5 h',
            '3 h',
            'RPU',
          ),
        ),
        admissions: addIndicator(
          doc,
          geriatrie,
          row(
            'Admissions directes des 75 ans et plus sans passage aux urgences',
            'Part des séjours des 75 ans et plus en court séjour gériatrique admis directement',
            '18 %',
            '35 %',
            'PMSI',
          ),
        ),
        had: addIndicator(
          doc,
          geriatrie,
          row('Journées d’hospitalisation à domicile (nombre)', 'Journées d’HAD réalisées dans l’année, tous sites', '4 000', '9 000', 'PMSI HAD'),
        ),
        irm: addIndicator(
          doc,
          'suivi-evaluation',
          row(
            'Délai médian d’obtention d’une IRM pour un patient externe',
            'Médiane du délai entre la demande et l’examen (RIS)',
            '45 jours',
            '25 jours',
            'RIS',
          ),
        ),
        cpts: addIndicator(
          doc,
          'suivi-evaluation',
          row('CPTS liées au groupement par une convention (nombre)', 'Conventions de partenariat signées et en vigueur au 31 décembre', '0', '2', 'Direction'),
        ),
      },
    };
  });
  return plan;
}
