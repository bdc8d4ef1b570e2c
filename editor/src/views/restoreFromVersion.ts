import type { VersionView as VersionChoice } from '../../../schemas/api/governanceViews';
import { ApiError, request } from '../api';
import { nextId } from '../blocks/ids';
import { h } from '../dom';
import { formatInstantDay } from '../ui/dates';

/**
 * "Restaurer depuis une version": puts the section's text, or its structured part (filières,
 * fiches-actions, indicators, objectifs), back as it was in a frozen version. The server makes it
 * a new change that every editor receives (and that « Annuler » on the server's side cannot
 * hide: the audit log keeps who restored what). Shown to those who may write in the section.
 */
export function restoreControl(options: { projectId: string; sectionId: string; hasBlocks: boolean }): HTMLElement {
  const versionId = nextId('version');
  const select = h('select', { id: versionId });
  const part = (value: 'text' | 'records', label: string, checked: boolean) =>
    h('label', { class: 'restore-part' }, h('input', { type: 'radio', name: `${versionId}-part`, value, checked }), ` ${label}`);
  const parts = h(
    'fieldset',
    { class: 'restore-parts' },
    h('legend', {}, 'Partie à restaurer'),
    part('text', 'le texte de la section', true),
    options.hasBlocks ? part('records', 'la partie structurée (filières, fiches-actions, indicateurs, objectifs)', false) : null,
  );
  const submit = h('button', { type: 'submit', class: 'button button-secondary' }, 'Restaurer');
  const status = h('p', { role: 'status', class: 'restore-status' });
  const form = h('form', { class: 'restore-form' }, h('label', { for: versionId }, 'Version figée'), select, parts, h('p', {}, submit), status);
  const details = h(
    'details',
    { class: 'section-manage section-restore' },
    h('summary', {}, 'Restaurer depuis une version'),
    h('div', { class: 'section-manage-body' }, form),
  );

  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    request<VersionChoice[]>('GET', `/api/projects/${encodeURIComponent(options.projectId)}/versions`).then(
      (versions) => {
        select.replaceChildren(...versions.map((v) => h('option', { value: v.id }, `Version ${v.number} — ${v.label} (${formatInstantDay(v.createdAt)})`)));
        submit.disabled = versions.length === 0;
        if (versions.length === 0) status.textContent = 'Aucune version n’a encore été figée.';
      },
      () => {
        loaded = false;
        status.textContent = 'La liste des versions n’a pas pu être chargée.';
      },
    );
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value ?? 'text';
    const label = select.selectedOptions[0]?.textContent ?? '';
    const what = chosen === 'text' ? 'le texte de la section' : 'la partie structurée';
    if (!window.confirm(`Remplacer ${what} par celui de la ${label} ? Ce qui a été écrit depuis dans cette partie sera remplacé pour tous les rédacteurs.`))
      return;
    status.textContent = 'Restauration…';
    request('POST', `/api/projects/${encodeURIComponent(options.projectId)}/sections/${encodeURIComponent(options.sectionId)}/restore`, {
      versionId: select.value,
      part: chosen,
    }).then(
      () => {
        status.textContent = `${chosen === 'text' ? 'Texte restauré' : 'Partie structurée restaurée'} depuis la ${label}.`;
      },
      (e: unknown) => {
        status.textContent = e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : 'La restauration a échoué.';
      },
    );
  });
  return details;
}
