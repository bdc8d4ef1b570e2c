import { h } from '../../dom';
import { createExportButtons } from '../../exports/exportButtons';
import { govHash } from './routes';
import type { Part } from '../../ui/part';

/**
 * What the project page's header shows of governance: the link to the approval calendar and
 * versions, and the downloads of the current text (PDF, DOCX).
 */
export function createProjectGovernanceBar(projectId: string): Part {
  const exports = createExportButtons({ projectId, context: 'le texte actuel' });
  const element = h(
    'div',
    { class: 'project-governance-bar' },
    h('a', { class: 'project-link', id: 'project-calendar-link', href: govHash({ page: 'timeline', projectId }) }, 'Calendrier d’approbation et versions'),
    exports.element,
  );
  return { element, destroy: () => exports.destroy() };
}
