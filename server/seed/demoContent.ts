import type { JSONContent } from '@tiptap/core';

/**
 * Demo content of the draft PMP seeded in demo mode: a fictional GHT "GHT Seine-Essonne"
 * (support: Centre hospitalier de Corbeil-Seine; members: Centre hospitalier d’Étampes-Juine and
 * Hôpital de proximité de Milly-la-Forêt). Keys are chapter ids of templates/documents/pmp.ts;
 * chapters absent from this map stay empty ("à rédiger"), as in a real draft. Every document is
 * valid in the rich-text schema of schemas/richText.ts (checked by test/unit/templates.test.ts).
 * Names, figures and dates are invented.
 */

export const demoPmpTitle = 'Projet médical partagé 2026–2030';

type Inline = string | JSONContent;

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const bold = (value: string): JSONContent => ({ type: 'text', text: value, marks: [{ type: 'bold' }] });
const inline = (parts: Inline[]): JSONContent[] => parts.map((part) => (typeof part === 'string' ? text(part) : part));

const doc = (...blocks: JSONContent[]): JSONContent => ({ type: 'doc', content: blocks });
const p = (...parts: Inline[]): JSONContent => ({ type: 'paragraph', content: inline(parts) });
const h3 = (title: string): JSONContent => ({ type: 'heading', attrs: { level: 3 }, content: [text(title)] });
const h4 = (title: string): JSONContent => ({ type: 'heading', attrs: { level: 4 }, content: [text(title)] });
/** A bullet list; each item is one paragraph, given as a string or as inline parts. */
const ul = (...items: (string | Inline[])[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [p(...(typeof item === 'string' ? [item] : item))] })),
});
/** A table whose first row is a header row in bold. */
const table = (header: string[], rows: string[][]): JSONContent => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((cell) => ({ type: 'tableHeader', content: [p(bold(cell))] })) },
    ...rows.map((row) => ({ type: 'tableRow', content: row.map((cell) => ({ type: 'tableCell', content: [p(cell)] })) })),
  ],
});

const objectifsMedicaux = doc(
  p(
    'Le GHT Seine-Essonne réunit trois établissements publics de santé : le ',
    bold('Centre hospitalier de Corbeil-Seine'),
    ', établissement support, le ',
    bold('Centre hospitalier d’Étampes-Juine'),
    ' et l’',
    bold('Hôpital de proximité de Milly-la-Forêt'),
    '. Il dessert un bassin d’environ 410 000 habitants, qui associe une vallée de la Seine urbanisée et un sud du département rural, où la densité de médecins généralistes est parmi les plus faibles de la région.',
  ),
  p(
    'Le vieillissement de la population, la progression des maladies chroniques et les tensions sur la démographie médicale (radiologie, anesthésie, pédiatrie, médecine d’urgence) imposent de penser l’offre à l’échelle du territoire plutôt qu’établissement par établissement.',
  ),
  h3('Une stratégie médicale fondée sur la gradation des soins'),
  p(
    'En cohérence avec le schéma régional de santé, le groupement s’engage à garantir à chaque habitant une réponse de proximité et un accès lisible à la référence et au recours. La filière est l’unité de travail du projet : chaque filière prioritaire organise l’ensemble des activités qui concourent à la prise en charge d’une pathologie sur le territoire, de la consultation au retour à domicile.',
  ),
  h3('Les objectifs médicaux 2026–2030'),
  ul(
    [
      bold('Assurer une réponse aux soins non programmés'),
      ' sur tout le territoire, avec les CPTS et le service d’accès aux soins (SAS), pour éviter les passages aux urgences qui relèvent de la ville.',
    ],
    [
      bold('Structurer cinq filières prioritaires'),
      ' : urgences et soins non programmés, gériatrie, cancérologie, périnatalité et santé de l’enfant, maladies cardio-neuro-vasculaires.',
    ],
    [bold('Maintenir une imagerie et une biologie publiques'), ' sur les trois sites, grâce à des équipes territoriales et à des outils partagés.'],
    [
      bold('Accélérer le virage ambulatoire'),
      ' : chirurgie et médecine ambulatoires, hospitalisation à domicile, retours précoces vers l’établissement de proximité.',
    ],
    [
      bold('Rendre les postes médicaux plus attractifs'),
      ' : temps partagés entre sites, assistants partagés ville-hôpital, consultations avancées et participation à la recherche clinique avec le CHU.',
    ],
  ),
  p(
    'Ces objectifs sont déclinés en fiches-actions, chacune portée par un pilote médical, un pilote soignant et un directeur référent, et suivie par les indicateurs présentés dans la partie consacrée au suivi et à l’évaluation.',
  ),
);

