// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkCompleteness } from '../../templates/completeness';
import { initDocument } from '../../schemas/docLayout';
import { fichesActionsMap, filieresMap, indicatorRows, matrixKey, objectifsMap } from '../../schemas/structured';
import { textOf } from '../../schemas/sharedText';
import { addEtape, addFicheAction, addFiliere, addIndicator, addObjectif } from '../../schemas/structuredEdits';
import { pmpTemplate } from '../../templates';
import { focusTarget } from '../../editor/src/blocks/focusPath';
import { mountStructuredBlocks } from '../../editor/src/blocks/structuredBlocks';

const etablissements = [
  { id: 'ch-corbeil', name: 'CH de Corbeil' },
  { id: 'ch-etampes', name: 'CH d’Étampes' },
];

function newDoc(): Y.Doc {
  const doc = new Y.Doc();
  initDocument(doc, pmpTemplate, { title: 'PMP 2026–2030', etablissements });
  return doc;
}

/** Two replicas that exchange every update, like two browsers through the server. */
function linkedDocs(): [Y.Doc, Y.Doc] {
  const a = newDoc();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return [a, b];
}

const mounted: { destroy(): void }[] = [];
afterEach(() => {
  mounted.splice(0).forEach((m) => m.destroy());
  document.body.replaceChildren();
});

function mount(
  doc: Y.Doc,
  sectionId: string,
  blocks: ('filieres' | 'fichesActions' | 'indicators' | 'objectifs')[],
  editable = true,
  confirm = () => true,
): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  mounted.push(mountStructuredBlocks(host, { doc, sectionId, blocks, editable, confirm }));
  return host;
}

const type = (control: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLInputElement && control.type === 'date' ? 'change' : 'input', { bubbles: true }));
};

