import type { ProjectDetail } from '../../api';
import { h, replaceChildren } from '../../dom';
import { formatInstant } from './dates';
import { gov, type Version } from './govApi';
import { govHash } from './routes';
import { errorText, isSessionGone, loadingLine, tag } from './ui';
import { createLoader } from '../../ui/load';
import type { Part } from '../../ui/part';

/** A message for the panel that replaces this one after a reload (the page re-renders). */
let carried: string | null = null;

/** True when the next panel will announce (and focus) the result of an action. */
export function hasCarriedNotice(): boolean {
  return carried !== null;
}

/**
 * The versions of a project: list, "Figer une version" (coordinators), open one read-only,
 * compare two (or one with the current text).
 */
export function createVersionsPanel(input: { projectId: string; project: Pick<ProjectDetail, 'title'>; canFreeze: boolean; onChanged(): void }): Part {
  const { projectId } = input;
  const live = h('p', { class: 'versions-live', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'versions-body' }, loadingLine('Chargement des versions…'));

  let freezeForm: HTMLElement | null = null;
  if (input.canFreeze) {
    const label = h('input', {
      type: 'text',
      id: 'freeze-label',
      required: true,
      maxlength: 200,
      'aria-describedby': 'freeze-hint freeze-error',
      autocomplete: 'off',
    });
    const error = h('p', { class: 'field-error', id: 'freeze-error' });
    const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'freeze-submit' }, 'Figer une version');
    freezeForm = h(
      'form',
      { class: 'freeze-form', novalidate: true },
      h(
        'div',
        { class: 'form-field' },
        h('label', { for: 'freeze-label' }, 'Nom de la version'),
        h(
          'p',
          { class: 'form-hint', id: 'freeze-hint' },
          'Par exemple « Version 2 — avis de la CME ». La version figée ne change plus : c’est elle que les instances examinent.',
        ),
        label,
        error,
      ),
      submit,
    );
    freezeForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      label.removeAttribute('aria-invalid');
      if (!label.value.trim()) {
        error.textContent = 'Donnez un nom à la version.';
        label.setAttribute('aria-invalid', 'true');
        label.focus();
        return;
      }
      submit.disabled = true;
      live.textContent = 'Version en cours de figement…';
      try {
        const v = await gov.freezeVersion(projectId, label.value.trim());
        live.textContent = `Version ${v.number} figée (empreinte SHA-256 ${v.hash.slice(0, 12)}…).`;
        label.value = '';
        carried = live.textContent;
        input.onChanged();
      } catch (e) {
        live.textContent = '';
        if (!isSessionGone(e)) {
          error.textContent = `Version non figée : ${errorText(e)}`;
          label.setAttribute('aria-invalid', 'true');
          label.focus();
        }
      } finally {
        submit.disabled = false;
      }
    });
  }

  const compareForm = (versions: Version[]): HTMLElement => {
    const from = h(
      'select',
      { id: 'diff-from' },
      ...versions.map((v) => h('option', { value: v.id, selected: v === versions.at(-1) }, `version ${v.number} « ${v.label} »`)),
    );
    const to = h(
      'select',
      { id: 'diff-to' },
      h('option', { value: 'current' }, 'texte actuel'),
      ...versions.map((v) => h('option', { value: v.id }, `version ${v.number} « ${v.label} »`)),
    );
    const error = h('p', { class: 'field-error', role: 'alert' });
    const form = h(
      'form',
      { class: 'compare-form', 'aria-labelledby': 'compare-heading' },
      h('h3', { id: 'compare-heading' }, 'Comparer deux versions'),
      h(
        'div',
        { class: 'form-row' },
        h('div', { class: 'form-field' }, h('label', { for: 'diff-from' }, 'De'), from),
        h('div', { class: 'form-field' }, h('label', { for: 'diff-to' }, 'À'), to),
        h('button', { type: 'submit', class: 'button', id: 'diff-submit' }, 'Comparer'),
      ),
      error,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      error.textContent = '';
      if (from.value === to.value) {
        error.textContent = 'Choisissez deux versions différentes.';
        return;
      }
      location.hash = govHash({ page: 'diff', projectId, from: from.value, to: to.value });
    });
    return form;
  };

  const table = (versions: Version[]): HTMLElement =>
    h(
      'table',
      { class: 'gov-table versions-table' },
      h('caption', { class: 'sr-only' }, 'Versions figées du projet'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Version'),
          h('th', { scope: 'col' }, 'Figée le'),
          h('th', { scope: 'col' }, 'Par'),
          h('th', { scope: 'col' }, 'Texte actuel'),
          h('th', { scope: 'col' }, 'Actions'),
        ),
      ),
      h(
        'tbody',
        {},
        ...[...versions].reverse().map((v) =>
          h(
            'tr',
            { 'data-version-id': v.id },
            h('th', { scope: 'row' }, `${v.number}. ${v.label}`, v.line > 1 ? h('span', { class: 'cell-sub' }, `avenant ${v.line - 1}`) : null),
            h('td', {}, formatInstant(v.createdAt)),
            h('td', {}, v.createdBy.name),
            h('td', {}, v.matchesCurrentText ? tag('identique', 'ok') : tag('modifié depuis', 'warn')),
            h(
              'td',
              { class: 'version-actions' },
              h(
                'a',
                {
                  href: govHash({ page: 'version', projectId, versionId: v.id }),
                  'aria-label': `Consulter la version ${v.number}, exporter, constituer le dossier ARS`,
                },
                'Consulter',
              ),
              v.matchesCurrentText
                ? null
                : h(
                    'a',
                    {
                      href: govHash({ page: 'diff', projectId, from: v.id, to: 'current' }),
                      'aria-label': `Comparer la version ${v.number} au texte actuel`,
                    },
                    'Comparer au texte actuel',
                  ),
            ),
          ),
        ),
      ),
    );

  const loader = createLoader(body, {
    load: () => gov.versions(projectId),
    show: (versions) => {
      if (versions.length === 0) replaceChildren(body, h('p', { class: 'empty' }, 'Aucune version figée.'));
      else replaceChildren(body, table(versions), compareForm(versions));
    },
  });
  loader.reload();
  if (carried) {
    const message = carried;
    carried = null;
    // Filled once in the page, so that screen readers announce it.
    setTimeout(() => {
      if (loader.ended) return;
      live.textContent = message;
      live.setAttribute('tabindex', '-1');
      live.focus();
    }, 150);
  }

  const element = h(
    'section',
    { class: 'versions-panel', 'aria-labelledby': 'versions-heading', id: 'versions' },
    h('h2', { id: 'versions-heading' }, 'Versions figées'),
    freezeForm,
    live,
    body,
  );
  return { element, destroy: loader.end };
}
