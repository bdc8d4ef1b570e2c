import { describe, expect, it } from 'vitest';
import type { ActKind, InstanceKind } from '../../schemas/governance';
import { defaultConfig, GovernanceOverrides, resolveConfig } from '../../server/governance/config';
import type { ActFact, ProjectScope } from '../../server/governance/facts';
import { addMonths, parisDate, parisToInstant } from '../../server/governance/parisTime';
import { missingBefore, missingRequired, nextSteps, pathProgress } from '../../server/governance/progress';
import { checkAct, type ActAttempt } from '../../server/governance/rules';

/** The rules of docs/GOVERNANCE.md as pure functions: paths per document kind, order, convocations. */

const names: Record<string, string> = {
  ght: 'GHT Test',
  support: 'CH Support',
  member: 'CH Membre',
  ehpad: 'EHPAD public',
  hia: 'HIA Test',
  ch: 'CH Seul',
};
const ghtScope: ProjectScope = {
  organisationId: 'ght',
  members: [
    { id: 'support', name: names.support!, category: 'EPS' },
    { id: 'member', name: names.member!, category: 'EPS' },
  ],
  organisationName: (id) => names[id] ?? id,
};
const pmScope: ProjectScope = { organisationId: 'ch', members: [], organisationName: (id) => names[id] ?? id };

let seq = 0;
const fact = (kind: ActKind, instanceKind: InstanceKind, organisationId: string, date: string, versionId = 'v1'): ActFact => ({
  id: `act-${++seq}`,
  kind,
  versionId,
  instanceKind,
  organisationId,
  date,
});

const attempt = (
  kind: ActKind,
  instanceKind: InstanceKind,
  organisationId: string,
  date: string,
  extra: Partial<ActAttempt['seance']> & { versionId?: string } = {},
): ActAttempt => ({
  kind,
  versionId: extra.versionId ?? 'v1',
  versionLabel: 'version 1 « Projet médical »',
  instance: { kind: instanceKind, organisationId },
  seance: { date, status: 'held', convocationSentOn: 'convocationSentOn' in extra ? (extra.convocationSentOn ?? null) : addDaysIso(date, -10) },
});

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const today = '2027-12-31';

