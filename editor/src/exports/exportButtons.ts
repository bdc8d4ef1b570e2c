import '../governance.css';
import { ApiError } from '../api';
import { h, replaceChildren } from '../dom';
import { fetchFile, saveBlob } from './download';
import { elapsedText } from './filename';
import type { Part } from '../ui/part';
import { errorMessage } from '../ui/errors';

type Format = 'pdf' | 'docx';
const formatName: Record<Format, string> = { pdf: 'PDF', docx: 'DOCX' };

/**
 * "Télécharger le PDF" / "Télécharger le DOCX" of the current text or of a frozen version: the
 * export runs on the server (it may take a while for a PDF), so the request shows a spinner and
 * the elapsed time, can be cancelled, and saves the file under the server's name.
 */
export function createExportButtons(input: { projectId: string; versionId?: string | null; context: string }): Part {
  const base = input.versionId
    ? `/api/projects/${encodeURIComponent(input.projectId)}/versions/${encodeURIComponent(input.versionId)}/export`
    : `/api/projects/${encodeURIComponent(input.projectId)}/export`;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const status = h('div', { class: 'export-status', role: 'status', 'aria-live': 'polite' });
  const alert = h('div', { class: 'export-error', role: 'alert' });
  const buttons: Record<Format, HTMLButtonElement> = {
    pdf: h('button', { type: 'button', class: 'button button-secondary', 'data-export': 'pdf' }, 'Télécharger le PDF'),
    docx: h('button', { type: 'button', class: 'button button-secondary', 'data-export': 'docx' }, 'Télécharger le DOCX'),
  };
  const element = h(
    'div',
    { class: 'export-buttons', role: 'group', 'aria-label': `Exporter ${input.context}` },
    h('div', { class: 'export-actions' }, buttons.pdf, buttons.docx),
    status,
    alert,
  );

  const stopTimer = (): void => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  const finish = (): void => {
    stopTimer();
    controller = null;
    buttons.pdf.disabled = false;
    buttons.docx.disabled = false;
  };

  const start = async (format: Format): Promise<void> => {
    if (controller) return;
    controller = new AbortController();
    const mine = controller;
    buttons.pdf.disabled = true;
    buttons.docx.disabled = true;
    alert.replaceChildren();
    const started = Date.now();
    const elapsed = h('span', { class: 'export-elapsed', 'aria-hidden': 'true' }, '0 s');
    const spoken = h('span', { class: 'sr-only' }, '');
    const cancel = h('button', { type: 'button', class: 'button button-tertiary export-cancel', onclick: () => mine.abort() }, 'Annuler');
    replaceChildren(
      status,
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      h('span', { class: 'export-progress-text' }, `Préparation du ${formatName[format]} en cours… `),
      elapsed,
      spoken,
      cancel,
    );
    timer = setInterval(() => {
      const seconds = Math.floor((Date.now() - started) / 1000);
      elapsed.textContent = `${seconds} s`;
      // Announced every 10 seconds, not every second.
      if (seconds > 0 && seconds % 10 === 0) spoken.textContent = `Toujours en cours : ${elapsedText(seconds)}.`;
    }, 1000);
    try {
      const file = await fetchFile(`${base}.${format}`, `export.${format}`, mine.signal);
      finish();
      saveBlob(file);
      replaceChildren(
        status,
        h('span', { class: 'export-done' }, `${formatName[format]} prêt : ${file.filename} (${elapsedText((Date.now() - started) / 1000)}).`),
      );
    } catch (error) {
      finish();
      if (error instanceof ApiError && error.code === 'aborted') {
        replaceChildren(status, h('span', {}, `Export ${formatName[format]} annulé.`));
        buttons[format].focus();
        return;
      }
      status.replaceChildren();
      replaceChildren(alert, h('p', {}, `Export ${formatName[format]} impossible : ${errorMessage(error)}`));
    }
  };

  buttons.pdf.addEventListener('click', () => void start('pdf'));
  buttons.docx.addEventListener('click', () => void start('docx'));

  return {
    element,
    destroy() {
      controller?.abort();
      stopTimer();
    },
  };
}
