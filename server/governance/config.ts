import type { GovernanceConfig, GovernanceOverrides } from '../../schemas/api/governanceSettings';
import type { DocumentKind } from '../../schemas/project';
import { defaultPaths, type PathStep } from './paths';

// The settings' shapes are part of the API (GET and PUT /api/organisations/:id/governance).
export { type GovernanceConfig, GovernanceOverrides } from '../../schemas/api/governanceSettings';

const copyPath = (path: readonly PathStep[]): PathStep[] =>
  path.map((s) => ({
    ...s,
    instanceKinds: [...s.instanceKinds],
    requires: [...s.requires],
    ...(s.memberCategories ? { memberCategories: [...s.memberCategories] } : {}),
  }));

export function defaultConfig(kind: DocumentKind): GovernanceConfig {
  return {
    path: copyPath(defaultPaths[kind]),
    convocationDays: { CMG: 7 },
    minMeetingsPerYear: { CMG: 4 },
    tacitApprovalMonths: 2,
    atRiskDays: 30,
    reminders: { convocationLeadDays: 3, upcomingSeanceDays: 7, missingActAfterDays: 1, coherenceAfterAvenantMonths: 6 },
  };
}

/** Defaults, then the organisation's settings for every kind, then those for this kind. */
export function resolveConfig(kind: DocumentKind, layers: (GovernanceOverrides | undefined)[]): GovernanceConfig {
  const config = defaultConfig(kind);
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.followsPathOf) config.path = copyPath(defaultPaths[layer.followsPathOf]);
    if (layer.path) config.path = copyPath(layer.path);
    if (layer.convocationDays) config.convocationDays = { ...config.convocationDays, ...layer.convocationDays };
    if (layer.minMeetingsPerYear) config.minMeetingsPerYear = { ...config.minMeetingsPerYear, ...layer.minMeetingsPerYear };
    if (layer.tacitApprovalMonths !== undefined) config.tacitApprovalMonths = layer.tacitApprovalMonths;
    if (layer.atRiskDays !== undefined) config.atRiskDays = layer.atRiskDays;
    if (layer.reminders) config.reminders = { ...config.reminders, ...layer.reminders };
  }
  return config;
}

/**
 * The steps a step waits for: its own `requires`, plus, for a transmission to the ARS, every
 * required `before` step placed before it (the PMP goes to the ARS after the CMG's avis, the
 * signed convention after every member's sequence and the signature).
 */
export function prerequisitesOf(config: GovernanceConfig, stepId: string): PathStep[] {
  const index = config.path.findIndex((s) => s.id === stepId);
  const target = config.path[index];
  if (!target) return [];
  const ids = new Set(target.requires);
  if (target.stage === 'transmission') config.path.slice(0, index).forEach((s) => s.stage === 'before' && s.required && ids.add(s.id));
  return config.path.filter((s) => ids.has(s.id) && s.id !== stepId);
}
