import type { RegulatoryOfferItem } from '../../schemas/api/organisations';
import type { OrganisationRecord } from '../store/organisations';

/** An instance the law gives an organisation of this kind and type, as offered when it is set up (the API adds the instance already created: schemas/api/organisations.ts). */
export type RegulatoryInstance = Omit<RegulatoryOfferItem, 'instanceId'>;

type Offer = Omit<RegulatoryInstance, 'title'> & { title: string };

const hospital: Offer[] = [
  { kind: 'CME', title: 'Commission médicale d’établissement', basis: 'L6144-1', ticked: true },
  { kind: 'CSE', title: 'Comité social d’établissement', basis: 'L6144-3, décret 2021-1570', ticked: true },
  { kind: 'CSIRMT', title: 'Commission des soins infirmiers, de rééducation et médico-techniques', basis: 'L6146-9', ticked: true },
  { kind: 'DIRECTOIRE', title: 'Directoire', basis: 'L6143-7-4', ticked: true },
  { kind: 'CONSEIL_SURVEILLANCE', title: 'Conseil de surveillance', basis: 'L6143-1', ticked: true },
  { kind: 'CDU', title: 'Commission des usagers', basis: 'L1112-3', ticked: true },
  { kind: 'DIRECTION', title: 'Direction', basis: 'L6143-7 (actes du directeur : arrêté, signature)', ticked: true },
];

const esms: Offer[] = [
  { kind: 'CSE', title: 'Comité social d’établissement', basis: 'R6132-6 2°, décret 2021-1570', ticked: true },
  { kind: 'CONSEIL_ADMINISTRATION', title: 'Conseil d’administration', basis: 'R6132-6 2°, L315-10 CASF', ticked: true },
  { kind: 'DIRECTION', title: 'Direction', basis: 'L315-17 CASF (actes du directeur)', ticked: true },
];

const military: Offer[] = [{ kind: 'MEDECIN_CHEF', title: 'Médecin-chef', basis: 'R6132-6 3°', ticked: true }];

/** The instances a GHT's convention may set up (not verified one by one here). */
const optionalBasis = 'R6132-5-1, L6132-2-3 à L6132-2-6, D6132-13-8, R6132-14 (si la convention le prévoit)';

const ght: Offer[] = [
  { kind: 'CMG', title: 'Commission médicale de groupement', basis: 'L6132-2-1, D6132-9', ticked: true },
  { kind: 'COMITE_STRATEGIQUE', title: 'Comité stratégique', basis: 'R6132-10', ticked: true },
  { kind: 'CSIRMT_GROUPEMENT', title: 'CSIRMT de groupement', basis: 'R6132-12', ticked: true },
  { kind: 'COMITE_ELUS', title: 'Comité territorial des élus locaux', basis: 'R6132-13', ticked: true },
  { kind: 'DIRECTION', title: 'Direction du groupement (établissement support)', basis: 'R6132-6 (signature de la convention), L6132-3', ticked: true },
  { kind: 'COMMISSION_MEDICO_SOIGNANTE', title: 'Commission médico-soignante commune', basis: optionalBasis, ticked: false },
  { kind: 'CMUG', title: 'Commission médicale unifiée de groupement', basis: optionalBasis, ticked: false },
  { kind: 'CSIRMTUG', title: 'CSIRMT unifiée de groupement', basis: optionalBasis, ticked: false },
  { kind: 'CONFERENCE_DIALOGUE_SOCIAL', title: 'Conférence territoriale de dialogue social', basis: optionalBasis, ticked: false },
  { kind: 'CDU', title: 'Commission des usagers de groupement', basis: optionalBasis, ticked: false },
];

/**
 * The instances offered for an organisation (CSP as amended in 2021, docs/GOVERNANCE.md): a public hospital (a CHU too, with its
 * commission of university partners offered), a public ESMS, a military hospital, a GHT with
 * the optional instances its convention may set up, unticked. An ARS has none.
 */
export function regulatoryInstances(org: Pick<OrganisationRecord, 'kind' | 'type' | 'name'>): RegulatoryInstance[] {
  let offers: Offer[] = [];
  if (org.kind === 'GHT') offers = ght;
  else if (org.kind === 'etablissement') {
    if (org.type === 'ESMS') offers = esms;
    else if (org.type === 'HIA') offers = military;
    else if (org.type === 'CHU')
      offers = [
        ...hospital,
        {
          kind: 'COMMISSION_UNIVERSITAIRE',
          title: 'Commission des partenaires universitaires',
          basis: 'convention hospitalo-universitaire (L6142-3)',
          ticked: false,
        },
      ];
    else offers = hospital;
  }
  return offers.map((o) => ({ ...o, title: `${o.title} — ${org.name}` }));
}
