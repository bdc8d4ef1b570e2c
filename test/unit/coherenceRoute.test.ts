import { describe, expect, it } from 'vitest';
import { hashFor, parseHash } from '../../editor/src/router';
import { modalityShortNames } from '../../schemas/modalities';
import { declines } from '../../server/governance/coherence';

describe('the cohérence screen’s address', () => {
  it('reads and writes #/ght/:ghtId/coherence[/:etablissementId]', () => {
    expect(parseHash('#/ght/g1/coherence')).toEqual({ name: 'coherence', ghtId: 'g1', etablissementId: null });
    expect(parseHash('#/ght/g1/coherence/e%202')).toEqual({ name: 'coherence', ghtId: 'g1', etablissementId: 'e 2' });
    expect(hashFor({ name: 'coherence', ghtId: 'g1', etablissementId: 'e 2' })).toBe('#/ght/g1/coherence/e%202');
    expect(parseHash('#/ght/g1/autre').name).toBe('notFound');
  });
});

describe('what a matrix cell assigns', () => {
  it('a written declination assigns its modality; blank, « Sans objet », « Non concerné », « Néant », a dash do not', () => {
    expect(declines('Consultations avancées à Vallée-Basse.')).toBe(true);
    expect(declines('Soins non programmés le jour même')).toBe(true);
    for (const cell of ['', '  ', 'Sans objet.', 'sans objet pour cet établissement', 'Non concerné', 'NÉANT', '—', '-', 'SO', 'Aucune'])
      expect(declines(cell), cell).toBe(false);
  });

  it('names modalities by letter and short label', () => {
    expect(modalityShortNames(['hospitalisation-domicile', 'inconnue', 'consultations-externes'])).toBe('g) HAD, b) Consultations');
  });
});
