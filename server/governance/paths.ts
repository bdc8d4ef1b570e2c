import type { ActKind, InstanceKind } from '../../schemas/governance';
import type { DocumentKind } from '../../schemas/project';
import type { PathStep } from '../../schemas/api/governanceSettings';

export type { PathStep } from '../../schemas/api/governanceSettings';

type Options = Partial<Omit<PathStep, 'id' | 'instanceKinds' | 'act' | 'basis'>>;

const step = (id: string, instanceKinds: InstanceKind[], act: ActKind, basis: string, options: Options = {}): PathStep => ({
  id,
  instanceKinds,
  act,
  scope: 'project',
  required: true,
  stage: 'before',
  requires: [],
  basis,
  ...options,
});

/** The CSE, or AP-HP's CSE central (the CTEC is gone since décret 2021-1570). */
const cse: InstanceKind[] = ['CSE', 'CSE_CENTRAL'];

/** In each member public hospital (R6132-6 1°): Directoire, then CSE, CME, CSIRMT, then conseil de surveillance. */
const epsSequence: PathStep[] = [
  step('etab-directoire-concertation', ['DIRECTOIRE'], 'concertation', 'R6132-6 1°', { scope: 'members', memberCategories: ['EPS'] }),
  step('etab-cse-avis', cse, 'avis', 'R6132-6 1°', { scope: 'members', memberCategories: ['EPS'], requires: ['etab-directoire-concertation'] }),
  step('etab-cme-avis', ['CME'], 'avis', 'R6132-6 1°', { scope: 'members', memberCategories: ['EPS'], requires: ['etab-directoire-concertation'] }),
  step('etab-csirmt-avis', ['CSIRMT'], 'avis', 'R6132-6 1°', { scope: 'members', memberCategories: ['EPS'], requires: ['etab-directoire-concertation'] }),
  step('etab-cs-avis', ['CONSEIL_SURVEILLANCE'], 'avis', 'R6132-6 1°', {
    scope: 'members',
    memberCategories: ['EPS'],
    requires: ['etab-cse-avis', 'etab-cme-avis', 'etab-csirmt-avis'],
  }),
];

/** In each member public ESMS, such as a public EHPAD (R6132-6 2°): CSE avis, then délibération of its conseil d'administration. */
const esmsSequence: PathStep[] = [
  step('esms-cse-avis', cse, 'avis', 'R6132-6 2°', { scope: 'members', memberCategories: ['ESMS'] }),
  step('esms-ca-deliberation', ['CONSEIL_ADMINISTRATION'], 'deliberation', 'R6132-6 2°', {
    scope: 'members',
    memberCategories: ['ESMS'],
    requires: ['esms-cse-avis'],
  }),
];

/** In an associated military hospital (R6132-6 3°): avis of the médecin-chef. */
const hiaSequence: PathStep[] = [step('hia-medecin-chef-avis', ['MEDECIN_CHEF'], 'avis', 'R6132-6 3°', { scope: 'members', memberCategories: ['HIA'] })];

/**
 * The convention (or its avenant) with the PMP: sent to the ARS for information before signature
 * (L6132-2 II 1°), adopted in every member (R6132-6), signed, then the signed text submitted to
 * the ARS, whose silence two months after its receipt is approval; then published.
 */
const conventionSteps = (elaboration: PathStep[]): PathStep[] => [
  ...elaboration,
  step('ars-information', ['DIRECTION'], 'transmission', 'L6132-2 II 1° (le PMP est transmis à l’ARS avant la signature)', { stage: 'transmission' }),
  ...epsSequence,
  ...esmsSequence,
  ...hiaSequence,
  step('signature', ['DIRECTION'], 'signature', 'R6132-6, L6132-2 II 1°', {
    requires: ['ars-information', 'etab-cs-avis', 'esms-ca-deliberation', 'hia-medecin-chef-avis'],
  }),
  step('ars-soumission', ['DIRECTION'], 'soumission', 'R6132-6 (convention ou avenant signé soumis au directeur général de l’ARS)', {
    stage: 'transmission',
    requires: ['signature'],
  }),
  step('ars-accuse-reception', ['DIRECTION'], 'accuse_reception', 'R6132-6 (approbation tacite deux mois après réception)', {
    stage: 'transmission',
    requires: ['ars-soumission'],
    ordered: true,
    startsTacitApproval: true,
  }),
  step('publication', ['DIRECTION'], 'publication', 'R6132-6', { stage: 'after', required: false, requires: ['ars-accuse-reception'], ordered: true }),
  step('comite-elus-presentation', ['COMITE_ELUS'], 'presentation', 'R6132-13', { stage: 'after', required: false }),
];