const offreSoinsGraduee = doc(
  p(
    'Le groupement organise son offre en trois niveaux. Le patient est pris en charge dans l’établissement qui dispose du plateau et de l’expertise adaptés à son état, puis revient vers l’établissement le plus proche de son domicile dès que possible.',
  ),
  h3('Trois niveaux de prise en charge'),
  ul(
    [
      bold('Proximité'),
      ' — Hôpital de proximité de Milly-la-Forêt et sites de consultation d’Étampes : médecine polyvalente, soins médicaux et de réadaptation gériatriques, consultations avancées de spécialistes, télé-expertise avec les EHPAD, soins non programmés en lien avec les médecins de ville.',
    ],
    [
      bold('Référence'),
      ' — Centre hospitalier d’Étampes-Juine : service d’urgences, médecine et chirurgie de spécialités courantes, chirurgie ambulatoire, maternité de niveau 1, unité de surveillance continue.',
    ],
    [
      bold('Recours'),
      ' — Centre hospitalier de Corbeil-Seine : réanimation, soins intensifs de cardiologie, unité neurovasculaire, cardiologie interventionnelle, maternité de niveau 2B, oncologie médicale et radiothérapie en partenariat. Le recours régional est assuré par le CHU associé.',
    ],
  ),
  h3('Règles de circulation des patients'),
  ul(
    'Un numéro unique par filière permet aux médecins de ville et aux établissements partenaires d’obtenir un avis spécialisé et, si besoin, une admission directe sans passage par les urgences.',
    'Une cellule territoriale de gestion des lits suit chaque jour les capacités des trois sites et organise les transferts.',
    'Les retours vers Étampes ou Milly-la-Forêt sont anticipés dès l’admission à Corbeil, pour libérer les lits de recours et rapprocher le patient de ses proches.',
  ),
);

const filieres = doc(
  p(
    'Chaque filière prioritaire est décrite selon les huit modalités prévues par l’article R6132-3, avec leur déclinaison par établissement. Cette version de travail détaille les filières urgences et gériatrie ; les trois autres filières sont en cours de rédaction par leurs groupes de travail.',
  ),
  h3('Filière urgences et soins non programmés'),
  ul(
    [
      bold('a) Permanence et continuité des soins'),
      ' : une ligne de garde sur place de médecin urgentiste à Corbeil et à Étampes ; astreintes de spécialités mutualisées à l’échelle du groupement, organisées dans un schéma territorial de la permanence des soins (PDSES).',
    ],
    [
      bold('b) Consultations'),
      ' : consultations de soins non programmés à Milly-la-Forêt en journée, assurées avec les médecins de la CPTS ; consultations post-urgences de traumatologie à Étampes.',
    ],
    [
      bold('c) Ambulatoire et hospitalisation'),
      ' : unité d’hospitalisation de courte durée sur chaque site d’urgences ; hôpital de jour de diagnostic rapide à Corbeil pour éviter des hospitalisations complètes.',
    ],
    [
      bold('d) Plateaux techniques'),
      ' : accès au scanner 24 heures sur 24 sur les deux sites d’urgences, avec interprétation nocturne en téléradiologie ; biologie délocalisée à Milly-la-Forêt.',
    ],
    [
      bold('e) Urgences et soins non programmés'),
      ' : participation des trois établissements au SAS de l’Essonne ; réorientation vers la ville des patients relevant de soins non programmés, avec un rendez-vous garanti.',
    ],
    [
      bold('f) Situations sanitaires exceptionnelles'),
      ' : plan de gestion des tensions hospitalières commun, exercice annuel de plan blanc à l’échelle du territoire.',
    ],
    [bold('g) Hospitalisation à domicile'), ' : admission directe en HAD depuis les urgences pour les patients déjà suivis, sans hospitalisation préalable.'],
    [
      bold('h) Prise en charge médico-sociale'),
      ' : protocole d’accueil direct des résidents d’EHPAD et astreinte gériatrique téléphonique pour les équipes des établissements médico-sociaux.',
    ],
  ),
  h3('Filière gériatrique'),
  ul(
    [bold('a) Permanence et continuité des soins'), ' : astreinte de gériatre commune aux trois sites, joignable par les urgences et par les EHPAD.'],
    [bold('b) Consultations'), ' : consultations mémoire et d’évaluation gériatrique avancées à Milly-la-Forêt et à Étampes.'],
    [
      bold('c) Ambulatoire et hospitalisation'),
      ' : court séjour gériatrique à Corbeil et à Étampes, soins médicaux et de réadaptation gériatriques à Milly-la-Forêt, hôpital de jour d’évaluation à Corbeil.',
    ],
    [bold('d) Plateaux techniques'), ' : créneaux d’imagerie réservés aux patients âgés adressés par la ville pour éviter un passage aux urgences.'],
    [bold('e) Urgences et soins non programmés'), ' : équipe mobile de gériatrie présente aux urgences de Corbeil et d’Étampes.'],
    [bold('f) Situations sanitaires exceptionnelles'), ' : plan canicule commun avec les EHPAD du territoire.'],
    [bold('g) Hospitalisation à domicile'), ' : HAD en EHPAD développée avec l’établissement d’HAD partenaire.'],
    [bold('h) Prise en charge médico-sociale'), ' : téléconsultations et télé-expertises gériatriques vers les EHPAD conventionnés.'],
  ),
  h3('Filières en cours de rédaction'),
  p('Les filières cancérologie, périnatalité et santé de l’enfant, et maladies cardio-neuro-vasculaires seront décrites selon la même grille.'),
);

