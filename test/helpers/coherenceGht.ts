import * as Y from 'yjs';
import { modalities, type ModalityId } from '../../schemas/modalities';
import { pmpItemField } from '../../schemas/pmpLinks';
import { sharedText } from '../../schemas/sharedText';
import { etablissementsOf, fichesActionsMap, filieresMap, matrixKey, objectifsMap } from '../../schemas/structured';
import { addObjectif } from '../../schemas/structuredEdits';
import { parisDate } from '../../server/governance/parisTime';
import { approvePm, elaboratePmp, memberSequences, signConvention } from './adoption';
import { createProject, daysAgo, fillProject, freeze } from './exportFixtures';
import type { TestServer } from './testServer';

/**
 * The GHT of the cohérence tests (issue 24, item 4): a PMP of three filières whose matrix assigns
 * modalities per établissement, adopted to its end (the ARS received the signed convention), and
 * two member PMs adopted by their Directoire. Vallée-Haute's PM covers the three filières; Vallée-
 * Basse's covers Cardiologie and Gériatrie only, and mentions ambulatory care but not HAD.
 */
export type Person = { id: string; email: string; cookie: string; password: string };

export interface CoherenceGht {
  ght: string;
  haute: string;
  basse: string;
  ars: string;
  pcmg: Person;
  pcmeHaute: Person;
  pcmeBasse: Person;
  arsReader: Person;
  pmpId: string;
  pmpVersionId: string;
  filieres: { cardio: string; geria: string; psy: string };
  pmHaute: string;
  pmBasse: string;
}

/** Modalities written per établissement and filière; every other cell says « Sans objet ». */
type Declinations = Record<'haute' | 'basse', ModalityId[]>;
const matrices: { id: keyof CoherenceGht['filieres']; name: string; declinations: Declinations }[] = [
  { id: 'cardio', name: 'Cardiologie', declinations: { haute: ['plateaux-techniques', 'urgences-soins-non-programmes'], basse: ['consultations-externes'] } },
  {
    id: 'geria',
    name: 'Gériatrie',
    declinations: { haute: ['ambulatoire-hospitalisation'], basse: ['ambulatoire-hospitalisation', 'hospitalisation-domicile'] },
  },
  { id: 'psy', name: 'Santé mentale', declinations: { haute: ['consultations-externes'], basse: ['permanence-continuite', 'medico-social'] } },
];

/** Replaces the sample filières with the three above (fiches-actions follow the first). */
function writePmpFilieres(doc: Y.Doc, ids: { haute: string; basse: string }): Record<keyof CoherenceGht['filieres'], string> {
  const sectionId = [...filieresMap(doc).values()][0]!.get('sectionId') as string;
  for (const key of [...filieresMap(doc).keys()]) filieresMap(doc).delete(key);
  const created = {} as Record<keyof CoherenceGht['filieres'], string>;
  matrices.forEach(({ id, name, declinations }, index) => {
    const record = new Y.Map<unknown>();
    record.set('sectionId', sectionId);
    record.set('name', sharedText(name));
    record.set('description', sharedText(`Filière ${name.toLowerCase()} du GHT.`));
    record.set('position', index + 1);
    const matrix = new Y.Map<unknown>();
    for (const etablissement of etablissementsOf(doc)) {
      const side = etablissement.id === ids.haute ? 'haute' : 'basse';
      for (const m of modalities)
        matrix.set(
          matrixKey(m.id, etablissement.id),
          sharedText(declinations[side].includes(m.id) ? `${m.shortLabel} : assuré par ${etablissement.name}.` : 'Sans objet.'),
        );
    }
    record.set('matrix', matrix);
    const recordId = `filiere-${id}`;
    filieresMap(doc).set(recordId, record);
    created[id] = recordId;
  });
  for (const fiche of fichesActionsMap(doc).values()) fiche.set('filiereId', created.cardio);
  return created;
}

/** How far a member's PM went: adopted by its Directoire, still a draft, or not created. */
export type PmState = 'adopted' | 'draft' | 'none';

/** A PM (adopted by its Directoire after the CME's avis, unless `state` says otherwise), its objectifs linked as given. */
async function memberPm(
  server: TestServer,
  pcme: Person,
  etablissement: string,
  title: string,
  objectifs: [string, string][],
  state: PmState,
): Promise<string> {
  if (state === 'none') return '';
  const pm = await createProject(server, pcme.cookie, { kind: 'PM', title, organisationId: etablissement });
  server.deps.registry.get(pm).change((doc) => {
    for (const [label, cited] of objectifs)
      objectifsMap(doc)
        .get(addObjectif(doc, 'objectifs-medicaux', 'axe', label))!
        .set(pmpItemField, cited);
  });
  if (state === 'draft') return pm;
  const versionId = (await freeze(server, pm, 'Projet médical arrêté')).id;
  await approvePm(server, { etablissement, projectId: pm, versionId, avisOn: daysAgo(3), approvedOn: daysAgo(2) });
  return pm;
}

