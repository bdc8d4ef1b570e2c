import { z } from 'zod';
import { ActKind, InstanceKind, instanceKinds } from '../../schemas/governance';
import type { DocumentKind } from '../../schemas/project';
import { defaultPaths, type PathStep } from './paths';

/** Every rule setting, per organisation and document kind (BRIEF §3 defaults, *to confirm* ones included). */
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
  };
}

export function defaultConfig(kind: DocumentKind): GovernanceConfig {
  return {
    path: defaultPaths[kind].map((s) => ({ ...s, instanceKinds: [...s.instanceKinds], requires: [...s.requires] })),
    convocationDays: { CMG: 7 },
    minMeetingsPerYear: { CMG: 4 },
    tacitApprovalMonths: 2,
    atRiskDays: 30,
    reminders: { convocationLeadDays: 3, upcomingSeanceDays: 7, missingActAfterDays: 1 },
  };
}

const StepId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'identifiant d’étape invalide');
const PathStepSchema = z.object({
  id: StepId,
  instanceKinds: z.array(InstanceKind).min(1).max(instanceKinds.length),
  act: ActKind,
  scope: z.enum(['project', 'members']),
  required: z.boolean(),
  stage: z.enum(['before', 'transmission', 'after']),
  requires: z.array(StepId).max(30),
  basis: z.string().max(200).optional(),
});

const Days = z.number().int().min(0).max(365);
const PerInstance = z.partialRecord(InstanceKind, Days);

/** What an organisation may override; a `path` replaces the default path as a whole. */
export const GovernanceOverrides = z
  .object({
    path: z.array(PathStepSchema).min(1).max(60),
    convocationDays: PerInstance,
    minMeetingsPerYear: z.partialRecord(InstanceKind, z.number().int().min(0).max(52)),
    tacitApprovalMonths: z.number().int().min(1).max(24),
    atRiskDays: Days,
    reminders: z
      .object({ convocationLeadDays: Days, upcomingSeanceDays: Days, missingActAfterDays: Days })
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
    if (layer.path) config.path = layer.path.map((s) => ({ ...s }));
    if (layer.convocationDays) config.convocationDays = { ...config.convocationDays, ...layer.convocationDays };
    if (layer.minMeetingsPerYear) config.minMeetingsPerYear = { ...config.minMeetingsPerYear, ...layer.minMeetingsPerYear };
    if (layer.tacitApprovalMonths !== undefined) config.tacitApprovalMonths = layer.tacitApprovalMonths;
    if (layer.atRiskDays !== undefined) config.atRiskDays = layer.atRiskDays;
    if (layer.reminders) config.reminders = { ...config.reminders, ...layer.reminders };
  }
  return config;
}

/** The steps a step waits for: its own `requires`, plus every required `before` step for a transmission. */
export function prerequisitesOf(config: GovernanceConfig, stepId: string): PathStep[] {
  const target = config.path.find((s) => s.id === stepId);
  if (!target) return [];
  const ids = new Set(target.requires);
  if (target.stage === 'transmission') for (const s of config.path) if (s.stage === 'before' && s.required) ids.add(s.id);
  return config.path.filter((s) => ids.has(s.id) && s.id !== stepId);
}