const imagerie = doc(
  p(
    'La raréfaction des radiologues et une forte concurrence privée fragilisent l’imagerie publique du sud de l’Essonne. Le groupement choisit de constituer une équipe territoriale plutôt que de laisser chaque site recruter isolément.',
  ),
  h3('Une équipe d’imagerie territoriale'),
  p(
    'Un pôle inter-établissements d’imagerie regroupe les radiologues et les manipulateurs des trois sites. Les radiologues de Corbeil assurent des vacations sur-spécialisées à Étampes (ostéo-articulaire, neuroradiologie, imagerie de la femme), une ou deux journées par semaine selon la spécialité, avec une rémunération complémentaire des déplacements.',
  ),
  h3('Permanence des soins en imagerie'),
  ul(
    'La nuit, de 20 h à 8 h, les examens réalisés en urgence à Corbeil et à Étampes sont interprétés en téléradiologie depuis un poste dédié à Corbeil.',
    'Le radiologue de garde valide la pertinence de chaque demande de scanner ou d’IRM avant sa réalisation, après échange avec le prescripteur si nécessaire.',
    'Un système d’archivage et de communication des images (PACS) commun donne accès à l’historique radiologique du patient sur les trois sites.',
  ),
  h3('Équipements et imagerie interventionnelle'),
  ul(
    'Installation d’une seconde IRM à Corbeil en 2027 pour réduire les délais de rendez-vous.',
    'Renouvellement du scanner d’Étampes et ouverture de plages en fin de journée pour les patients adressés par la ville.',
    'Radiologie interventionnelle vasculaire et oncologique concentrée à Corbeil, avec des procédures d’adressage claires pour les autres sites.',
  ),
);

const biologie = doc(
  p(
    'Les trois établissements confient leur biologie médicale à un laboratoire commun multisite, placé sous la responsabilité d’un biologiste coordonnateur et accrédité selon la norme applicable. L’objectif est de concilier une biologie de proximité réactive et une biologie spécialisée qui mutualise les équipements coûteux.',
  ),
  h3('Organisation multisite'),
  ul(
    [bold('Corbeil-Seine'), ' : plateau central, microbiologie, biologie moléculaire et examens spécialisés pour l’ensemble du groupement.'],
    [bold('Étampes-Juine'), ' : laboratoire de réponse rapide ouvert 24 heures sur 24 pour les urgences, la maternité et la surveillance continue.'],
    [
      bold('Milly-la-Forêt'),
      ' : centre de prélèvement et examens de biologie délocalisée sous le contrôle du laboratoire commun ; navettes quotidiennes vers Corbeil.',
    ],
  ),
  h3('Délais de rendu et pertinence'),
  p(
    'Le groupement suit le délai de rendu des examens urgents, notamment la troponine, et s’engage à le maintenir sous une heure sur les deux sites d’urgences. Des référentiels de prescription communs seront diffusés aux services pour limiter les examens redondants.',
  ),
);

