import { fragmentName, sectionsMap } from '../../schemas/docLayout';
import { loadRichText, richText } from '../richText/runtime';
import { createUser } from '../commands/accounts';
import {
  createDemoAccountWithoutPassword,
  createDemoInstance,
  createDemoOrganisation,
  endDemoRoles,
  grantDemoRole,
  writeDemoText,
} from '../commands/demoSeeding';
import type { Deps } from '../deps';
import { createProject, setMemberRole } from '../commands/projects';
import { demoPmpContent, demoPmpTitle } from './demoContent';
import { seedDemoAdoptedPmp } from './demoAdoption';
import { seedDemoGovernance } from './demoGovernance';

export interface DemoLogin {
  email: string;
  password: string;
  who: string;
}

/** One password for every demo account: it is printed on start and only exists in demo mode. */
export const demoPassword = 'demo-pmp-2026';

const people = [
  { key: 'pcmg', email: 'claire.martin@demo.ght.fr', name: 'Dr Claire Martin', who: 'présidente de la CMG (coordonnatrice du PMP)' },
  { key: 'dg', email: 'marc.leroy@demo.ght.fr', name: 'Marc Leroy', who: 'directeur général de l’établissement support (coordonnateur)' },
  { key: 'author', email: 'sophie.bernard@demo.ght.fr', name: 'Dr Sophie Bernard', who: 'cheffe du pôle urgences (rédactrice)' },
  { key: 'secretary', email: 'julie.petit@demo.ght.fr', name: 'Julie Petit', who: 'secrétaire de la CME et de la CMG (lectrice)' },
  { key: 'ars', email: 'lecteur@demo.ars.fr', name: 'Lecteur ARS Île-de-France', who: 'lecteur ARS' },
] as const;

const establishmentInstances = [
  ['CME', 'Commission médicale d’établissement'],
  ['CSE', 'Comité social d’établissement'],
  ['DIRECTOIRE', 'Directoire'],
  ['CSIRMT', 'Commission des soins infirmiers, de rééducation et médico-techniques'],
  ['CONSEIL_SURVEILLANCE', 'Conseil de surveillance'],
] as const;

/** A public EHPAD member gives a CSE avis, then its conseil d'administration deliberates (R6132-6 2°). */
const esmsInstances = [
  ['CSE', 'Comité social d’établissement'],
  ['CONSEIL_ADMINISTRATION', 'Conseil d’administration'],
] as const;

const ghtInstances = [
  ['CMG', 'Commission médicale de groupement'],
  ['COMITE_STRATEGIQUE', 'Comité stratégique du GHT'],
  ['CSIRMT_GROUPEMENT', 'CSIRMT de groupement'],
  ['COMITE_ELUS', 'Comité territorial des élus locaux'],
  // Holds the director's acts: transmission to the ARS, its receipt, the convention's signature.
  ['DIRECTION', 'Direction du GHT (établissement support)'],
] as const;

export const demoLogins = (): DemoLogin[] => people.map((p) => ({ email: p.email, password: demoPassword, who: p.who }));

/**
 * Seeds an empty database with a demo GHT (support establishment, two hospital members and a
 * public EHPAD, their instances, a few users), its PMP 2021–2025 in force (adopted, with its
 * follow-up: demoAdoption.ts) and its successor 2026–2030 in draft, with content. Does nothing
 * when organisations exist.
 */