describe('PM of an establishment: CME avis → Directoire approbation, which ends its own path', () => {
  const config = defaultConfig('PM');

  it('refuses an approbation by the Directoire before the CME avis, saying why', () => {
    const violations = checkAct({ config, scope: pmScope, attempt: attempt('approbation', 'DIRECTOIRE', 'ch', '2027-03-09'), facts: [], today });
    expect(violations.map((v) => v.rule)).toEqual(['prerequisite:cme-avis']);
    expect(violations[0]!.overridable).toBe(true);
    expect(violations[0]!.message).toMatch(
      /^L’approbation du Directoire requiert au préalable l’avis de la CME sur la même version \(version 1 « Projet médical »\)/,
    );
    expect(violations[0]!.message).toContain('[L6144-1 (la CME élabore le projet médical avec le directeur), D6143-37-1]');
    expect(violations[0]!.message).toContain('09/03/2027');
  });

  it('accepts it once the CME avis is recorded on the same version at an earlier (or same-day) séance', () => {
    const facts = [fact('avis', 'CME', 'ch', '2027-03-09')];
    expect(checkAct({ config, scope: pmScope, attempt: attempt('approbation', 'DIRECTOIRE', 'ch', '2027-03-09'), facts, today })).toEqual([]);
  });

  it('an avis on another version, or given after the séance, does not count', () => {
    const otherVersion = [fact('avis', 'CME', 'ch', '2027-03-01', 'v0')];
    expect(checkAct({ config, scope: pmScope, attempt: attempt('approbation', 'DIRECTOIRE', 'ch', '2027-03-09'), facts: otherVersion, today })).toHaveLength(1);
    const later = [fact('avis', 'CME', 'ch', '2027-03-20')];
    expect(checkAct({ config, scope: pmScope, attempt: attempt('approbation', 'DIRECTOIRE', 'ch', '2027-03-09'), facts: later, today })).toHaveLength(1);
  });

  it('an avis of a CME of another establishment does not count', () => {
    const facts = [fact('avis', 'CME', 'member', '2027-03-01')];
    expect(checkAct({ config, scope: pmScope, attempt: attempt('approbation', 'DIRECTOIRE', 'ch', '2027-03-09'), facts, today })).toHaveLength(1);
  });

  it('the path ends at the Directoire approbation: no conseil de surveillance, no ARS step, nothing missing after it', () => {
    const facts: ActFact[] = [];
    const progress = () => pathProgress({ config, scope: pmScope, versionId: 'v1', facts, planned: [] });
    expect(missingRequired(progress())).toEqual([
      'L’avis de la CME n’est pas enregistré sur cette version.',
      'L’approbation du Directoire n’est pas enregistrée sur cette version.',
    ]);
    expect(nextSteps(progress()).map((s) => s.stepId)).toEqual(['cme-presentation', 'cme-avis', 'directoire-concertation']);
    facts.push(fact('avis', 'CME', 'ch', '2027-03-01'), fact('approbation', 'DIRECTOIRE', 'ch', '2027-03-08'));
    expect(missingRequired(progress())).toEqual([]);
    expect(config.path.some((s) => s.stage === 'transmission' || s.startsTacitApproval)).toBe(false);
    expect(config.path.filter((s) => s.required).map((s) => s.id)).toEqual(['cme-avis', 'directoire-approbation']);
  });

  it('the optional integration in the projet d’établissement: CSE avis (mandatory before) and CME avis on the PE, then the conseil de surveillance', () => {
    const facts = [fact('avis', 'CME', 'ch', '2027-03-01'), fact('approbation', 'DIRECTOIRE', 'ch', '2027-03-08')];
    const deliberation = checkAct({ config, scope: pmScope, attempt: attempt('deliberation', 'CONSEIL_SURVEILLANCE', 'ch', '2027-04-01'), facts, today });
    expect(deliberation.map((v) => v.rule).sort()).toEqual(['prerequisite:pe-cme-avis', 'prerequisite:pe-cse-avis']);
    expect(deliberation.find((v) => v.rule === 'prerequisite:pe-cse-avis')!.message).toContain('décret 2021-1570 art. 36 8°');
    // The CME's avis on the PM does not stand for its avis on the PE, given after the approbation.
    const progress = () => pathProgress({ config, scope: pmScope, versionId: 'v1', facts, planned: [] });
    expect(progress().find((s) => s.stepId === 'pe-cme-avis')).toMatchObject({ status: 'todo', extension: 'projet-etablissement', required: false });
    // A second CME avis (on the PE) is accepted: it fits the CME's avis on the PM, which needs nothing.
    expect(checkAct({ config, scope: pmScope, attempt: attempt('avis', 'CME', 'ch', '2027-03-20'), facts, today })).toEqual([]);
    facts.push(fact('avis', 'CSE', 'ch', '2027-03-15'), fact('avis', 'CME', 'ch', '2027-03-20'));
    expect(progress().find((s) => s.stepId === 'pe-cme-avis')).toMatchObject({ status: 'done', doneBy: { date: '2027-03-20' } });
    expect(checkAct({ config, scope: pmScope, attempt: attempt('deliberation', 'CONSEIL_SURVEILLANCE', 'ch', '2027-04-01'), facts, today })).toEqual([]);
  });

  it('an act cannot be recorded for a séance that has not taken place or was cancelled, whatever the override', () => {
    const future = checkAct({ config, scope: pmScope, attempt: attempt('avis', 'CME', 'ch', '2028-01-10'), facts: [], today });
    expect(future).toEqual([expect.objectContaining({ rule: 'seance_not_held', overridable: false })]);
    const cancelled = checkAct({
      config,
      scope: pmScope,
      attempt: { ...attempt('avis', 'CME', 'ch', '2027-01-10'), seance: { date: '2027-01-10', status: 'cancelled', convocationSentOn: null } },
      facts: [],
      today,
    });
    expect(cancelled.map((v) => v.rule)).toEqual(['seance_cancelled']);
  });
});