const liensTerritoriaux = doc(
  p(
    'Le projet médical partagé ne peut réussir sans les acteurs de ville et du médico-social. Le groupement se donne une responsabilité populationnelle : organiser, avec eux, des parcours sans rupture pour les habitants du territoire.',
  ),
  h3('L’hôpital de proximité, point d’appui du territoire'),
  p(
    'L’Hôpital de proximité de Milly-la-Forêt accueille dans ses locaux une maison de santé pluriprofessionnelle et des consultations avancées de spécialistes du groupement. Un représentant de la CPTS siège au comité de pilotage de l’établissement.',
  ),
  h3('Exercice coordonné et CPTS'),
  ul(
    'Convention de partenariat avec les deux CPTS du sud de l’Essonne : soins non programmés, accès aux avis spécialisés, sorties d’hospitalisation.',
    'Postes d’assistants partagés entre la ville et l’hôpital en médecine générale et en gériatrie.',
    'Ligne téléphonique directe réservée aux médecins traitants pour chaque filière prioritaire.',
    'Recours au dispositif d’appui à la coordination (DAC) pour les situations complexes à la sortie.',
  ),
  h3('Santé mentale'),
  p(
    'Le groupement s’inscrit dans le projet territorial de santé mentale de l’Essonne : psychiatrie de liaison aux urgences de Corbeil et d’Étampes, équipe mobile de psychiatrie du sujet âgé intervenant en EHPAD, participation aux conseils locaux de santé mentale.',
  ),
);

const suiviEvaluation = doc(
  p(
    'La mise en œuvre du projet est pilotée par la présidente de la commission médicale de groupement, avec le comité stratégique. Chaque fiche-action désigne un pilote médical, un pilote soignant et un directeur référent, et précise ses étapes, ses échéances et ses indicateurs.',
  ),
  h3('Instances et calendrier'),
  ul(
    'Revue de l’avancement des fiches-actions deux fois par an en commission médicale de groupement.',
    'Bilan annuel présenté au comité stratégique, puis au comité territorial des élus locaux.',
    'Révision du projet par avenant lorsque le bilan le justifie, après consultation des mêmes instances.',
  ),
  h3('Tableau des indicateurs'),
  table(
    ['Indicateur', 'Méthode de construction', 'Valeur d’origine (date)', 'Valeur cible (date)'],
    [
      [
        'Délai médian d’obtention d’une IRM pour un patient externe',
        'Médiane du délai entre la demande et l’examen, tous sites (RIS), sur l’année',
        '38 jours (31/12/2025)',
        '21 jours (31/12/2028)',
      ],
      [
        'Examens d’imagerie en coupe de permanence interprétés en moins d’une heure',
        'Part des examens réalisés entre 20 h et 8 h dont le compte rendu est validé dans l’heure (PACS)',
        '72 % (31/12/2025)',
        '95 % (31/12/2027)',
      ],
      [
        'Délai de rendu de la troponine aux urgences',
        'Médiane du délai entre réception au laboratoire et validation (SIL), sites de Corbeil et d’Étampes',
        '68 minutes (30/09/2025)',
        '45 minutes (31/12/2027)',
      ],
      [
        'Demi-journées de consultations avancées à Milly-la-Forêt',
        'Nombre de demi-journées hebdomadaires de spécialistes du groupement (agendas)',
        '6 (01/01/2026)',
        '14 (31/12/2029)',
      ],
      [
        'Admissions directes de patients âgés sans passage aux urgences',
        'Part des séjours des 75 ans et plus en court séjour gériatrique admis directement (PMSI)',
        '18 % (31/12/2025)',
        '35 % (31/12/2029)',
      ],
      [
        'CPTS liées au groupement par une convention',
        'Nombre de CPTS du territoire ayant signé une convention de partenariat',
        '1 (01/01/2026)',
        '2 (31/12/2027)',
      ],
    ],
  ),
  h4('Sources et périodicité'),
  p(
    'Les indicateurs sont calculés chaque année à partir du PMSI, de la SAE et des systèmes d’information du laboratoire et de l’imagerie ; les indicateurs d’imagerie et de biologie sont suivis chaque trimestre.',
  ),
);

/** Chapter id (see templates/documents/pmp.ts) → ProseMirror JSON of the chapter's rich text. */
export const demoPmpContent: Record<string, JSONContent> = {
  'objectifs-medicaux': objectifsMedicaux,
  'offre-soins-graduee': offreSoinsGraduee,
  filieres,
  'imagerie-medicale': imagerie,
  'biologie-medicale': biologie,
  'liens-territoriaux': liensTerritoriaux,
  'suivi-evaluation': suiviEvaluation,
};
