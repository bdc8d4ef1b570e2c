import { fillSampleContent } from '../../fixtures/sampleDocument';
import { modalities } from '../../schemas/modalities';
import { etablissementsOf } from '../../schemas/structured';
import { addEtape, addFicheAction, addFiliere, addIndicator, setMatrixCell } from '../../schemas/structuredEdits';
import { adoptPmpVersion } from './coherenceGht';
import { freeze } from './exportFixtures';
import type { TestServer } from './testServer';

/**
 * A GHT's PMP 2025–2029 with two filières, two fiches-actions (étapes with échéances, pilots
 * named) and indicators of each unit kind, plus a chapter table, taken through its whole path
 * with the real API: CMG avis and comité stratégique, sent to the ARS for information, adopted by
 * every member, signed, submitted, and its receipt recorded by the ARS. Its first version is
 * then the latest adopted one.
 */
export interface AdoptedPmp {
  ght: string;
  support: string;
  member: string;
  projectId: string;
  versionId: string;
  versionHash: string;
  filieres: { cancer: string; urgences: string };
  fiches: { cancer: string; urgences: string };
  etapes: { cancerDone: string; cancerLate: string; urgencesFuture: string };
  indicators: { ambulatoire: string; delai: string; sejours: string; budget: string; depistage: string };
  arsReader: { id: string; cookie: string };
}

/**
 * `pilotMedicalId`: the cancer fiche's pilote médical, a member chosen by id (as the editor
 * stores it); `pilotSoignant`: its pilote soignant as free text (an older document). The
 * urgences fiche's pilot is the free text « Dr Personne Ailleurs ». `extraIndicators` more rows
 * (« Indicateur n° N », 40 → 65 %) go to the chapter's table.
 */
export async function adoptedPmp(
  server: TestServer,
  input: { name: string; pilotMedicalId: string; pilotSoignant?: string; extraIndicators?: number },
): Promise<AdoptedPmp> {
  const orgs = server.deps.store.organisations;
  const ght = orgs.create({ name: `GHT ${input.name}`, kind: 'GHT' });
  const support = orgs.create({ name: `Centre hospitalier de ${input.name}`, kind: 'etablissement', parentId: ght, isSupport: true });
  const member = orgs.create({ name: `Hôpital de ${input.name}-Sud`, kind: 'etablissement', parentId: ght });
  const ars = orgs.create({ name: `ARS de ${input.name}`, kind: 'ARS' });
  server.deps.store.submissions.setArs(ght, ars);
  orgs.createInstance(ght, 'DIRECTION', `Direction du GHT ${input.name}`);
  const arsReader = await server.user(`Lecteur ARS ${input.name}`);
  orgs.grantRole(ars, arsReader.id, 'ars_reader');

  const created = await server.api('POST', '/api/projects', {
    cookie: server.adminCookie,
    body: { kind: 'PMP', title: `Projet médical partagé ${input.name} 2025–2029`, organisationId: ght, period: { startYear: 2025, endYear: 2029 } },
  });
  if (created.status !== 201) throw new Error(`project: ${created.status} ${JSON.stringify(created.body)}`);
  const projectId = created.body.id as string;

  let out!: Omit<AdoptedPmp, 'ght' | 'support' | 'member' | 'projectId' | 'versionId' | 'versionHash' | 'arsReader'>;
  server.deps.registry.get(projectId).change((doc) => {
    // Every mandatory part written, so the version can go to the ARS.
    fillSampleContent(doc, 3);
    const cancer = addFiliere(doc, 'filieres', 'Cancérologie');
    const urgences = addFiliere(doc, 'filieres', 'Urgences et soins non programmés');
    for (const filiere of [cancer, urgences]) {
      for (const e of etablissementsOf(doc)) for (const m of modalities) setMatrixCell(doc, filiere, m.id, e.id, 'Organisation de proximité.');
    }
    const ficheCancer = addFicheAction(doc, 'filieres', {
      title: 'Développer la chirurgie ambulatoire du cancer du sein',
      filiereId: cancer,
      objectif: 'Atteindre 65 % de chirurgie ambulatoire du sein',
      piloteMedicalId: input.pilotMedicalId,
      piloteSoignant: input.pilotSoignant ?? '',
      etablissements: [support],
    });
    const ficheUrgences = addFicheAction(doc, 'filieres', {
      title: 'Réduire l’attente aux urgences',
      filiereId: urgences,
      objectif: 'Diviser par deux la durée de passage',
      piloteMedical: 'Dr Personne Ailleurs',
      etablissements: [support, member],
    });
    const cancerDone = addEtape(doc, ficheCancer, 'Protocole commun validé', '2025-06-30');
    const cancerLate = addEtape(doc, ficheCancer, 'Circuit patient ambulatoire ouvert', '2026-03-31');
    const urgencesFuture = addEtape(doc, ficheUrgences, 'Filière gériatrique directe', '2028-12-31');
    const ambulatoire = addIndicator(doc, ficheCancer, {
      indicateur: 'Taux de chirurgie ambulatoire du sein',
      methode: 'Séjours ambulatoires / séjours chirurgicaux (PMSI)',
      valeurOrigine: '40 %',
      dateOrigine: '2024-12-31',
      valeurCible: '65 %',
      dateCible: '2029-12-31',
      source: 'PMSI',
      periodicite: 'annuelle',
    });
    const delai = addIndicator(doc, ficheUrgences, {
      indicateur: 'Durée médiane de passage aux urgences',
      methode: 'Calcul annuel',
      valeurOrigine: '10 jours',
      dateOrigine: '2024-12-31',
      valeurCible: '5 jours',
      dateCible: '2029-12-31',
    });
    const sejours = addIndicator(doc, ficheCancer, {
      indicateur: 'Séjours de chimiothérapie en HAD (nombre)',
      methode: 'Calcul annuel',
      valeurOrigine: '120',
      dateOrigine: '2024-12-31',
      valeurCible: '220',
      dateCible: '2029-12-31',
    });
    const budget = addIndicator(doc, 'suivi-evaluation', {
      indicateur: 'Dépenses d’intérim médical',
      methode: 'Calcul annuel',
      valeurOrigine: '1 000 000 €',
      dateOrigine: '2024-12-31',
      valeurCible: '500 000 €',
      dateCible: '2029-12-31',
    });
    const depistage = addIndicator(doc, 'suivi-evaluation', {
      indicateur: 'Taux de participation au dépistage',
      methode: 'Calcul annuel',
      valeurOrigine: 'à établir',
      dateOrigine: '2025-12-31',
      valeurCible: '70 %',
      dateCible: '2029-12-31',
    });
    for (let n = 1; n <= (input.extraIndicators ?? 0); n++) {
      addIndicator(doc, 'suivi-evaluation', {
        indicateur: `Indicateur n° ${n}`,
        methode: 'Calcul annuel',
        valeurOrigine: '40 %',
        dateOrigine: '2024-12-31',
        valeurCible: '65 %',
        dateCible: '2029-12-31',
      });
    }
    out = {
      filieres: { cancer, urgences },
      fiches: { cancer: ficheCancer, urgences: ficheUrgences },
      etapes: { cancerDone, cancerLate, urgencesFuture },
      indicators: { ambulatoire, delai, sejours, budget, depistage },
    };
  });
  const version = await freeze(server, projectId, 'Projet médical partagé — version adoptée');
  await adoptPmpVersion(server, { ght, pmpId: projectId, versionId: version.id, arsReader: { ...arsReader, password: '' } });
  return { ght, support, member, projectId, versionId: version.id, versionHash: version.hash, arsReader, ...out };
}
