import { checkExportSize } from '../export/exportSize';
import { contentTypes, exportFilename, type ExportedFile, type ExportFormat } from '../export/files';
import { renderDocumentHtml } from '../export/html/renderHtml';
import { modelFromState } from '../export/model/fromState';
import type { DocumentMeta } from '../export/model/types';
import type { ModelSource } from '../export/model/fromState';
import { modelSourceFor } from '../export/modelSource';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';

/** The PDF, its document built once its Chromium slot is held (one document built at a time). */
async function renderPdf(deps: Deps, source: ModelSource, signal: AbortSignal | undefined): Promise<{ data: Uint8Array; meta: DocumentMeta }> {
  const built: { meta?: DocumentMeta } = {};
  const data = await deps.pdf.renderDocument(
    () => {
      const model = modelFromState(source.state, source.context);
      built.meta = model.meta;
      return renderDocumentHtml(model);
    },
    { signal },
  );
  // Set when the document was built, which precedes any PDF.
  return { data, meta: built.meta! };
}

/**
 * Exports a project's current text (`versionId` null) or a frozen version as PDF or DOCX. Anyone
 * who may read the project may export it, one export of each format at a time (429 for the
 * next), a document up to `exportMaxBytes` (413 beyond). The DOCX is built and rendered in a
 * worker thread. `signal` aborts the export when its client leaves.
 */
export async function exportDocument(
  deps: Deps,
  user: UserRecord,
  input: { projectId: string; versionId: string | null; format: ExportFormat; workingCopy?: boolean },
  signal?: AbortSignal,
): Promise<ExportedFile> {
  const project = findReadableProject(deps, user, input.projectId);
  return deps.exportSlots.hold(user.id, input.format, async () => {
    const source = checkExportSize(modelSourceFor(deps, project, input.versionId, new Date(), input.workingCopy === true), deps.config.exportMaxBytes);
    const { data, meta } = input.format === 'docx' ? await deps.docx.render(source, { signal }) : await renderPdf(deps, source, signal);
    const filename = exportFilename({ meta }, source.version?.number ?? null, input.format);
    return {
      filename: input.workingCopy ? filename.replace(/-texte-courant\./, '-version-de-travail.') : filename,
      contentType: contentTypes[input.format],
      data,
    };
  });
}
