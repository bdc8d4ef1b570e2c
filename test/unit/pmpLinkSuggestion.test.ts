// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initDocument } from '../../schemas/docLayout';
import { pmpItemField, suggestPmpItems, titleCoverage, type PmpItem, type PmpItems } from '../../schemas/pmpLinks';
import { objectifsMap } from '../../schemas/structured';
import { addObjectif } from '../../schemas/structuredEdits';
import { pmTemplate } from '../../templates';
import { mountStructuredBlocks } from '../../editor/src/blocks/structuredBlocks';

const items: PmpItem[] = [
  { id: 'f-cardio', kind: 'filiere', label: 'Cardiologie', filiereId: 'f-cardio', filiereName: 'Cardiologie', modality: null },
  { id: 'f-geria', kind: 'filiere', label: 'Gériatrie', filiereId: 'f-geria', filiereName: 'Gériatrie', modality: null },
  {
    id: 'fa-unv',
    kind: 'fiche',
    label: 'Unité neuro-vasculaire',
    filiereId: 'f-cardio',
    filiereName: 'Cardiologie',
    modality: 'urgences-soins-non-programmes',
  },
];
const source = (): Promise<PmpItems> => Promise.resolve({ pmpProjectId: 'pmp', pmpTitle: 'PMP du GHT', source: 'adopted', versionId: 'v1', items });

describe('title similarity (normalised trigrams)', () => {
  it('finds the PMP title inside a longer PM label, accents and case aside, and nothing in an unrelated one', () => {
    expect(titleCoverage('Développer la filière CARDIOLOGIQUE de territoire', 'Cardiologie')).toBeGreaterThan(0.6);
    expect(titleCoverage('Gériatrie aiguë et court séjour', 'geriatrie')).toBe(1);
    expect(titleCoverage('Santé mentale des adolescents', 'Cardiologie')).toBeLessThan(0.3);
    expect(titleCoverage('', 'Cardiologie')).toBe(0);
  });

  it('suggests the best item above the threshold, or none', () => {
    expect(suggestPmpItems('Renforcer la gériatrie', items).map((s) => s.item.id)).toEqual(['f-geria']);
    expect(suggestPmpItems('Santé mentale', items)).toEqual([]);
  });
});

describe('the « Met en œuvre (PMP du GHT) » picker', () => {
  const mounted: { destroy(): void }[] = [];
  afterEach(() => {
    for (const m of mounted.splice(0)) m.destroy();
    document.body.replaceChildren();
  });

  it('shows a suggestion that links nothing until « Lier » is pressed, and lists the PMP items', async () => {
    const doc = new Y.Doc();
    initDocument(doc, pmTemplate, { title: 'PM', etablissements: [] });
    const id = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Développer la gériatrie de proximité');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const host = document.createElement('div');
    document.body.append(host);
    mounted.push(mountStructuredBlocks(host, { doc, sectionId: 'objectifs-medicaux', blocks: ['objectifs'], editable: true, pmpItems: source }));
    await new Promise((r) => setTimeout(r, 0));

    const picker = host.querySelector<HTMLSelectElement>('.pmp-link select')!;
    expect([...picker.options].map((o) => o.textContent)).toEqual([
      '— aucun lien —',
      'Filière : Cardiologie',
      'Filière : Gériatrie',
      'Fiche-action : Unité neuro-vasculaire (Cardiologie) – e)',
    ]);
    const suggestion = host.querySelector<HTMLElement>('.pmp-suggestion')!;
    expect(suggestion.hidden).toBe(false);
    expect(suggestion.textContent).toContain('Suggestion : Filière : Gériatrie');
    // Shown, never written: the document is unchanged and the record carries no link.
    expect(updates).toEqual([]);
    expect(objectifsMap(doc).get(id)!.has(pmpItemField)).toBe(false);

    suggestion.querySelector('button')!.click();
    expect(objectifsMap(doc).get(id)!.get(pmpItemField)).toBe('f-geria');
    expect(picker.value).toBe('f-geria');
    expect(suggestion.hidden).toBe(true);
  });

  it('flags a link to an item the PMP does not hold, and offers no link without a PMP', async () => {
    const doc = new Y.Doc();
    initDocument(doc, pmTemplate, { title: 'PM', etablissements: [] });
    const id = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Lien rompu');
    objectifsMap(doc).get(id)!.set(pmpItemField, 'disparu');
    const host = document.createElement('div');
    document.body.append(host);
    mounted.push(mountStructuredBlocks(host, { doc, sectionId: 'objectifs-medicaux', blocks: ['objectifs'], editable: true, pmpItems: source }));
    await new Promise((r) => setTimeout(r, 0));
    const picker = host.querySelector<HTMLSelectElement>('.pmp-link select')!;
    expect(picker.selectedOptions[0]!.textContent).toBe('valeur supprimée ou inconnue');

    const none = document.createElement('div');
    mounted.push(
      mountStructuredBlocks(none, {
        doc,
        sectionId: 'objectifs-medicaux',
        blocks: ['objectifs'],
        editable: true,
        pmpItems: () => Promise.resolve({ pmpProjectId: null, pmpTitle: null, source: null, versionId: null, items: [] }),
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(none.querySelector<HTMLElement>('.pmp-link')!.hidden).toBe(true);
  });
});