describe('structured blocks', () => {
  it('give every completeness item an element to focus, at the exact path', () => {
    const doc = newDoc();
    const filiere = addFiliere(doc, 'filieres', '');
    const fiche = addFicheAction(doc, 'filieres', { title: '' });
    addIndicator(doc, fiche, { indicateur: 'Délai' });
    addIndicator(doc, 'suivi-evaluation', { indicateur: 'Taux' });
    const axe = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Gradation');
    addObjectif(doc, 'objectifs-medicaux', 'strategique', '', axe);
    const root = document.createElement('div');
    document.body.append(root);
    root.append(
      mount(doc, 'filieres', ['filieres', 'fichesActions']),
      mount(doc, 'suivi-evaluation', ['indicators']),
      mount(doc, 'objectifs-medicaux', ['objectifs']),
    );
    const items = checkCompleteness(doc).items.filter(
      (i) => ['filieres', 'suivi-evaluation', 'objectifs-medicaux'].includes(i.sectionId) && i.path.split('/').length > 2,
    );
    expect(items.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        `sections/filieres/filieres/${filiere}/name`,
        `sections/filieres/filieres/${filiere}/ch-corbeil`,
        `sections/filieres/fichesActions/${fiche}/title`,
        `sections/filieres/fichesActions/${fiche}/pilotes`,
        `sections/filieres/fichesActions/${fiche}/objectif`,
      ]),
    );
    for (const item of items) {
      expect(document.querySelector(`[data-path="${item.path}"]`), item.path).not.toBeNull();
      expect(focusTarget(document, item.path), item.path).not.toBeNull();
    }
    // A column of the matrix: its first empty cell; two pilots: the first one left blank.
    const cell = focusTarget(document, `sections/filieres/filieres/${filiere}/ch-etampes`) as HTMLTextAreaElement;
    expect(cell.dataset.cell).toBe(matrixKey('permanence-continuite', 'ch-etampes'));
    expect(cell.getAttribute('aria-label')).toBe('Filière sans nom — a) Permanence des soins — établissement CH d’Étampes');
    expect((focusTarget(document, `sections/filieres/fichesActions/${fiche}/pilotes`) as HTMLInputElement).labels?.[0]?.textContent).toBe('Pilote médical');
  });

  it('write each field into the Y.Doc and show the other replica’s edits in the same controls', () => {
    const [a, b] = linkedDocs();
    const filiere = addFiliere(a, 'filieres', 'Cardiologie');
    const hostA = mount(a, 'filieres', ['filieres']);
    const hostB = mount(b, 'filieres', ['filieres']);
    const cellA = hostA.querySelector<HTMLTextAreaElement>(`[data-cell="${matrixKey('plateaux-techniques', 'ch-corbeil')}"]`)!;
    const cellB = hostB.querySelector<HTMLTextAreaElement>(`[data-cell="${matrixKey('plateaux-techniques', 'ch-corbeil')}"]`)!;
    type(cellA, 'Coronarographie H24');
    expect(textOf((filieresMap(b).get(filiere)!.get('matrix') as Y.Map<unknown>).get(matrixKey('plateaux-techniques', 'ch-corbeil')))).toBe(
      'Coronarographie H24',
    );
    expect(cellB.value).toBe('Coronarographie H24');
    // B is typing in that very cell when A's edit arrives: same element, caret kept.
    cellB.focus();
    cellB.setSelectionRange(5, 5);
    type(cellA, '» Coronarographie H24');
    expect(hostB.querySelector(`[data-cell="${matrixKey('plateaux-techniques', 'ch-corbeil')}"]`)).toBe(cellB);
    expect(cellB.value).toBe('» Coronarographie H24');
    expect(cellB.selectionStart).toBe(7);
    expect(document.activeElement).toBe(cellB);
    // Renaming the filière relabels its cells without rebuilding them.
    type(hostA.querySelector<HTMLInputElement>(`[data-path="sections/filieres/filieres/${filiere}/name"]`)!, 'Cardiologie interventionnelle');
    expect(cellB.getAttribute('aria-label')).toContain('Filière Cardiologie interventionnelle — d) Plateaux techniques — établissement CH de Corbeil');
    expect(hostB.querySelector(`[data-cell="${matrixKey('plateaux-techniques', 'ch-corbeil')}"]`)).toBe(cellB);
  });

  it('add and remove filières, fiches, étapes and indicators, keeping the other records’ controls', () => {
    const [a, b] = linkedDocs();
    const hostA = mount(a, 'filieres', ['filieres', 'fichesActions']);
    const hostB = mount(b, 'filieres', ['filieres', 'fichesActions']);
    const button = (host: HTMLElement, text: string) => [...host.querySelectorAll('button')].find((x) => x.textContent === text)!;
    button(hostA, 'Ajouter une filière').click();
    expect(document.activeElement?.closest('.filiere-card')).not.toBeNull();
    expect(hostB.querySelectorAll('.filiere-card')).toHaveLength(1);
    const firstCardB = hostB.querySelector('.filiere-card');
    button(hostB, 'Ajouter une filière').click();
    expect(hostA.querySelectorAll('.filiere-card')).toHaveLength(2);
    expect(hostB.querySelector('.filiere-card')).toBe(firstCardB);

    button(hostA, 'Ajouter une fiche-action').click();
    const ficheId = [...fichesActionsMap(a).keys()][0]!;
    const card = hostA.querySelector<HTMLElement>(`[data-record-id="${ficheId}"]`)!;
    button(card, 'Ajouter une étape').click();
    button(card, 'Ajouter un indicateur').click();
    expect((fichesActionsMap(b).get(ficheId)!.get('etapes') as Y.Array<unknown>).length).toBe(1);
    expect(indicatorRows(b, ficheId)!.length).toBe(1);
    const cardB = hostB.querySelector<HTMLElement>(`[data-record-id="${ficheId}"]`)!;
    expect(cardB.querySelectorAll('.etape')).toHaveLength(1);
    expect(cardB.querySelectorAll('.indicator-table tbody tr')).toHaveLength(1);
    const date = cardB.querySelector<HTMLInputElement>('.etape input[type="date"]')!;
    type(date, '2027-06-30');
    expect((fichesActionsMap(a).get(ficheId)!.get('etapes') as Y.Array<Y.Map<string>>).get(0).get('echeance')).toBe('2027-06-30');
    // A checkbox per établissement, bound to the fiche's Y.Array.
    const box = cardB.querySelector<HTMLInputElement>('input[type="checkbox"][value="ch-etampes"]')!;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    expect((fichesActionsMap(a).get(ficheId)!.get('etablissements') as Y.Array<string>).toArray()).toEqual(['ch-etampes']);
    expect(card.querySelector<HTMLInputElement>('input[type="checkbox"][value="ch-etampes"]')!.checked).toBe(true);
    // The fiche's filière is chosen among the filières of the document.
    const select = card.querySelector<HTMLSelectElement>('select')!;
    expect(select.options).toHaveLength(3);

    button(card, 'Supprimer l’indicateur 1').click();
    expect(indicatorRows(b, ficheId)!.length).toBe(0);
    button(card, 'Supprimer la fiche-action « sans titre »').click();
    expect(fichesActionsMap(b).size).toBe(0);
    expect(hostB.querySelectorAll('.fiche-card')).toHaveLength(0);
  });

  it('asks before removing a filière', () => {
    const doc = newDoc();
    addFiliere(doc, 'filieres', 'Gériatrie');
    let asked = '';
    const host = mount(doc, 'filieres', ['filieres'], true, () => ((asked = 'oui'), false));
    [...host.querySelectorAll('button')].find((x) => x.textContent?.startsWith('Supprimer la filière'))!.click();
    expect(asked).toBe('oui');
    expect(filieresMap(doc).size).toBe(1);
  });

  it('edit the objectives tree: axes, strategic and operational objectives, removal of a branch', () => {
    const doc = newDoc();
    const host = mount(doc, 'objectifs-medicaux', ['objectifs']);
    const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((x) => x.textContent?.startsWith(text))!;
    button(host, 'Ajouter un axe').click();
    type(document.activeElement as HTMLInputElement, 'Gradation des soins');
    const axe = host.querySelector<HTMLElement>('.objective.level-axe')!;
    button(axe, 'Ajouter un objectif stratégique').click();
    type(document.activeElement as HTMLInputElement, 'Urgences');
    const strategic = axe.querySelector<HTMLElement>('.objective.level-strategique')!;
    button(strategic, 'Ajouter un objectif opérationnel').click();
    expect(objectifsMap(doc).size).toBe(3);
    expect(strategic.querySelector('.objective.level-operationnel label')?.textContent).toContain('1.1.1');
    expect(axe.querySelector('input')!.value).toBe('Gradation des soins');
    button(axe, 'Supprimer').click();
    expect(objectifsMap(doc).size).toBe(0);
    expect(host.querySelectorAll('.objective')).toHaveLength(0);
  });

  it('are read-only for readers: same content, no way to change it', () => {
    const doc = newDoc();
    const filiere = addFiliere(doc, 'filieres', 'Cancérologie');
    const fiche = addFicheAction(doc, 'filieres', { title: 'Filière RCP', filiereId: filiere, modality: 'medico-social' });
    addEtape(doc, fiche, 'Recrutement', '2027-01-31');
    addIndicator(doc, fiche, { indicateur: 'Délai RCP' });
    const host = mount(doc, 'filieres', ['filieres', 'fichesActions'], false);
    expect(host.querySelectorAll('button')).toHaveLength(0);
    const controls = [...host.querySelectorAll<HTMLInputElement>('input, textarea, select')];
    expect(controls.length).toBeGreaterThan(20);
    for (const control of controls) expect(control.readOnly || control.disabled, control.outerHTML).toBe(true);
    expect(host.querySelector<HTMLInputElement>(`[data-path="sections/filieres/fichesActions/${fiche}/title"]`)!.value).toBe('Filière RCP');
    expect(host.querySelector<HTMLSelectElement>(`[data-record-id="${fiche}"] select`)!.value).toBe(filiere);
  });
});
