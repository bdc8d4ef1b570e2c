import type { PathStep } from '../../server/governance/paths';

/**
 * One docs/GOVERNANCE.md table row per path step: step, instance, act, basis, configurable.
 * The docs are checked against the path data through this rendering.
 */
export const tableHeader = ['| step | instance | act | basis | configurable |', '|---|---|---|---|---|'];

export function stepRow(step: PathStep): string {
  const where = step.scope === 'members' ? ` — in each member ${(step.memberCategories ?? ['EPS', 'ESMS', 'HIA']).join(', ')}` : '';
  const instance = `${step.instanceKinds.join(' or ')}${where}`;
  const requires = step.requires.length ? ` (after ${step.requires.map((r) => `\`${r}\``).join(', ')})` : '';
  const act = `${step.act}${requires}`;
  const configurable = !step.required
    ? `yes — optional${step.extension ? ` (${step.extension})` : ''}`
    : step.configurable
      ? 'yes — required by default'
      : 'no — required';
  return `| \`${step.id}\` | ${instance} | ${act} | ${step.basis} | ${configurable} |`;
}
