import type { ChapterChoice, ConfirmedLine, ImportOutcome, ImportPreview, ImportUndone, MappingLine } from '../../../schemas/api/imports';
import { api, ApiError, errorOfResponse, request } from '../api';
import { h, replaceChildren } from '../dom';
import { hashFor } from '../router';
import type { View } from './view';
import { errorMessage } from '../ui/errors';
import { mountPage, type Page } from '../ui/page';

const mediaTypes: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
};

const unsortedValue = '__a-classer';
const skipValue = '__ignorer';

/** Sends the file as the raw body (the server's CSRF rule: the browser adds the same-origin Origin). */
async function uploadDocument(projectId: string, file: File): Promise<ImportPreview> {
  const extension = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const type = mediaTypes[extension];
  if (!type) throw new ApiError(415, 'unsupported_media_type', 'Choisissez un fichier .docx (Word) ou .odt (LibreOffice).');
  let res: Response;
  try {
    res = await fetch(`/api/projects/${encodeURIComponent(projectId)}/imports?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': type, Accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', 'Le serveur est injoignable. Vérifiez votre connexion réseau puis réessayez.');
  }
  if (!res.ok) throw await errorOfResponse(res);
  return (await res.json()) as ImportPreview;
}

const headingText = (line: MappingLine): string => line.heading ?? 'Texte avant le premier titre';

/** One editable mapping line: source heading and excerpt → target (chapter, « À classer », ignore), and what to do with a chapter that has text. */
function mappingRow(line: MappingLine, chapters: ChapterChoice[], index: number): { row: HTMLTableRowElement; value(): ConfirmedLine } {
  const targetId = `cible-${index}`;
  const target = h(
    'select',
    { id: targetId, class: 'import-target', 'data-part': line.partId },
    h('option', { value: unsortedValue }, '« À classer » (section créée à la fin)'),
    h('option', { value: skipValue }, 'Ne pas importer'),
    ...chapters.map((c) =>
      h('option', { value: c.sectionId }, `${c.number} ${c.title}${c.hasText ? ' (a déjà du texte)' : ''}${c.locked ? ' (verrouillé)' : ''}`),
    ),
  );
  target.value = line.action === 'section' && line.sectionId ? line.sectionId : line.action === 'skip' ? skipValue : unsortedValue;
  const whenNotEmpty = h(
    'select',
    { class: 'import-when-not-empty', 'aria-label': `Si le chapitre a déjà du texte : ${headingText(line)}` },
    h('option', { value: 'append' }, 'Ajouter à la suite'),
    h('option', { value: 'replace' }, 'Remplacer le texte'),
    h('option', { value: 'skip' }, 'Garder le texte existant'),
  );
  whenNotEmpty.value = line.whenNotEmpty;
  const whenCell = h('td', {}, whenNotEmpty);
  const sync = (): void => {
    const chapter = chapters.find((c) => c.sectionId === target.value);
    whenCell.hidden = false;
    whenNotEmpty.hidden = !chapter?.hasText;
  };
  target.addEventListener('change', sync);
  sync();
  const row = h(
    'tr',
    { 'data-part': line.partId, class: `import-level-${line.level}` },
    h(
      'th',
      { scope: 'row' },
      h('label', { for: targetId, class: 'import-heading' }, headingText(line)),
      line.excerpt ? h('p', { class: 'import-excerpt' }, line.excerpt.length >= 240 ? `${line.excerpt}…` : line.excerpt) : null,
      line.structured.length ? h('p', { class: 'import-structured' }, `Reconnu : ${line.structured.join(', ')}`) : null,
    ),
    h(
      'td',
      {},
      target,
      line.suggestion
        ? h(
            'p',
            { class: 'form-hint' },
            `Proposé : ${line.suggestion.number} ${line.suggestion.title} (ressemblance ${Math.round(line.suggestion.score * 100)} %)`,
          )
        : null,
    ),
    whenCell,
  );
  return {
    row,
    value: () => {
      const action = target.value === unsortedValue ? 'unsorted' : target.value === skipValue ? 'skip' : 'section';
      return {
        partId: line.partId,
        action,
        sectionId: action === 'section' ? target.value : null,
        whenNotEmpty: whenNotEmpty.value as ConfirmedLine['whenNotEmpty'],
      };
    },
  };
}

function reportBlock(preview: ImportPreview): HTMLElement {
  const { report } = preview;
  return h(
    'section',
    { class: 'docimport-report', 'aria-labelledby': 'docimport-report-title' },
    h('h2', { id: 'docimport-report-title' }, 'Rapport de conversion'),
    h(
      'p',
      {},
      `${report.fileName} — ${report.format.toUpperCase()}, ${Math.ceil(report.bytes / 1024)} Ko, ${report.parts} parties. Empreinte SHA-256 : `,
      h('code', {}, report.sha256),
    ),
    report.images.found > 0
      ? h(
          'p',
          {},
          `Images gardées : ${report.images.kept} sur ${report.images.found}, à leur place dans le texte, enregistrées avec le projet à l’application${report.images.kept < report.images.found ? ' ; les autres sont listées ci-dessous' : ''}.`,
        )
      : null,
    report.structured.length
      ? h('p', {}, `Tableaux reconnus comme parties structurées : ${report.structured.map((s) => `${s.label} (${s.heading ?? 'début'})`).join(' ; ')}.`)
      : null,
    report.dropped.length
      ? h(
          'ul',
          { class: 'import-dropped' },
          ...report.dropped.map((d) =>
            h('li', {}, `${d.what} : ${d.count}`, d.details.length ? h('span', { class: 'form-hint' }, ` — ${d.details.join(' ; ')}`) : null),
          ),
        )
      : h('p', {}, 'Rien n’a été écarté.'),
  );
}

/**
 * The import page of a project (`#/projets/:id/import`): choose a DOCX or ODT, read the
 * conversion report and the proposed mapping, change any line, then import (one change for
 * every editor, which can be undone as one).
 */
export function mountImportPage(main: HTMLElement, projectId: string): View {
  const status = h('div', { role: 'status', 'aria-live': 'polite', class: 'import-status' });
  const alert = h('div', { class: 'alert alert-error', role: 'alert' });
  const result = h('div', { class: 'import-result' });
  const input = h('input', {
    type: 'file',
    id: 'import-file',
    accept: '.docx,.odt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text',
  });
  const analyse = h('button', { type: 'submit', class: 'button' }, 'Analyser le document');
  const projectLink = h('a', { href: hashFor({ name: 'project', projectId, sectionId: null }) }, 'Retour au projet');
  const title = h('h1', { tabindex: '-1' }, 'Importer un document Word ou LibreOffice');
  const form = h(
    'form',
    { class: 'import-form' },
    h('div', { class: 'form-field' }, h('label', { for: 'import-file' }, 'Document (.docx ou .odt, 50 Mo au plus)'), input),
    h('p', { class: 'form-hint' }, 'Rien n’est écrit dans le projet avant votre confirmation : vous verrez d’abord où chaque partie du document ira.'),
    analyse,
  );
  // The form is there at once; the project's title only names the page once it arrives.
  let page: Page | null = null;
  const view = mountPage(main, {
    title: 'Importer un document',
    className: 'import-project',
    loading: null,
    shell: (slot, importPage) => {
      page = importPage;
      return h('div', { class: 'page import-page' }, h('p', {}, projectLink), title, form, status, alert, result, slot);
    },
    load: () => api.project(projectId).catch(() => null),
    render: (project, importPage) => {
      if (project) importPage.setTitle('Importer un document', project.title);
      return [];
    },
  });
  const destroyed = (): boolean => page?.destroyed ?? true;
  title.focus();

  const showError = (error: unknown): void => {
    replaceChildren(alert, errorMessage(error));
    alert.focus();
  };

  const showOutcome = (preview: ImportPreview, outcome: ImportOutcome): void => {
    const undo = h('button', { type: 'button', class: 'button button-secondary' }, 'Annuler l’import');
    undo.addEventListener('click', () => {
      undo.disabled = true;
      request<ImportUndone>('POST', `/api/projects/${encodeURIComponent(projectId)}/imports/${encodeURIComponent(preview.importId)}/undo`).then(
        () =>
          replaceChildren(
            result,
            h('div', { class: 'alert alert-info', role: 'status' }, 'Import annulé : le projet est revenu à son état d’avant.'),
            projectLink.cloneNode(true),
          ),
        (error: unknown) => {
          undo.disabled = false;
          showError(error);
        },
      );
    });
    replaceChildren(
      result,
      h(
        'div',
        { class: 'alert alert-info', role: 'status' },
        h(
          'p',
          {},
          `Import terminé : ${outcome.sections.length} chapitre${outcome.sections.length > 1 ? 's' : ''} complété${outcome.sections.length > 1 ? 's' : ''}${outcome.structured.length ? `, ${outcome.structured.map((s) => s.label).join(', ')}` : ''}.`,
        ),
        outcome.keptAsTables.length
          ? h('p', {}, `Gardés en tableaux (le chapitre n’a pas ce bloc) : ${outcome.keptAsTables.map((s) => s.label).join(', ')}.`)
          : null,
        outcome.unsortedSectionId
          ? h('p', {}, h('a', { href: hashFor({ name: 'project', projectId, sectionId: outcome.unsortedSectionId }) }, 'Ouvrir la section « À classer »'))
          : null,
      ),
      h('p', { class: 'actions' }, h('a', { class: 'button', href: hashFor({ name: 'project', projectId, sectionId: null }) }, 'Ouvrir le projet'), undo),
    );
  };

  const showPreview = (preview: ImportPreview): void => {
    const rows = preview.mapping.map((line, i) => mappingRow(line, preview.chapters, i));
    const confirm = h('button', { type: 'button', class: 'button' }, 'Importer dans le projet');
    confirm.addEventListener('click', () => {
      confirm.disabled = true;
      alert.replaceChildren();
      replaceChildren(status, 'Import en cours…');
      request<ImportOutcome>('POST', `/api/projects/${encodeURIComponent(projectId)}/imports/${encodeURIComponent(preview.importId)}/apply`, {
        mapping: rows.map((r) => r.value()),
      }).then(
        (outcome) => {
          status.replaceChildren();
          if (!destroyed()) showOutcome(preview, outcome);
        },
        (error: unknown) => {
          status.replaceChildren();
          confirm.disabled = false;
          showError(error);
        },
      );
    });
    replaceChildren(
      result,
      reportBlock(preview),
      h(
        'section',
        { 'aria-labelledby': 'import-mapping-title' },
        h('h2', { id: 'import-mapping-title' }, 'Où va chaque partie'),
        h(
          'table',
          { class: 'import-mapping' },
          h('caption', { class: 'sr-only' }, 'Parties du document et chapitre de destination'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Partie du document'),
              h('th', { scope: 'col' }, 'Destination'),
              h('th', { scope: 'col' }, 'Si le chapitre a déjà du texte'),
            ),
          ),
          h('tbody', {}, ...rows.map((r) => r.row)),
        ),
        h('p', { class: 'actions' }, confirm),
      ),
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    alert.replaceChildren();
    if (!file) return showError(new ApiError(400, 'validation_failed', 'Choisissez un fichier .docx ou .odt.'));
    analyse.disabled = true;
    replaceChildren(status, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' Analyse du document…');
    uploadDocument(projectId, file).then(
      (preview) => {
        analyse.disabled = false;
        status.replaceChildren();
        if (!destroyed()) showPreview(preview);
      },
      (error: unknown) => {
        analyse.disabled = false;
        status.replaceChildren();
        showError(error);
      },
    );
  });

  return view;
}
