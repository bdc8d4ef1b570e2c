import { h } from '../dom';
import { hashFor } from '../router';

/**
 * The frame of a page about one project (its assignments, its follow-up): the way back to the
 * text, the heading, then the project's title once loaded (`projectLine`) and the page's body.
 */
export function projectSubPageShell(opts: { projectId: string; title: string; className: string; projectLine: HTMLElement; body: HTMLElement }): HTMLElement {
  return h(
    'div',
    { class: `page ${opts.className}` },
    h('p', {}, h('a', { href: hashFor({ name: 'project', projectId: opts.projectId, sectionId: null }) }, 'Retour au projet')),
    h('h1', { tabindex: '-1' }, opts.title),
    opts.projectLine,
    opts.body,
  );
}