describe('PSIRMT and PSP', () => {
  it('PSIRMT: CSIRMT avis, then the Directoire; no ARS step', () => {
    const config = defaultConfig('PSIRMT');
    expect(config.path.filter((s) => s.required).map((s) => [s.id, s.instanceKinds[0]])).toEqual([
      ['csirmt-avis', 'CSIRMT'],
      ['directoire-concertation', 'DIRECTOIRE'],
    ]);
    expect(
      checkAct({ config, scope: pmScope, attempt: attempt('concertation', 'DIRECTOIRE', 'ch', '2027-03-09'), facts: [], today }).map((v) => v.rule),
    ).toEqual(['prerequisite:csirmt-avis']);
    expect(config.path.some((s) => s.stage === 'transmission')).toBe(false);
  });

  it('PSP: as the convention organises it; placed in the convention, it follows the PMP’s path', () => {
    expect(defaultConfig('PSP').path.map((s) => s.id)).toEqual(['csirmt-groupement-avis']);
    const inConvention = resolveConfig('PSP', [GovernanceOverrides.parse({ followsPathOf: 'PMP' })]);
    expect(inConvention.path.map((s) => s.id)).toEqual(defaultConfig('PMP').path.map((s) => s.id));
  });
});

describe('PMP across a GHT: CMG avis, the PMP sent for information, the per-member sequence of R6132-6, the signed convention', () => {
  const config = defaultConfig('PMP');
  const sequence = (org: string, date: string): ActFact[] => [
    fact('concertation', 'DIRECTOIRE', org, date),
    fact('avis', 'CSE', org, date),
    fact('avis', 'CME', org, date),
    fact('avis', 'CSIRMT', org, date),
    fact('avis', 'CONSEIL_SURVEILLANCE', org, date),
  ];
  const elaboration = (): ActFact[] => [fact('avis', 'CMG', 'ght', '2027-02-01'), fact('concertation', 'COMITE_STRATEGIQUE', 'ght', '2027-02-05')];

  it('in each établissement the CME avis follows the Directoire concertation of that établissement', () => {
    const refused = checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CME', 'member', '2027-03-10'), facts: [], today });
    expect(refused.map((v) => v.rule)).toEqual(['prerequisite:etab-directoire-concertation']);
    expect(refused[0]!.message).toContain('la concertation du Directoire (CH Membre)');
    expect(refused[0]!.message).toContain('[R6132-6 1°]');

    const elsewhere = [fact('concertation', 'DIRECTOIRE', 'support', '2027-03-01')];
    expect(checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CME', 'member', '2027-03-10'), facts: elsewhere, today })).toHaveLength(1);

    const here = [fact('concertation', 'DIRECTOIRE', 'member', '2027-03-01')];
    expect(checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CME', 'member', '2027-03-10'), facts: here, today })).toEqual([]);
  });

  it('the conseil de surveillance comes last: after the CSE, CME and CSIRMT avis of its établissement', () => {
    const facts = [fact('concertation', 'DIRECTOIRE', 'member', '2027-03-01'), fact('avis', 'CME', 'member', '2027-03-05')];
    const v = checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CONSEIL_SURVEILLANCE', 'member', '2027-03-20'), facts, today });
    expect(v.map((x) => x.rule).sort()).toEqual(['prerequisite:etab-cse-avis', 'prerequisite:etab-csirmt-avis']);
  });

  it('AP-HP’s CSE central stands for the CSE; the CTEC, gone, no longer does', () => {
    const base = [
      fact('concertation', 'DIRECTOIRE', 'member', '2027-03-01'),
      fact('avis', 'CME', 'member', '2027-03-05'),
      fact('avis', 'CSIRMT', 'member', '2027-03-06'),
    ];
    const central = [...base, fact('avis', 'CSE_CENTRAL', 'member', '2027-03-02')];
    expect(checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CONSEIL_SURVEILLANCE', 'member', '2027-03-20'), facts: central, today })).toEqual([]);
    const ctec = [...base, fact('avis', 'CTEC', 'member', '2027-03-02')];
    expect(
      checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CONSEIL_SURVEILLANCE', 'member', '2027-03-20'), facts: ctec, today }).map((v) => v.rule),
    ).toEqual(['prerequisite:etab-cse-avis']);
  });

  it('the PMP goes to the ARS for information after the CMG avis and the comité stratégique, before the members’ sequences', () => {
    const early = checkAct({ config, scope: ghtScope, attempt: attempt('transmission', 'DIRECTION', 'ght', '2027-01-15'), facts: [], today });
    expect(early.map((v) => v.rule).sort()).toEqual(['prerequisite:cmg-avis', 'prerequisite:comite-strategique-concertation']);
    expect(early[0]!.message).toContain('L6132-2-1, D6132-9 I (la CMG élabore le PMP)');
    expect(checkAct({ config, scope: ghtScope, attempt: attempt('transmission', 'DIRECTION', 'ght', '2027-02-10'), facts: elaboration(), today })).toEqual([]);
    const steps = pathProgress({ config, scope: ghtScope, versionId: 'v1', facts: elaboration(), planned: [] });
    expect(missingBefore(config, steps, 'ars-information')).toEqual([]);
  });

  it('the convention is signed after the PMP reached the ARS and the whole sequence in every member établissement', () => {
    const facts = [...elaboration(), ...sequence('support', '2027-03-01')];
    const v = checkAct({ config, scope: ghtScope, attempt: attempt('signature', 'DIRECTION', 'ght', '2027-06-01'), facts, today });
    expect(v.map((x) => x.rule)).toEqual(['prerequisite:ars-information', 'prerequisite:etab-cs-avis']);
    expect(v[0]!.message).toContain('la transmission à l’ARS pour information');
    expect(v[1]!.message).toContain('CH Membre');
    expect(v[1]!.message).not.toContain('CH Support');

    const progress = pathProgress({ config, scope: ghtScope, versionId: 'v1', facts, planned: [] });
    expect(missingBefore(config, progress, 'signature')).toEqual([
      'La transmission à l’ARS pour information n’est pas enregistrée sur cette version.',
      'L’avis du conseil de surveillance (CH Membre) n’est pas enregistré sur cette version.',
    ]);
    expect(missingRequired(progress)[1]).toBe('La concertation du Directoire (CH Membre) n’est pas enregistrée sur cette version.');

    facts.push(fact('transmission', 'DIRECTION', 'ght', '2027-02-10'), ...sequence('member', '2027-03-15'));
    expect(checkAct({ config, scope: ghtScope, attempt: attempt('signature', 'DIRECTION', 'ght', '2027-06-01'), facts, today })).toEqual([]);
    const soumission = checkAct({ config, scope: ghtScope, attempt: attempt('soumission', 'DIRECTION', 'ght', '2027-06-02'), facts, today });
    expect(soumission.map((x) => x.rule)).toEqual(['prerequisite:signature']);
  });

  it('the clock runs from the receipt of the signed convention: a receipt of the PMP sent before does not fulfil it', () => {
    const facts = [
      ...elaboration(),
      fact('transmission', 'DIRECTION', 'ght', '2027-02-10'),
      fact('accuse_reception', 'DIRECTION', 'ght', '2027-02-12'),
      ...sequence('support', '2027-03-01'),
      ...sequence('member', '2027-03-15'),
    ];
    const receipt = () => pathProgress({ config, scope: ghtScope, versionId: 'v1', facts, planned: [] }).find((s) => s.stepId === 'ars-accuse-reception')!;
    expect(receipt()).toMatchObject({ status: 'todo', startsTacitApproval: true });
    facts.push(fact('signature', 'DIRECTION', 'ght', '2027-06-01'), fact('soumission', 'DIRECTION', 'ght', '2027-06-03'));
    expect(receipt().status).toBe('todo');
    facts.push(fact('accuse_reception', 'DIRECTION', 'ght', '2027-06-10'));
    expect(receipt()).toMatchObject({ status: 'done', doneBy: { date: '2027-06-10' } });
    expect(missingRequired(pathProgress({ config, scope: ghtScope, versionId: 'v1', facts, planned: [] }))).toEqual([]);
  });

  it('a public EHPAD member owes a CSE avis then a délibération of its conseil d’administration; a military hospital, the médecin-chef’s avis', () => {
    const scope: ProjectScope = {
      ...ghtScope,
      members: [...ghtScope.members, { id: 'ehpad', name: names.ehpad!, category: 'ESMS' }, { id: 'hia', name: names.hia!, category: 'HIA' }],
    };
    const steps = pathProgress({ config, scope, versionId: 'v1', facts: [], planned: [] });
    expect(steps.filter((s) => s.organisationId === 'ehpad').map((s) => [s.stepId, s.instanceKinds.join('|'), s.act, s.basis])).toEqual([
      ['esms-cse-avis', 'CSE|CSE_CENTRAL', 'avis', 'R6132-6 2°'],
      ['esms-ca-deliberation', 'CONSEIL_ADMINISTRATION', 'deliberation', 'R6132-6 2°'],
    ]);
    expect(steps.filter((s) => s.organisationId === 'hia').map((s) => s.stepId)).toEqual(['hia-medecin-chef-avis']);
    // No Directoire, CME or CSIRMT is owed by the EHPAD.
    expect(steps.some((s) => s.organisationId === 'ehpad' && s.stepId.startsWith('etab-'))).toBe(false);
    const early = checkAct({ config, scope, attempt: attempt('deliberation', 'CONSEIL_ADMINISTRATION', 'ehpad', '2027-03-10'), facts: [], today });
    expect(early.map((v) => v.rule)).toEqual(['prerequisite:esms-cse-avis']);
    expect(early[0]!.message).toContain('l’avis du CSE ou du CSE central (EHPAD public)');
    expect(
      checkAct({
        config,
        scope,
        attempt: attempt('deliberation', 'CONSEIL_ADMINISTRATION', 'ehpad', '2027-03-10'),
        facts: [fact('avis', 'CSE', 'ehpad', '2027-03-01')],
        today,
      }),
    ).toEqual([]);
    const signature = checkAct({ config, scope, attempt: attempt('signature', 'DIRECTION', 'ght', '2027-06-01'), facts: [], today });
    expect(signature.map((v) => v.rule)).toEqual([
      'prerequisite:ars-information',
      'prerequisite:etab-cs-avis',
      'prerequisite:esms-ca-deliberation',
      'prerequisite:hia-medecin-chef-avis',
    ]);
  });

  it('CMG agendas go out at least 7 days before the séance (D6132-9-8)', () => {
    const late = checkAct({
      config,
      scope: ghtScope,
      attempt: attempt('avis', 'CMG', 'ght', '2027-03-09', { convocationSentOn: '2027-03-05' }),
      facts: [],
      today,
    });
    expect(late).toEqual([expect.objectContaining({ rule: 'convocation', overridable: true })]);
    expect(late[0]!.message).toBe(
      'La convocation de la séance du 09/03/2027 de la CMG est partie le 05/03/2027, moins de 7 jours avant la séance (date limite : 02/03/2027) (D6132-9-8).',
    );
    const missing = checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CMG', 'ght', '2027-03-09', { convocationSentOn: null }), facts: [], today });
    expect(missing[0]!.message).toContain('au plus tard le 02/03/2027');
    const onTime = checkAct({
      config,
      scope: ghtScope,
      attempt: attempt('avis', 'CMG', 'ght', '2027-03-09', { convocationSentOn: '2027-03-02' }),
      facts: [],
      today,
    });
    expect(onTime).toEqual([]);
  });

  it('planned séances show on the path; a step is ready when its prerequisites are done', () => {
    const facts = [fact('concertation', 'DIRECTOIRE', 'support', '2027-03-01')];
    const planned = [{ seanceId: 's1', date: '2027-03-12', act: 'avis' as const, versionId: null, instanceKind: 'CME' as const, organisationId: 'support' }];
    const steps = pathProgress({ config, scope: ghtScope, versionId: 'v1', facts, planned });
    const cmeSupport = steps.find((s) => s.stepId === 'etab-cme-avis' && s.organisationId === 'support')!;
    expect(cmeSupport).toMatchObject({ status: 'planned', ready: true, planned: { seanceId: 's1', date: '2027-03-12' } });
    const cmeMember = steps.find((s) => s.stepId === 'etab-cme-avis' && s.organisationId === 'member')!;
    expect(cmeMember).toMatchObject({ status: 'todo', ready: false });
  });
});

describe('configuration per organisation and document kind', () => {
  it('overrides convocation delays and meeting minimums, keeping the rest', () => {
    const config = resolveConfig('PM', [{ convocationDays: { CME: 10 } }, { minMeetingsPerYear: { CME: 6 } }]);
    expect(config.convocationDays).toEqual({ CMG: 7, CME: 10 });
    expect(config.minMeetingsPerYear).toEqual({ CMG: 4, CME: 6 });
    expect(config.path.map((s) => s.id)).toEqual(defaultConfig('PM').path.map((s) => s.id));
    const v = checkAct({ config, scope: pmScope, attempt: attempt('avis', 'CME', 'ch', '2027-03-20', { convocationSentOn: '2027-03-15' }), facts: [], today });
    expect(v.map((x) => x.rule)).toEqual(['convocation']);
  });

  it('a custom path replaces the default one; its prerequisites must name earlier steps', () => {
    const ok = GovernanceOverrides.safeParse({
      path: [
        { id: 'cme-avis', instanceKinds: ['CME'], act: 'avis', scope: 'project', required: true, stage: 'before', requires: [] },
        { id: 'cs', instanceKinds: ['CONSEIL_SURVEILLANCE'], act: 'deliberation', scope: 'project', required: true, stage: 'before', requires: ['cme-avis'] },
      ],
    });
    expect(ok.success).toBe(true);
    const config = resolveConfig('PM', [ok.data]);
    expect(checkAct({ config, scope: pmScope, attempt: attempt('approbation', 'DIRECTOIRE', 'ch', '2027-03-09'), facts: [], today })).toEqual([]);

    const bad = GovernanceOverrides.safeParse({
      path: [
        { id: 'cs', instanceKinds: ['CONSEIL_SURVEILLANCE'], act: 'deliberation', scope: 'project', required: true, stage: 'before', requires: ['cme-avis'] },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['path', 0, 'requires']);
  });
});

describe('alternatives the GHT’s convention may set up, configured per organisation', () => {
  it('unified group commissions: a CMUG avis at the GHT replaces each member’s CME avis (L6132-2-3)', () => {
    const path = defaultConfig('PMP').path.map((step) =>
      step.id === 'etab-cme-avis'
        ? {
            ...step,
            id: 'cmug-avis',
            instanceKinds: ['CMUG' as const],
            scope: 'project' as const,
            memberCategories: undefined,
            requires: [],
            basis: 'L6132-2-3, D6132-13-8',
          }
        : { ...step, requires: step.requires.filter((r) => r !== 'etab-cme-avis') },
    );
    const parsed = GovernanceOverrides.safeParse({ path });
    expect(parsed.success).toBe(true);
    const config = resolveConfig('PMP', [parsed.data]);
    const steps = pathProgress({ config, scope: ghtScope, versionId: 'v1', facts: [], planned: [] });
    expect(steps.filter((s) => s.instanceKinds.includes('CME'))).toEqual([]);
    expect(steps.find((s) => s.stepId === 'cmug-avis')).toMatchObject({ organisationId: null, basis: 'L6132-2-3, D6132-13-8' });
    expect(checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CMUG', 'ght', '2027-03-10'), facts: [], today })).toEqual([]);
  });
});

describe('dates in Europe/Paris', () => {
  it('the ARS silence clock: 2 calendar months after receipt, clamped to the end of month', () => {
    expect(addMonths('2027-04-09', 2)).toBe('2027-06-09');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2027-11-15', 2)).toBe('2028-01-15');
  });

  it('converts wall-clock times in Paris across daylight saving', () => {
    expect(parisToInstant('2027-03-09', '14:00').toISOString()).toBe('2027-03-09T13:00:00.000Z');
    expect(parisToInstant('2027-04-06', '14:00').toISOString()).toBe('2027-04-06T12:00:00.000Z');
    expect(parisDate(new Date('2027-03-08T23:30:00Z'))).toBe('2027-03-09');
  });
});
