import { renderDocx } from '../export/docx/renderDocx';
import { contentTypes, exportFilename, type ExportedFile, type ExportFormat } from '../export/files';
import { renderDocumentHtml } from '../export/html/renderHtml';
import { documentModelFor } from '../export/modelSource';
import type { UserRecord } from '../store/users';
import type { Deps } from './deps';
import { findReadableProject } from './projects';

/**
 * Exports a project's current text (`versionId` null) or a frozen version as PDF or DOCX. Anyone
 * who may read the project may export it. `signal` aborts a PDF export when its client leaves.
 */
export async function exportDocument(
  deps: Deps,
  user: UserRecord,
  input: { projectId: string; versionId: string | null; format: ExportFormat },
  signal?: AbortSignal,
): Promise<ExportedFile> {
  const project = findReadableProject(deps, user, input.projectId);
  const { model, version } = documentModelFor(deps, project, input.versionId);
  const data = input.format === 'pdf' ? await deps.pdf.renderDocument(renderDocumentHtml(model), signal) : await renderDocx(model);
  return { filename: exportFilename(model, version?.number ?? null, input.format), contentType: contentTypes[input.format], data };
}