export async function seedDemo(deps: Deps): Promise<DemoLogin[]> {
  const { store } = deps;
  if (store.organisations.list().length > 0) {
    return store.users.findByEmail(people[0].email) ? demoLogins() : [];
  }
  await loadRichText();
  const ids: Record<string, string> = {};
  for (const person of people) {
    ids[person.key] = await createUser(deps, { email: person.email, name: person.name, password: demoPassword });
  }

  // The GHT's secretariat entered the séances and acts of the PMP in force, before the demo's
  // people used the workbench: it has no password (nobody signs in with it), and its roles end
  // once the history is entered.
  const history = createDemoAccountWithoutPassword(deps, { email: 'secretariat.instances@demo.ght.fr', name: 'Secrétariat des instances du GHT' });
  let ghtId = '';
  store.transaction(() => {
    const ght = createDemoOrganisation(deps, { name: 'GHT Seine-Essonne', kind: 'GHT' });
    ghtId = ght;
    const support = createDemoOrganisation(deps, { name: 'Centre hospitalier de Corbeil-Seine', kind: 'etablissement', parentId: ght, isSupport: true });
    const etampes = createDemoOrganisation(deps, { name: 'Centre hospitalier d’Étampes-Juine', kind: 'etablissement', parentId: ght });
    const milly = createDemoOrganisation(deps, { name: 'Hôpital de proximité de Milly-la-Forêt', kind: 'etablissement', parentId: ght });
    const ehpad = createDemoOrganisation(deps, { name: 'EHPAD public Les Tilleuls de Dourdan', kind: 'etablissement', parentId: ght, type: 'ESMS' });
    const ars = createDemoOrganisation(deps, { name: 'ARS Île-de-France', kind: 'ARS' });
    for (const org of [support, etampes, milly]) {
      for (const [kind, name] of establishmentInstances) createDemoInstance(deps, org, kind, name);
    }
    for (const [kind, name] of esmsInstances) createDemoInstance(deps, ehpad, kind, name);
    const ghtInstanceIds = ghtInstances.map(([kind, name]) => createDemoInstance(deps, ght, kind, name));
    const cme = createDemoInstance(deps, support, 'CME', 'Commission médicale d’établissement (séances communes)');
    for (const key of ['pcmg', 'dg', 'author', 'secretary'] as const) grantDemoRole(deps, support, ids[key]!, 'member');
    grantDemoRole(deps, support, ids.secretary!, 'secretary', cme);
    grantDemoRole(deps, ght, ids.secretary!, 'secretary', ghtInstanceIds[0]);
    grantDemoRole(deps, ars, ids.ars!, 'ars_reader');
    for (const org of [ght, support, etampes, milly, ehpad]) grantDemoRole(deps, org, history, 'secretary');
  });
  const user = (key: string) => store.users.get(ids[key]!)!;
  // The PMP in force first: the draft that succeeds it is the newest project, listed first.
  seedDemoAdoptedPmp(deps, {
    ghtId,
    people: {
      pcmg: user('pcmg'),
      dg: user('dg'),
      urgentiste: user('author'),
      secretary: user('secretary'),
      history: store.users.get(history)!,
      arsReader: user('ars'),
    },
  });
  // The history entered, the secretariat's account keeps no role: it is no one to assign or to convene.
  endDemoRoles(deps, history);
  store.transaction(() => {
    const pcmg = user('pcmg');
    const projectId = createProject(deps, pcmg, { kind: 'PMP', title: demoPmpTitle, organisationId: ghtId });
    setMemberRole(deps, pcmg, { projectId, userId: ids.dg!, role: 'coordinator' });
    setMemberRole(deps, pcmg, { projectId, userId: ids.author!, role: 'editor' });
    setMemberRole(deps, pcmg, { projectId, userId: ids.secretary!, role: 'reader' });
    writeDemoContent(deps, projectId);
    seedDemoGovernance(deps, { projectId, ghtId, coordinator: pcmg, secretaryId: ids.secretary! });
  });
  deps.logger.info('demo GHT seeded');
  return demoLogins();
}

function writeDemoContent(deps: Deps, projectId: string): void {
  const { writeFragment } = richText();
  writeDemoText(deps, projectId, (doc) => {
    for (const [sectionId, content] of Object.entries(demoPmpContent)) {
      writeFragment(content, doc.getXmlFragment(fragmentName(sectionId)));
      sectionsMap(doc).get(sectionId)?.set('status', 'en_cours');
    }
  });
}
