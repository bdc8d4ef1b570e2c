import { z } from 'zod';
import { ActKind, InstanceKind, instanceKinds } from '../governance';
import type { MemberCategory } from '../organisation';
import { DocumentKind } from '../project';
import type { PathStage } from './governanceViews';

/**
 * The governance rules an organisation sets (docs/GOVERNANCE.md, docs/API.md « Governance
 * settings »): the path a document follows and the delays, as server/governance/ resolves them,
 * and the body PUT /api/organisations/:id/governance parses.
 */

/**
 * One step of the adoption path: an act by an instance, with the text it rests on. `scope` says
 * whose instance: the project's own organisation (`project`), or each member établissement of
 * the GHT (`members`, the per-member sequence of R6132-6), narrowed by `memberCategories`.
 * `requires` names steps that must be recorded first, on the same version (in the same
 * établissement when both are `members` steps); a `transmission` step also waits for every
 * required `before` step placed before it. `stage`: `before` for the instances' acts,
 * `transmission` for the exchanges with the ARS (recorded by the submission and receipt
 * commands), `after` for what follows adoption.
 */
export interface PathStep {
  id: string;
  instanceKinds: InstanceKind[];
  act: ActKind;
  scope: 'project' | 'members';
  /** For a `members` step: the kinds of member that owe it; every member when absent. */
  memberCategories?: MemberCategory[];
  required: boolean;
  stage: PathStage;
  requires: string[];
  /**
   * Only an act dated no earlier than the acts of `requires` fulfils the step: the ARS's receipt
   * of the signed text, not of the PMP sent before; the CME's avis on the PE after the PM's approval.
   */
  ordered?: boolean;
  /** The ARS's silence is approval `tacitApprovalMonths` after this step's act (R6132-6). */
  startsTacitApproval?: boolean;
  /** Optional steps that go together (e.g. the PM's integration in the projet d'établissement). */
  extension?: string;
  /** Required by default, but our reading rather than a verified text: an organisation may change it. */
  configurable?: boolean;
  /** Legal basis shown to users: every default step has one. */
  basis: string;
}

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
const StepId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'identifiant d’étape invalide');
const PathStepSchema = z.object({
  id: StepId,
  instanceKinds: z.array(InstanceKind).min(1).max(instanceKinds.length),
  act: ActKind,
  scope: z.enum(['project', 'members']),
  memberCategories: z
    .array(z.enum(['EPS', 'ESMS', 'HIA']))
    .min(1)
    .max(3)
    .optional(),
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

export const GovernanceSettingsQuery = z.object({ documentKind: DocumentKind.default('PM') });
export const GovernanceSettingsBody = z.object({ documentKind: z.union([DocumentKind, z.literal('*')]), overrides: GovernanceOverrides });

/** GET /api/organisations/:id/governance: the rules in force for a kind, and the organisation's own settings. */
export interface OrganisationGovernanceView {
  documentKind: DocumentKind;
  effective: GovernanceConfig;
  settings: { all: unknown; kind: unknown };
  canConfigure: boolean;
}
