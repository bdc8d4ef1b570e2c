import { createHash } from 'node:crypto';
import type { DocumentModel } from '../model/types';
import type { ArchivalInfo } from '../pdf/archival/toPdfA';
import { commentsAnchor, documentView, timelineAnchor, type TocEntry } from './documentView';
import { exportTemplate } from './handlebars';

export interface DocumentHtml {
  /** The print HTML, its table of contents without page numbers. */
  html: string;
  toc: TocEntry[];
  /**
   * Same key ⇒ same layout: a hash of the HTML without the production time (the only text that
   * changes between two exports of the same content, and it cannot change the layout).
   */
  layoutKey: string;
  /** The HTML with these page numbers in the table of contents (anchor → page). */
  withPages(pages: Map<string, number>): string;
  /** What the PDF's metadata says (title, organisation, version). */
  archival: ArchivalInfo;
}

/** The table of contents with its page numbers (or blank ones). */
export function renderTocHtml(toc: TocEntry[]): string {
  return exportTemplate('partials/toc')({ toc });
}

export const fillToc = (toc: TocEntry[], pages: Map<string, number>): TocEntry[] => toc.map((entry) => ({ ...entry, page: pages.get(entry.anchor) ?? null }));

/** The print HTML of a document (Handlebars, escaping on), ready for the PDF renderer. */
export function renderDocumentHtml(model: DocumentModel): DocumentHtml {
  const view = documentView(model);
  const html = exportTemplate('document')({
    meta: model.meta,
    chapters: view.chapters,
    toc: view.toc,
    timeline: model.timeline,
    timelineAnchor,
    reviewComments: model.reviewComments,
    commentsAnchor,
  });
  const blankToc = renderTocHtml(view.toc);
  const at = html.indexOf(blankToc);
  if (at < 0) throw new Error('document template does not include the table of contents partial');
  return {
    html,
    toc: view.toc,
    layoutKey: createHash('sha256').update(html.replace(model.meta.generatedAt, '')).digest('hex'),
    withPages: (pages) => html.slice(0, at) + renderTocHtml(fillToc(view.toc, pages)) + html.slice(at + blankToc.length),
    archival: {
      title: model.meta.title,
      author: model.meta.organisation,
      subject: `${model.meta.kindLabel} — ${model.meta.versionLabel}`,
      language: 'fr-FR',
    },
  };
}
