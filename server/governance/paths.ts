import type { ActKind, InstanceKind } from '../../schemas/governance';
import type { DocumentKind } from '../../schemas/project';

/**
 * One step of the approval path: an act by an instance. `scope` says whose instance: the
 * project's own organisation (`project`), or each member établissement of the GHT (`members`,
 * the per-establishment sequence of R6132-6). `requires` names steps that must be recorded
 * first, on the same version (and in the same établissement when both are `members` steps).
 * A `transmission` step also requires every required `before` step.
 */
export interface PathStep {
  id: string;
  instanceKinds: InstanceKind[];
  act: ActKind;
  scope: 'project' | 'members';
  required: boolean;
  stage: 'before' | 'transmission' | 'after';
  requires: string[];
  /** Legal basis shown to users. */
  basis?: string;
}

const step = (
  id: string,
  instanceKinds: InstanceKind[],
  act: ActKind,
  options: Partial<Omit<PathStep, 'id' | 'instanceKinds' | 'act'>> = {},
): PathStep => ({ id, instanceKinds, act, scope: 'project', required: true, stage: 'before', requires: [], ...options });

const cse: InstanceKind[] = ['CSE', 'CTEC'];

/** Transmission to the ARS, its receipt (which starts the 2-month clock) and the convention. */
const transmissionSteps = (options: { signature: boolean; required: boolean }): PathStep[] => [
  step('transmission', ['DIRECTION'], 'transmission', { stage: 'transmission', required: options.required, basis: 'L6132-2, R6132-6' }),
  step('accuse-reception', ['DIRECTION'], 'accuse_reception', { stage: 'after', required: options.required, requires: ['transmission'], basis: 'R6132-6' }),
  ...(options.signature
    ? [step('signature', ['DIRECTION'], 'signature', { stage: 'after', requires: ['transmission'], basis: 'R6132-6 (la transmission à l’ARS précède la signature de la convention)' })]
    : []),
];

/** The sequence each member établissement goes through for a shared project (R6132-6). */
const memberSequence: PathStep[] = [
  step('etab-directoire-concertation', ['DIRECTOIRE'], 'concertation', { scope: 'members', basis: 'R6132-6' }),
  step('etab-cse-avis', cse, 'avis', { scope: 'members', requires: ['etab-directoire-concertation'], basis: 'R6132-6' }),
  step('etab-cme-avis', ['CME'], 'avis', { scope: 'members', requires: ['etab-directoire-concertation'], basis: 'R6132-6' }),
  step('etab-csirmt-avis', ['CSIRMT'], 'avis', { scope: 'members', requires: ['etab-directoire-concertation'], basis: 'R6132-6' }),
  step('etab-cs-avis', ['CONSEIL_SURVEILLANCE'], 'avis', {
    scope: 'members',
    requires: ['etab-cse-avis', 'etab-cme-avis', 'etab-csirmt-avis'],
    basis: 'R6132-6',
  }),
];

const pmPath: PathStep[] = [
  step('cme-presentation', ['CME'], 'presentation', { required: false, basis: 'L6144-1' }),
  step('cme-avis', ['CME'], 'avis', { basis: 'L6144-1, R6144-1' }),
  step('directoire-concertation', ['DIRECTOIRE'], 'concertation', { required: false, basis: 'L6143-7-4' }),
  step('directoire-approbation', ['DIRECTOIRE'], 'approbation', { requires: ['cme-avis'], basis: 'L6143-7-4' }),
  step('cse-consultation', cse, 'consultation', { required: false, basis: 'R6144-1 (projet d’établissement)' }),
  step('cs-deliberation', ['CONSEIL_SURVEILLANCE'], 'deliberation', { requires: ['cme-avis', 'directoire-approbation'], basis: 'L6143-1' }),
  ...transmissionSteps({ signature: false, required: true }),
];

const pmpPath: PathStep[] = [
  step('cmg-presentation', ['CMG'], 'presentation', { required: false, basis: 'D6132-9' }),
  step('cmg-avis', ['CMG'], 'avis', { basis: 'D6132-9' }),
  step('comite-strategique-concertation', ['COMITE_STRATEGIQUE'], 'concertation', { required: false, basis: 'D6132-9-1' }),
  ...memberSequence,
  ...transmissionSteps({ signature: true, required: true }),
  step('comite-elus-presentation', ['COMITE_ELUS'], 'presentation', { required: false, stage: 'after', basis: 'R6132-13' }),
];

const pspPath: PathStep[] = [
  step('csirmt-groupement-avis', ['CSIRMT_GROUPEMENT'], 'avis', { basis: 'R6132-12' }),
  ...transmissionSteps({ signature: false, required: true }),
];

const psirmtPath: PathStep[] = [
  step('csirmt-avis', ['CSIRMT'], 'avis', { basis: 'R6146-10 (à confirmer)' }),
  step('directoire-concertation', ['DIRECTOIRE'], 'concertation', { required: false }),
  ...transmissionSteps({ signature: false, required: false }),
];

const pmspPath: PathStep[] = [
  step('cmg-presentation', ['CMG'], 'presentation', { required: false, basis: 'D6132-9' }),
  step('cmg-avis', ['CMG'], 'avis', { basis: 'D6132-9' }),
  step('csirmt-groupement-avis', ['CSIRMT_GROUPEMENT'], 'avis', { basis: 'R6132-12' }),
  step('comite-strategique-concertation', ['COMITE_STRATEGIQUE'], 'concertation', { required: false, basis: 'D6132-9-1' }),
  ...memberSequence,
  ...transmissionSteps({ signature: true, required: true }),
  step('comite-elus-presentation', ['COMITE_ELUS'], 'presentation', { required: false, stage: 'after', basis: 'R6132-13' }),
];

/** BRIEF §3 defaults: the path each document kind takes through the instances. */
export const defaultPaths: Record<DocumentKind, readonly PathStep[]> = {
  PM: pmPath,
  PMP: pmpPath,
  PSP: pspPath,
  PSIRMT: psirmtPath,
  PMSP: pmspPath,
};
