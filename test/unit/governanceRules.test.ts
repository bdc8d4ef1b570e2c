import { describe, expect, it } from 'vitest';
import type { ActKind, InstanceKind } from '../../schemas/governance';
import { defaultConfig, GovernanceOverrides, resolveConfig } from '../../server/governance/config';
import type { ActFact, ProjectScope } from '../../server/governance/facts';
import { addMonths, parisDate, parisToInstant } from '../../server/governance/parisTime';
import { missingBeforeTransmission, nextSteps, pathProgress } from '../../server/governance/progress';
import { checkAct, type ActAttempt } from '../../server/governance/rules';

/** The rules of BRIEF §3 as pure functions: paths per document kind, order, convocations. */

const names: Record<string, string> = {
  ght: 'GHT Test',
  support: 'CH Support',
  member: 'CH Membre',
  ch: 'CH Seul',
};
const ghtScope: ProjectScope = {
  organisationId: 'ght',
  members: [
    { id: 'support', name: names.support! },
    { id: 'member', name: names.member! },
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

describe('PM of an establishment: CME avis → Directoire approbation → conseil de surveillance → ARS', () => {
  const config = defaultConfig('PM');

  it('refuses an approbation by the Directoire before the CME avis, saying why', () => {
    const violations = checkAct({ config, scope: pmScope, attempt: attempt('approbation', 'DIRECTOIRE', 'ch', '2027-03-09'), facts: [], today });
    expect(violations.map((v) => v.rule)).toEqual(['prerequisite:cme-avis']);
    expect(violations[0]!.overridable).toBe(true);
    expect(violations[0]!.message).toMatch(/^L’approbation par le Directoire requiert au préalable l’avis de la CME sur la même version \(version 1 « Projet médical »\)/);
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

  it('délibération of the conseil de surveillance requires the CME avis and the Directoire approbation', () => {
    const onlyAvis = [fact('avis', 'CME', 'ch', '2027-03-01')];
    const v = checkAct({ config, scope: pmScope, attempt: attempt('deliberation', 'CONSEIL_SURVEILLANCE', 'ch', '2027-04-01'), facts: onlyAvis, today });
    expect(v.map((x) => x.rule)).toEqual(['prerequisite:directoire-approbation']);
  });

  it('transmission requires every required act; the path says what is missing, then nothing', () => {
    const facts: ActFact[] = [];
    const progress = () => pathProgress({ config, scope: pmScope, versionId: 'v1', facts, planned: [] });
    expect(missingBeforeTransmission(progress())).toEqual([
      'L’avis de la CME n’est pas enregistré sur cette version.',
      'L’approbation du Directoire n’est pas enregistrée sur cette version.',
      'La délibération du conseil de surveillance n’est pas enregistrée sur cette version.',
    ]);
    expect(nextSteps(progress()).map((s) => s.stepId)).toEqual(['cme-presentation', 'cme-avis', 'directoire-concertation', 'cse-consultation']);
    const early = checkAct({ config, scope: pmScope, attempt: attempt('transmission', 'DIRECTION', 'ch', '2027-05-01'), facts, today });
    expect(early.map((v) => v.rule).sort()).toEqual(['prerequisite:cme-avis', 'prerequisite:cs-deliberation', 'prerequisite:directoire-approbation']);

    facts.push(fact('avis', 'CME', 'ch', '2027-03-01'), fact('approbation', 'DIRECTOIRE', 'ch', '2027-03-08'), fact('deliberation', 'CONSEIL_SURVEILLANCE', 'ch', '2027-04-01'));
    expect(missingBeforeTransmission(progress())).toEqual([]);
    expect(checkAct({ config, scope: pmScope, attempt: attempt('transmission', 'DIRECTION', 'ch', '2027-05-01'), facts, today })).toEqual([]);
    expect(nextSteps(progress()).map((s) => s.stepId)).toContain('transmission');
  });

  it('an act cannot be recorded for a séance that has not taken place or was cancelled, whatever the override', () => {
    const future = checkAct({ config, scope: pmScope, attempt: attempt('avis', 'CME', 'ch', '2028-01-10'), facts: [], today });
    expect(future).toEqual([expect.objectContaining({ rule: 'seance_not_held', overridable: false })]);
    const cancelled = checkAct({ config, scope: pmScope, attempt: { ...attempt('avis', 'CME', 'ch', '2027-01-10'), seance: { date: '2027-01-10', status: 'cancelled', convocationSentOn: null } }, facts: [], today });
    expect(cancelled.map((v) => v.rule)).toEqual(['seance_cancelled']);
  });
});

describe('PMP across a GHT: CMG avis and the per-establishment sequence of R6132-6', () => {
  const config = defaultConfig('PMP');
  const sequence = (org: string, date: string): ActFact[] => [
    fact('concertation', 'DIRECTOIRE', org, date),
    fact('avis', 'CSE', org, date),
    fact('avis', 'CME', org, date),
    fact('avis', 'CSIRMT', org, date),
    fact('avis', 'CONSEIL_SURVEILLANCE', org, date),
  ];

  it('in each établissement the CME avis follows the Directoire concertation of that établissement', () => {
    const refused = checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CME', 'member', '2027-03-10'), facts: [], today });
    expect(refused.map((v) => v.rule)).toEqual(['prerequisite:etab-directoire-concertation']);
    expect(refused[0]!.message).toContain('la concertation du Directoire (CH Membre)');

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

  it('the CTEC of a CHU stands for the CSE', () => {
    const facts = [fact('concertation', 'DIRECTOIRE', 'member', '2027-03-01'), fact('avis', 'CTEC', 'member', '2027-03-02'), fact('avis', 'CME', 'member', '2027-03-05'), fact('avis', 'CSIRMT', 'member', '2027-03-06')];
    expect(checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CONSEIL_SURVEILLANCE', 'member', '2027-03-20'), facts, today })).toEqual([]);
  });

  it('the transmission to the ARS waits for the CMG avis and the whole sequence in every member établissement', () => {
    const facts = [fact('avis', 'CMG', 'ght', '2027-02-01'), ...sequence('support', '2027-03-01')];
    const v = checkAct({ config, scope: ghtScope, attempt: attempt('transmission', 'DIRECTION', 'ght', '2027-05-01'), facts, today });
    expect(v.length).toBeGreaterThan(0);
    expect(v.every((x) => x.message.includes('CH Membre'))).toBe(true);
    expect(v.some((x) => x.message.includes('CH Support'))).toBe(false);

    const progress = pathProgress({ config, scope: ghtScope, versionId: 'v1', facts, planned: [] });
    const missing = missingBeforeTransmission(progress);
    expect(missing).toHaveLength(5);
    expect(missing[0]).toBe('La concertation du Directoire (CH Membre) n’est pas enregistrée sur cette version.');

    facts.push(...sequence('member', '2027-03-15'));
    expect(checkAct({ config, scope: ghtScope, attempt: attempt('transmission', 'DIRECTION', 'ght', '2027-05-01'), facts, today })).toEqual([]);
    expect(missingBeforeTransmission(pathProgress({ config, scope: ghtScope, versionId: 'v1', facts, planned: [] }))).toEqual([]);
  });

  it('the convention is signed only after the PMP reached the ARS', () => {
    const v = checkAct({ config, scope: ghtScope, attempt: attempt('signature', 'DIRECTION', 'ght', '2027-06-01'), facts: [], today });
    expect(v.map((x) => x.rule)).toEqual(['prerequisite:transmission']);
    expect(v[0]!.message).toContain('la transmission à l’ARS');
  });

  it('CMG agendas go out at least 7 days before the séance (D6132-9-8)', () => {
    const late = checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CMG', 'ght', '2027-03-09', { convocationSentOn: '2027-03-05' }), facts: [], today });
    expect(late).toEqual([expect.objectContaining({ rule: 'convocation', overridable: true })]);
    expect(late[0]!.message).toBe(
      'La convocation de la séance du 09/03/2027 de la CMG est partie le 05/03/2027, moins de 7 jours avant la séance (date limite : 02/03/2027) (D6132-9-8).',
    );
    const missing = checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CMG', 'ght', '2027-03-09', { convocationSentOn: null }), facts: [], today });
    expect(missing[0]!.message).toContain('au plus tard le 02/03/2027');
    const onTime = checkAct({ config, scope: ghtScope, attempt: attempt('avis', 'CMG', 'ght', '2027-03-09', { convocationSentOn: '2027-03-02' }), facts: [], today });
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
      path: [{ id: 'cs', instanceKinds: ['CONSEIL_SURVEILLANCE'], act: 'deliberation', scope: 'project', required: true, stage: 'before', requires: ['cme-avis'] }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['path', 0, 'requires']);
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