const pmElaboration = [
  step('cme-presentation', ['CME'], 'presentation', 'L6144-1', { required: false }),
  step('cme-avis', ['CME'], 'avis', 'L6144-1 (la CME élabore le projet médical avec le directeur), D6143-37-1'),
  step('directoire-concertation', ['DIRECTOIRE'], 'concertation', 'L6143-7-4', { required: false }),
  step('directoire-approbation', ['DIRECTOIRE'], 'approbation', 'L6143-7-4', { requires: ['cme-avis'] }),
];

/**
 * PM: elaborated by the CME, approved by the Directoire; that ends its own path, with no ARS
 * step. The optional extension puts it in the projet d'établissement (L6143-2), on which the CSE
 * (mandatory before) and the CME give their avis and the conseil de surveillance deliberates.
 */
const pmPath: PathStep[] = [
  ...pmElaboration,
  step('pe-cse-avis', cse, 'avis', 'décret 2021-1570 art. 36 8° (projet d’établissement)', {
    required: false,
    extension: 'projet-etablissement',
    requires: ['directoire-approbation'],
  }),
  step('pe-cme-avis', ['CME'], 'avis', 'R6144-1 I 1° (projet d’établissement)', {
    required: false,
    extension: 'projet-etablissement',
    requires: ['directoire-approbation'],
    ordered: true,
  }),
  step('pe-cs-deliberation', ['CONSEIL_SURVEILLANCE'], 'deliberation', 'L6143-1 (projet d’établissement)', {
    required: false,
    extension: 'projet-etablissement',
    requires: ['pe-cse-avis', 'pe-cme-avis'],
  }),
];

const pmpElaboration = [
  step('cmg-presentation', ['CMG'], 'presentation', 'D6132-9 I', { required: false }),
  step('cmg-avis', ['CMG'], 'avis', 'L6132-2-1, D6132-9 I (la CMG élabore le PMP)'),
  step('comite-strategique-concertation', ['COMITE_STRATEGIQUE'], 'concertation', 'L6132-2 II 3°, R6132-10', { configurable: true }),
];

const pspElaboration = [step('csirmt-groupement-avis', ['CSIRMT_GROUPEMENT'], 'avis', 'R6132-12 (selon la convention)', { configurable: true })];

/** PSP: as the convention organises it (R6132-12); an organisation that places it in the convention sets `followsPathOf: 'PMP'`. */
const pspPath: PathStep[] = pspElaboration;

/** PSIRMT: drafted by the coordonnateur général des soins, avis of the CSIRMT, then the Directoire. */
const psirmtPath: PathStep[] = [
  step('csirmt-avis', ['CSIRMT'], 'avis', 'R6146-10 (non vérifié)', { configurable: true }),
  step('directoire-concertation', ['DIRECTOIRE'], 'concertation', 'L6143-7-4', { requires: ['csirmt-avis'], configurable: true }),
];

/**
 * Bilan annuel: the PCME presents the PM's to the CME (D6143-37-1), the PCMG the PMP's to the
 * comité stratégique (D6132-9-9). One step whose instance is whichever the bilan's organisation
 * has: an établissement's CME, a GHT's comité stratégique.
 */
const bilanPath: PathStep[] = [
  step(
    'bilan-presentation',
    ['CME', 'COMITE_STRATEGIQUE'],
    'presentation',
    'D6143-37-1 (bilan du PM à la CME), D6132-9-9 (bilan du PMP au comité stratégique)',
  ),
];

/** Defaults (docs/GOVERNANCE.md, « Paths »): the path each document kind takes through the instances. */
export const defaultPaths: Record<DocumentKind, readonly PathStep[]> = {
  PM: pmPath,
  PMP: conventionSteps(pmpElaboration),
  PSP: pspPath,
  PSIRMT: psirmtPath,
  PMSP: conventionSteps([...pmpElaboration, ...pspElaboration]),
  BILAN: bilanPath,
};

/**
 * Alternatives the law leaves to the GHT's convention: not in any default path, set by an
 * organisation's `path` (the instance kinds exist for them).
 */
export const configurableAlternatives: readonly { label: string; instanceKinds: InstanceKind[]; basis: string }[] = [
  { label: 'commission commune médico-soignante', instanceKinds: ['COMMISSION_MEDICO_SOIGNANTE'], basis: 'R6132-5-1' },
  {
    label: 'commissions unifiées du groupement remplaçant la CME et la CSIRMT des membres',
    instanceKinds: ['CMUG', 'CSIRMTUG'],
    basis: 'L6132-2-3 à L6132-2-6, D6132-13-8',
  },
  { label: 'conférence territoriale de dialogue social', instanceKinds: ['CONFERENCE_DIALOGUE_SOCIAL'], basis: 'R6132-14' },
  { label: 'commission des usagers', instanceKinds: ['CDU'], basis: 'L6144-1 (rapport annuel de la CDU), convention' },
];
