import { creatableKinds, documentKinds, type DocumentKind } from '../../../schemas/project';
import { getTemplate } from '../../../templates';
import { api, ApiError, type Organisation, type TemplateSummary } from '../api';
import { h } from '../dom';
import { kindLabel } from '../labels';
import { parseStartYear, periodFrom, periodText } from '../projectPeriod';
import { unexpectedError } from '../ui/errors';
import { parisYear } from '../ui/dates';
import { createLifetime, type Part } from '../ui/part';

function field(id: string, label: string, control: HTMLElement, hint?: HTMLElement): { element: HTMLElement; error: HTMLElement } {
  const error = h('p', { class: 'field-error', id: `${id}-erreur` });
  const described = [hint?.id, error.id].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  return { element: h('div', { class: 'form-field' }, h('label', { for: id }, label), hint ?? null, control, error), error };
}

/**
 * "Créer un projet": type (with the labels the server's templates give), title, organisation
 * (when the server lists organisations), first year of the five-year period.
 */
export function createNewProjectForm(onCreated: (projectId: string) => void): Part<HTMLFormElement> {
  const life = createLifetime();
  const kind = h('select', { id: 'new-project-kind', name: 'kind' }, ...creatableKinds.map((k) => h('option', { value: k }, `${kindLabel[k]} (${k})`)));
  const title = h('input', { type: 'text', id: 'new-project-title', name: 'title', required: true, autocomplete: 'off', maxlength: 300 });
  const titleHint = h('p', { class: 'form-hint', id: 'new-project-title-aide' }, 'Par exemple : Projet médical 2026–2030.');
  const organisation = h('select', { id: 'new-project-organisation', name: 'organisationId' });
  const organisationHint = h(
    'p',
    { class: 'form-hint', id: 'new-project-organisation-aide' },
    'Les établissements d’un GHT forment les colonnes de la matrice des filières.',
  );
  const thisYear = parisYear();
  const start = h('input', {
    type: 'number',
    id: 'new-project-start',
    name: 'startYear',
    min: 2000,
    max: 2100,
    step: 1,
    value: thisYear,
    required: true,
    inputmode: 'numeric',
  });
  const periodHint = h('p', { class: 'form-hint', id: 'new-project-start-aide', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'new-project-submit' }, 'Créer le projet');
  const alert = h('div', { class: 'alert alert-error', role: 'alert', tabindex: '-1' });

  // Chapters the template proposes (a CHU's PM: attractiveness, digital health…), never mandatory.
  const optional = h('fieldset', { class: 'form-field optional-chapters' });
  const showOptional = (): void => {
    const proposed = documentKinds.includes(kind.value as DocumentKind) ? (getTemplate(kind.value as DocumentKind).optionalChapters ?? []) : [];
    optional.hidden = proposed.length === 0;
    optional.replaceChildren(
      h('legend', {}, 'Chapitres facultatifs à ajouter'),
      h('p', { class: 'form-hint' }, 'Proposés, jamais obligatoires ; un coordonnateur peut aussi les ajouter plus tard.'),
      ...proposed.map((c) => {
        const id = `new-project-chapter-${c.id}`;
        return h('div', { class: 'checkbox' }, h('input', { type: 'checkbox', id, value: c.id }), h('label', { for: id }, c.title));
      }),
    );
  };
  kind.addEventListener('change', showOptional);
  showOptional();

  const kindField = field(kind.id, 'Type de document', kind);
  const titleField = field(title.id, 'Titre', title, titleHint);
  const organisationField = field(organisation.id, 'Organisation', organisation, organisationHint);
  organisationField.element.hidden = true;
  const startField = field(start.id, 'Première année du projet', start, periodHint);

  const showPeriod = (): void => {
    const year = parseStartYear(start.value);
    periodHint.textContent = year ? `Le projet couvre cinq ans : ${periodText(periodFrom(year))}.` : 'Indiquez une année entre 2000 et 2100.';
  };
  start.addEventListener('input', showPeriod);
  showPeriod();

  // The server's own labels for the kinds (an organisation may have adapted its templates).
  api.templates().then(
    (templates: TemplateSummary[]) => {
      if (life.ended) return;
      const chosen = kind.value;
      kind.replaceChildren(...templates.filter((t) => documentKinds.includes(t.kind)).map((t) => h('option', { value: t.kind }, `${t.label} (${t.kind})`)));
      kind.value = chosen;
      showOptional();
    },
    () => {},
  );
  // Organisations are optional: an older server has no list, and the field then stays hidden.
  api.organisations().then(
    (list: Organisation[] | null) => {
      const usable = (list ?? []).filter((o) => o.kind !== 'ARS');
      if (life.ended || usable.length === 0) return;
      organisation.replaceChildren(
        h('option', { value: '' }, '— aucune —'),
        ...usable.map((o) => h('option', { value: o.id }, o.kind === 'GHT' ? `${o.name} (GHT)` : o.name)),
      );
      organisationField.element.hidden = false;
    },
    () => {},
  );

  const clearErrors = (): void => {
    alert.textContent = '';
    for (const f of [kindField, titleField, organisationField, startField]) f.error.textContent = '';
    for (const c of [kind, title, organisation, start]) c.removeAttribute('aria-invalid');
  };
  const fail = (control: HTMLElement, target: { error: HTMLElement }, message: string): void => {
    target.error.textContent = message;
    control.setAttribute('aria-invalid', 'true');
  };

  const form = h(
    'form',
    { class: 'new-project-form', id: 'new-project-form', novalidate: true, 'aria-labelledby': 'new-project-heading' },
    h('h2', { id: 'new-project-heading' }, 'Nouveau projet'),
    alert,
    kindField.element,
    titleField.element,
    organisationField.element,
    startField.element,
    optional,
    h('p', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    const year = parseStartYear(start.value);
    const name = title.value.trim();
    if (!name) fail(title, titleField, 'Indiquez le titre du projet.');
    if (!year) fail(start, startField, 'Indiquez une année entre 2000 et 2100.');
    if (!name || !year) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    submit.disabled = true;
    api
      .createProject({
        kind: kind.value as DocumentKind,
        title: name,
        ...(organisation.value && !organisationField.element.hidden ? { organisationId: organisation.value } : {}),
        period: periodFrom(year),
        optionalChapters: [...optional.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value),
      })
      .then(
        ({ id }) => {
          if (!life.ended) onCreated(id);
        },
        (error: unknown) => {
          if (life.ended) return;
          submit.disabled = false;
          if (!(error instanceof ApiError)) {
            alert.textContent = unexpectedError;
            return;
          }
          if (error.status === 401) return;
          alert.textContent = error.status === 403 ? 'Votre compte ne permet pas de créer un projet.' : error.message;
          for (const f of error.fields) {
            if (f.path === 'title') fail(title, titleField, f.message);
            else if (f.path === 'kind') fail(kind, kindField, f.message);
            else if (f.path === 'organisationId') fail(organisation, organisationField, f.message);
            else if (f.path.startsWith('period')) fail(start, startField, f.message);
          }
          (form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? alert).focus?.();
        },
      );
  });
  return { element: form, destroy: life.end };
}
