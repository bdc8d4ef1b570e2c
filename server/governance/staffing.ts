import type { Staffing } from '../../schemas/api/governanceViews';
import type { Deps } from '../deps';
import type { StepState } from './progress';

export type { Staffing } from '../../schemas/api/governanceViews';

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/**
 * Where a missing role or instance blocks the path (issue 18): each required step recorded at a
 * séance (stage `before`) and not yet done is carried by the instances of its kinds in its
 * organisation (the member établissement for a member step, else the project's); without any,
 * or when none of them has a secretary (named for it or for every instance), nobody can plan
 * the séance nor record the act but an administrator.
 */
export function staffingOf(deps: Pick<Deps, 'store'>, projectOrganisationId: string | null, steps: StepState[]): Staffing {
  let withoutSecretary = 0;
  let withoutInstance = 0;
  for (const step of steps) {
    if (!step.required || step.stage !== 'before' || step.status === 'done') continue;
    const organisationId = step.organisationId ?? projectOrganisationId;
    if (!organisationId) continue;
    const instances = deps.store.instances.ofOrganisation(organisationId).filter((i) => step.instanceKinds.includes(i.kind));
    if (instances.length === 0) withoutInstance++;
    else if (instances.every((i) => deps.store.instances.secretaryIds(i).length === 0)) withoutSecretary++;
  }
  const warnings: string[] = [];
  if (withoutSecretary > 0) {
    warnings.push(
      `${withoutSecretary} ${plural(withoutSecretary, 'étape requise est portée par une instance sans secrétaire', 'étapes requises sont portées par des instances sans secrétaire')} : désignez-en dans l’organisation ou sur l’instance.`,
    );
  }
  if (withoutInstance > 0) {
    warnings.push(
      `${withoutInstance} ${plural(withoutInstance, 'étape requise revient à une instance qui n’existe pas', 'étapes requises reviennent à des instances qui n’existent pas')} : créez les instances réglementaires de l’organisation.`,
    );
  }
  return { withoutSecretary, withoutInstance, warnings };
}
