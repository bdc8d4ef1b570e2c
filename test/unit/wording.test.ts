import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actKinds, instanceKindLabels, instanceKinds } from '../../schemas/governance';
import { defaultConfig } from '../../server/governance/config';
import type { ProjectScope } from '../../server/governance/facts';
import { checkAct } from '../../server/governance/rules';
import { actOf, de, instanceWithOrganisation, ofInstance, partChange, to, versionHeading } from '../../server/governance/wording';

/**
 * Issue 20, findings 7 and 8: one wording module (server/governance/wording.ts) writes the
 * French of rule refusals, reminders, the timeline and exports. These tests run its functions
 * over every instance and act kind, the rule messages over every instance kind, and check that
 * no message template of the server builds "de" or "par" in front of an instance by hand.
 */
const wrong =
  /\b(de|à) (le|les) |\bde la le\b|\b(avis|approbation|concertation|délibération|présentation|consultation) par |de Commission|de Comité|Version (\d+) — Version \4\b/;

describe('contractions and articles', () => {
  it('"de" and "à" before every instance kind: du CSE, de la CME, du Directoire, au CSE', () => {
    for (const kind of instanceKinds) {
      expect(ofInstance(kind)).not.toMatch(wrong);
      expect(to(instanceKindLabels[kind])).not.toMatch(wrong);
    }
    expect(ofInstance('CSE')).toBe('du CSE');
    expect(ofInstance('DIRECTOIRE')).toBe('du Directoire');
    expect(ofInstance('CME')).toBe('de la CME');
    expect(ofInstance('AUTRE')).toBe('de l’instance');
    expect(de('les membres')).toBe('des membres');
    expect(to('le CSE')).toBe('au CSE');
    expect(to('la CME')).toBe('à la CME');
  });

  it('every act of every instance: "l’avis de la CME", "la concertation du Directoire"', () => {
    for (const act of actKinds) for (const kind of instanceKinds) expect(actOf(act, [kind], 'CH d’Étampes')).not.toMatch(wrong);
    expect(actOf('avis', ['CME'])).toBe('l’avis de la CME');
    expect(actOf('concertation', ['DIRECTOIRE'], 'CH d’Étampes')).toBe('la concertation du Directoire (CH d’Étampes)');
  });

  it('agreement of structured parts in the comparison: objectif … ajouté, filière … ajoutée', () => {
    expect(partChange('objectif', 'Réduire les délais', 'added')).toBe('objectif « Réduire les délais » ajouté');
    expect(partChange('indicator', 'Délai', 'added')).toBe('indicateur « Délai » ajouté');
    expect(partChange('filiere', 'Gériatrie', 'removed')).toBe('filière « Gériatrie » supprimée');
    expect(partChange('ficheAction', 'Équipe mobile', 'changed')).toBe('fiche-action « Équipe mobile » modifiée');
  });

  it('a version label that starts with its number is not prefixed twice', () => {
    expect(versionHeading(2, 'Version 2 — avis de la CME')).toBe('Version 2 — avis de la CME');
    expect(versionHeading(2, 'version 2 (avis de la CME)')).toBe('version 2 (avis de la CME)');
    expect(versionHeading(2, 'avis de la CME')).toBe('Version 2 — avis de la CME');
    // "Version 12" is not version 1.
    expect(versionHeading(1, 'Version 12 du texte')).toBe('Version 1 — Version 12 du texte');
  });

  it('an instance is named with its établissement, once', () => {
    expect(instanceWithOrganisation('Directoire', 'CH d’Étampes-Juine')).toBe('Directoire — CH d’Étampes-Juine');
    expect(instanceWithOrganisation('Directoire — CH d’Étampes-Juine', 'CH d’Étampes-Juine')).toBe('Directoire — CH d’Étampes-Juine');
    expect(instanceWithOrganisation('Directoire', '')).toBe('Directoire');
  });
});

describe('message templates', () => {
  const scope: ProjectScope = { organisationId: 'ch', members: [], organisationName: () => 'CH Seul' };

  it('rule refusals for every instance kind (convocation, prerequisites) read right', () => {
    const config = { ...defaultConfig('PM'), convocationDays: Object.fromEntries(instanceKinds.map((k) => [k, 7])) };
    for (const kind of instanceKinds) {
      const violations = checkAct({
        config,
        scope,
        attempt: {
          kind: 'approbation',
          versionId: 'v1',
          versionLabel: 'version 1 « PM »',
          instance: { kind, organisationId: 'ch' },
          seance: { date: '2027-03-09', status: 'held', convocationSentOn: null },
        },
        facts: [],
        today: '2027-12-31',
      });
      for (const v of violations) expect(v.message, `${kind}: ${v.message}`).not.toMatch(wrong);
    }
    const directoire = checkAct({
      config,
      scope,
      attempt: {
        kind: 'approbation',
        versionId: 'v1',
        versionLabel: 'version 1 « PM »',
        instance: { kind: 'DIRECTOIRE', organisationId: 'ch' },
        seance: { date: '2027-03-09', status: 'held', convocationSentOn: null },
      },
      facts: [],
      today: '2027-12-31',
    });
    expect(directoire.map((v) => v.message).join(' ')).toContain('La convocation de la séance du 09/03/2027 du Directoire');
    expect(directoire.map((v) => v.message).join(' ')).toContain('L’approbation du Directoire requiert au préalable l’avis de la CME');
  });

  it('no server template puts "de" or "par" before an instance by hand: they go through the wording module', () => {
    const root = path.resolve(import.meta.dirname, '../../server');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const handMade = /\b(de|par|à) \$\{(instanceKindLabels\[|[a-z.]*instance\.name\})/;
    const offenders = files.flatMap((f) =>
      fs
        .readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .map((line, i) => [`${f}:${i + 1}`, line] as const)
        .filter(([, line]) => handMade.test(line)),
    );
    expect(offenders).toEqual([]);
  });
});
