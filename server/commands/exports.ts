import type { RenderedDocx } from '../export/docx/docxRenderer';
import { checkExportSize } from '../export/exportSize';
import { contentTypes, exportFilename, type ExportedFile, type ExportFormat } from '../export/files';
import { renderDocumentHtml } from '../export/html/renderHtml';
import { modelFromState } from '../export/model/fromState';
import { modelSourceFor } from '../export/modelSource';
import type { UserRecord } from '../store/users';
import type { Deps } from './deps';
import { findReadableProject } from './projects';

/**
 * Exports a project's current text (`versionId` null) or a frozen version as PDF or DOCX. Anyone
 * who may read the project may export it, one export of each format at a time (429 for the
 * next), a document up to `exportMaxBytes` (413 beyond). The DOCX is built and rendered in a
 * worker thread. `signal` aborts the export when its client leaves.
 */
export async function exportDocument(
  deps: Deps,
  user: UserRecord,
  input: { projectId: string; versionId: string | null; format: ExportFormat },
  signal?: AbortSignal,
): Promise<ExportedFile> {
  const project = findReadableProject(deps, user, input.projectId);
  return deps.exportSlots.hold(user.id, input.format, async () => {
    const source = checkExportSize(modelSourceFor(deps, project, input.versionId), deps.config.exportMaxBytes);
    const file = async (): Promise<RenderedDocx> => {
      if (input.format === 'docx') return deps.docx.render(source, { signal });
      const model = modelFromState(source.state, source.context);
      return { data: await deps.pdf.renderDocument(renderDocumentHtml(model), { signal }), meta: model.meta };
    };
    const { data, meta } = await file();
    return { filename: exportFilename({ meta }, source.version?.number ?? null, input.format), contentType: contentTypes[input.format], data };
  });
}
