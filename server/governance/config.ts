import { z } from 'zod';
import { ActKind, InstanceKind, instanceKinds } from '../../schemas/governance';
import { DocumentKind } from '../../schemas/project';
import { defaultPaths, type PathStep } from './paths';

/** Every rule setting, per organisation and document kind (the defaults of docs/GOVERNANCE.md, *to confirm* ones included). */
export interface GovernanceConfig {
  path: PathStep[];
  /** Days before a séance its convocation (with the agenda) must go out, per instance kind. */
  convocationDays: Partial<Record<InstanceKind, number>>;
  /** Séances an instance must hold per calendar year. */
  minMeetingsPerYear: Partial<Record<InstanceKind, number>>;
  /** The ARS's silence is approval this many months after its receipt. */
  tacitApprovalMonths: number;
  /** A deadline is "at risk" when it is this close and work remains. */
  atRiskDays: number;
  reminders: {
    /** Remind the secretary this many days before a convocation deadline. */
    convocationLeadDays: number;
    /** Announce a séance this many days ahead. */
    upcomingSeanceDays: number;
    /** Report an agenda item without its act this many days after the séance. */
    missingActAfterDays: number;
    /** Remind a member whose PM still differs from the PMP this many months after a PMP avenant was adopted (issue 24). */
    coherenceAfterAvenantMonths: number;
  };
}

const copyPath = (path: readonly PathStep[]): PathStep[] =>
  path.map((s) => ({ ...s, instanceKinds: [...s.instanceKinds], requires: [...s.requires], ...(s.memberCategories ? { memberCategories: [...s.memberCategories] } : {}) }));

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

const StepId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'identifiant d’étape invalide');
const PathStepSchema = z.object({
  id: StepId,
  instanceKinds: z.array(InstanceKind).min(1).max(instanceKinds.length),
  act: ActKind,
  scope: z.enum(['project', 'members']),
  memberCategories: z.array(z.enum(['EPS', 'ESMS', 'HIA'])).min(1).max(3).optional(),
  required: z.boolean(),
  stage: z.enum(['before', 'transmission', 'after']),
  requires: z.array(StepId).max(30),
  ordered: z.boolean().optional(),
  startsTacitApproval: z.boolean().optional(),
  extension: z.string().max(60).optional(),
  configurable: z.boolean().optional(),
  // Settings stored before every step carried its basis stay readable; the default paths all have one.
  basis: z.string().max(200).default('défini par l’organisation'),
});

const Days = z.number().int().min(0).max(365);
const PerInstance = z.partialRecord(InstanceKind, Days);

/**
 * What an organisation may override: `followsPathOf` takes another kind's default path (a PSP
 * placed in the convention follows the PMP's); a `path` replaces the path as a whole.
 */
export const GovernanceOverrides = z
  .object({
    followsPathOf: DocumentKind,
    path: z.array(PathStepSchema).min(1).max(60),
    convocationDays: PerInstance,
    minMeetingsPerYear: z.partialRecord(InstanceKind, z.number().int().min(0).max(52)),
    tacitApprovalMonths: z.number().int().min(1).max(24),
    atRiskDays: Days,
    reminders: z
      .object({ convocationLeadDays: Days, upcomingSeanceDays: Days, missingActAfterDays: Days, coherenceAfterAvenantMonths: z.number().int().min(1).max(60) })
      .partial(),
  })
  .partial()
  .strict()
  .superRefine((value, ctx) => {
    if (!value.path) return;
    const seen = new Set<string>();
    value.path.forEach((s, index) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['path', index, 'id'], message: `Étape « ${s.id} » en double.` });
      for (const r of s.requires) {
        if (!seen.has(r)) {
          ctx.addIssue({ code: 'custom', path: ['path', index, 'requires'], message: `« ${r} » doit être une étape placée avant « ${s.id} ».` });
        }
      }
      seen.add(s.id);
    });
  });
export type GovernanceOverrides = z.infer<typeof GovernanceOverrides>;

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