/** The PMP's version taken through its whole path: elaboration, information, members, signature, submission, receipt. */
export async function adoptPmpVersion(server: TestServer, input: { ght: string; pmpId: string; versionId: string; arsReader: Person }): Promise<void> {
  const { ght, pmpId, versionId } = input;
  const submit = async () => {
    const res = await server.api('POST', `/api/projects/${pmpId}/submissions`, { cookie: server.adminCookie, body: { versionId } });
    if (res.status !== 201) throw new Error(`submission: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  await elaboratePmp(server, { ght, projectId: pmpId, versionId, date: daysAgo(20) });
  await submit();
  await memberSequences(server, { ght, projectId: pmpId, versionId, date: daysAgo(5) });
  await signConvention(server, { ght, projectId: pmpId, versionId, date: parisDate(new Date()) });
  const signed = await submit();
  const receipt = await server.api('POST', `/api/submissions/${signed.id}/receipt`, { cookie: input.arsReader.cookie, body: {} });
  if (receipt.status !== 201) throw new Error(`receipt: ${receipt.status} ${JSON.stringify(receipt.body)}`);
}

/** `pms` says how far each member's PM went (both adopted by default); a PM not created has the id ''. */
export async function coherenceGht(server: TestServer, pms: { haute?: PmState; basse?: PmState } = {}): Promise<CoherenceGht> {
  const orgs = server.deps.store.organisations;
  const ght = orgs.create({ name: 'GHT des Trois-Vallées', kind: 'GHT' });
  const haute = orgs.create({ name: 'CH de Vallée-Haute', kind: 'etablissement', parentId: ght, isSupport: true });
  const basse = orgs.create({ name: 'Hôpital de Vallée-Basse', kind: 'etablissement', parentId: ght });
  const ars = orgs.create({ name: 'ARS des Trois-Vallées', kind: 'ARS' });
  server.deps.store.submissions.setArs(ght, ars);
  // The direction records the transmissions to the ARS: it must exist before the first one.
  orgs.createInstance(ght, 'DIRECTION', 'Direction du GHT des Trois-Vallées');
  // server.user gives each person the password `password-of-<name>`.
  const person = async (name: string): Promise<Person> => ({ ...(await server.user(name)), password: `password-of-${name}` });
  const pcmg = await person('Dr Claire Martin PCMG');
  const pcmeHaute = await person('Dr Henri Haute PCME');
  const pcmeBasse = await person('Dr Berthe Basse PCME');
  const arsReader = await person('Lecteur ARS');
  orgs.grantRole(ght, pcmg.id, 'member');
  orgs.grantRole(haute, pcmeHaute.id, 'member');
  orgs.grantRole(basse, pcmeBasse.id, 'member');
  orgs.grantRole(ars, arsReader.id, 'ars_reader');

  const pmpId = await createProject(server, pcmg.cookie, { kind: 'PMP', title: 'PMP des Trois-Vallées 2026–2030', organisationId: ght });
  fillProject(server, pmpId, 3);
  let filieres = {} as CoherenceGht['filieres'];
  server.deps.registry.get(pmpId).change((doc) => (filieres = writePmpFilieres(doc, { haute, basse })));
  const pmpVersionId = (await freeze(server, pmpId, 'PMP soumis aux instances')).id;
  await adoptPmpVersion(server, { ght, pmpId, versionId: pmpVersionId, arsReader });

  const pmHaute = await memberPm(
    server,
    pcmeHaute,
    haute,
    'Projet médical de Vallée-Haute',
    [
      ['Plateaux techniques de cardiologie interventionnelle et urgences et soins non programmés', filieres.cardio],
      ['Gériatrie : hospitalisation de jour et ambulatoire', filieres.geria],
      ['Consultations avancées de psychiatrie', filieres.psy],
    ],
    pms.haute ?? 'adopted',
  );
  const pmBasse = await memberPm(
    server,
    pcmeBasse,
    basse,
    'Projet médical de Vallée-Basse',
    [
      ['Consultations de cardiologie de proximité', filieres.cardio],
      ['Développer l’hospitalisation de jour gériatrique (ambulatoire)', filieres.geria],
    ],
    pms.basse ?? 'adopted',
  );
  return { ght, haute, basse, ars, pcmg, pcmeHaute, pcmeBasse, arsReader, pmpId, pmpVersionId, filieres, pmHaute, pmBasse };
}
