import { api, ApiError, type ProjectDetail } from '../../api';
import { h, type Child } from '../../dom';
import { createExportButtons } from '../../exports/exportButtons';
import { mountPage, type Page } from '../../ui/page';
import type { View } from '../view';
import { formatInstant } from './dates';
import { gov, type VersionDetail } from './govApi';
import { numberSections } from './versionOutline';
import { renderDoc } from './pmRender';
import { govHash } from './routes';
import { createSubmissionPanel } from './submissionPanel';
import { facts, tag } from './ui';

/** A frozen version, read-only: its facts, exports, ARS package, and its whole text. */
export function mountVersionPage(main: HTMLElement, projectId: string, versionId: string): View {
  const render = (version: VersionDetail, project: ProjectDetail, isSecretary: boolean, page: Page): Child[] => {
    const title = `Version ${version.number} « ${version.label} »`;
    page.setTitle(title, project.title);
    const exports = page.own(createExportButtons({ projectId, versionId, context: `la version ${version.number}` }));
    const canSubmit = project.role === 'coordinator' || isSecretary;
    const submission = page.own(createSubmissionPanel({ projectId, versionId, versionNumber: version.number, canCreate: canSubmit }));
    const numbered = numberSections(version.content.sections);
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: govHash({ page: 'timeline', projectId }) }, `Retour au calendrier d’approbation de « ${project.title} »`)),
      h('h1', { tabindex: '-1' }, title),
      h('p', { class: 'lead' }, project.title),
      h('p', { class: 'readonly-note' }, tag('lecture seule', 'info'), ' Une version figée ne change plus : c’est le texte examiné par les instances.'),
      facts([
        ['Figée le', formatInstant(version.createdAt)],
        ['Par', version.createdBy.name],
        ['Empreinte SHA-256', h('code', { class: 'hash' }, version.hash)],
        ['Texte actuel', version.matchesCurrentText ? 'identique à cette version' : 'modifié depuis cette version'],
      ]),
      h(
        'p',
        { class: 'actions' },
        version.matchesCurrentText
          ? null
          : h('a', { href: govHash({ page: 'diff', projectId, from: version.id, to: 'current' }), class: 'button' }, 'Comparer au texte actuel'),
      ),
      h(
        'section',
        { class: 'export-section', 'aria-labelledby': 'version-export-heading' },
        h('h2', { id: 'version-export-heading' }, 'Exporter cette version'),
        exports.element,
      ),
      submission.element,
      h(
        'section',
        { class: 'version-content', 'aria-labelledby': 'version-text-heading' },
        h('h2', { id: 'version-text-heading' }, 'Texte de la version'),
        h(
          'nav',
          { class: 'version-toc', 'aria-label': 'Sommaire de la version' },
          h(
            'ol',
            {},
            ...numbered.map((n) =>
              h(
                'li',
                { style: `margin-left:${n.depth}rem` },
                h('a', { href: `#section-${n.section.id}`, onclick: (e: Event) => jump(e, n.section.id) }, `${n.number} ${n.section.title}`),
              ),
            ),
          ),
        ),
        ...numbered.map((n) =>
          h(
            'section',
            { class: 'version-section', id: `section-${n.section.id}`, 'aria-labelledby': `section-title-${n.section.id}`, tabindex: '-1' },
            h(n.depth === 0 ? 'h3' : 'h4', { id: `section-title-${n.section.id}` }, `${n.number} ${n.section.title}`),
            renderDoc(n.section.text, 'Section sans texte.', 2),
            n.section.blocks.length
              ? h(
                  'p',
                  { class: 'form-hint' },
                  'Cette section comporte des parties structurées (filières, fiches-actions, indicateurs) : elles figurent dans les exports PDF et DOCX.',
                )
              : null,
          ),
        ),
      ),
    ];
  };

  /** In-page anchors would change the route: focus the section instead. */
  const jump = (event: Event, sectionId: string): void => {
    event.preventDefault();
    const target = document.getElementById(`section-${sectionId}`);
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  };

  return mountPage(main, {
    title: 'Version figée',
    className: 'page gov-page version-page',
    loading: 'Chargement de la version…',
    errorHeading: (error) => (error instanceof ApiError && error.status === 404 ? 'Version introuvable' : 'Version figée'),
    load: () => Promise.all([gov.version(projectId, versionId), api.project(projectId), gov.instances().catch(() => [])]),
    render: ([version, project, instances], page) =>
      render(
        version,
        project,
        instances.some((i) => i.canManage),
        page,
      ),
  });
}
