import type * as Y from 'yjs';
import { sectionEntry } from '../../../schemas/docLayout';
import { sectionStatuses, type SectionNode, type SectionStatus } from '../../../schemas/project';
import { ApiError, request, type Member } from '../api';
import { nextId } from '../blocks/ids';
import { h, replaceChildren } from '../dom';
import { roleLabel, statusLabel } from '../labels';
import { createNotApplicableControl } from './notApplicableControl';
import type { PmpItemsSource } from '../blocks/pmpLinkField';
import { createChapterPmpLink } from './chapterPmpLink';
import { formatDay, parisDay } from '../ui/dates';
import type { UpdatablePart } from '../ui/part';

export interface SectionMetaOptions {
  projectId: string;
  doc: Y.Doc;
  sectionId: string;
  /** Editors (and coordinators) who may write in this section set its status. */
  canSetStatus: boolean;
  /** Coordinators assign the section, set its due date and lock it. */
  canManage: boolean;
  /** The GHT's PMP items a coordinator may link the chapter to (absent: no link offered). */
  pmpItems?: PmpItemsSource;
}

/** "Dr Claire Martin, Marc Leroy" from ids, with the members' names when known. */
export function assigneeNames(ids: string[], members: Member[] | null): string {
  return ids.map((id) => members?.find((m) => m.id === id)?.name ?? 'membre inconnu').join(', ');
}

/**
 * Who writes the section, for when, where it stands: shown to everyone; the controls (status,
 * assignees, due date, lock) are built once per section and updated in place, so a select the
 * user is in is never rebuilt under them. The outline belongs to the server (docs/YJS.md): a
 * change goes through the API, which applies it to the shared document for everyone.
 */
export function createSectionMeta(options: SectionMetaOptions): UpdatablePart<{ node: SectionNode; members: Member[] | null }> {
  const entry = (): Y.Map<unknown> | undefined => sectionEntry(options.doc, options.sectionId);
  const summary = h('p', { class: 'section-assignment' });
  const live = h('p', { class: 'sr-only', 'aria-live': 'polite' });
  const patch = (body: Record<string, unknown>, done: string): void => {
    live.textContent = '';
    request('PATCH', `/api/projects/${encodeURIComponent(options.projectId)}/sections/${encodeURIComponent(options.sectionId)}`, body).then(
      () => {
        live.textContent = done;
      },
      (error: unknown) => {
        live.textContent = error instanceof ApiError ? error.message : 'La modification n’a pas pu être enregistrée.';
      },
    );
  };
  const parts: HTMLElement[] = [summary];

  let statusSelect: HTMLSelectElement | null = null;
  if (options.canSetStatus) {
    const id = nextId('statut');
    // "validé" is the coordinator's decision (the server refuses it to others): a rédacteur sees
    // it only as the current state, asks with "à valider", and cannot take it back.
    statusSelect = h(
      'select',
      { id, 'aria-describedby': `${id}-hint` },
      ...sectionStatuses.map((s) => h('option', { value: s, disabled: s === 'valide' && !options.canManage }, statusLabel[s])),
    );
    statusSelect.addEventListener('change', () => {
      const status = statusSelect!.value as SectionStatus;
      patch({ status }, `Statut de la section : ${statusLabel[status]}.`);
    });
    const hint = options.canManage
      ? null
      : h('p', { class: 'form-hint', id: `${id}-hint` }, 'Un coordonnateur valide la section : passez-la « à valider » pour le lui demander.');
    parts.push(h('div', { class: 'form-field inline-field' }, h('label', { for: id }, 'Statut de la section'), statusSelect, hint));
  }

  let dueInput: HTMLInputElement | null = null;
  let lockButton: HTMLButtonElement | null = null;
  const assigneesBox = h('fieldset', { class: 'form-field assignees-choice' }, h('legend', {}, 'Attribuée à'));
  let membersKey = '';
  if (options.canManage) {
    const id = nextId('echeance');
    dueInput = h('input', { type: 'date', id });
    // "change" fires once a whole date is entered (or the field cleared), not on each keystroke.
    dueInput.addEventListener('change', () => {
      patch({ dueDate: dueInput!.value || null }, dueInput!.value ? 'Échéance enregistrée.' : 'Échéance retirée.');
    });
    lockButton = h('button', { type: 'button', class: 'button button-secondary' });
    lockButton.addEventListener('click', () => {
      const locked = entry()?.get('locked') === true;
      patch({ locked: !locked }, locked ? 'Section déverrouillée.' : 'Section verrouillée : seuls les coordonnateurs peuvent la modifier.');
    });
    parts.push(
      h(
        'details',
        { class: 'section-manage' },
        h('summary', {}, 'Attribution, échéance et verrouillage'),
        h(
          'div',
          { class: 'section-manage-body' },
          assigneesBox,
          h('div', { class: 'form-field' }, h('label', { for: id }, 'Échéance'), dueInput),
          h('p', {}, lockButton),
        ),
      ),
    );
  }

  const renderAssignees = (node: SectionNode, members: Member[] | null): void => {
    const key = JSON.stringify(members?.map((m) => [m.id, m.name]) ?? null);
    if (key !== membersKey) {
      membersKey = key;
      const boxes = (members ?? []).map((member) => {
        const id = nextId('membre');
        const box = h('input', { type: 'checkbox', id, value: member.id });
        box.addEventListener('change', () => {
          const chosen = [...assigneesBox.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
          patch({ assignees: chosen }, 'Attribution enregistrée.');
        });
        return h('div', { class: 'checkbox' }, box, h('label', { for: id }, `${member.name} (${roleLabel[member.role]})`));
      });
      replaceChildren(
        assigneesBox,
        h('legend', {}, 'Attribuée à'),
        ...(members ? boxes : [h('p', { class: 'empty' }, 'La liste des membres n’est pas disponible (hors ligne ?).')]),
      );
    }
    const chosen = new Set(node.assignees);
    for (const box of assigneesBox.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) box.checked = chosen.has(box.value);
  };

  const notApplicable = createNotApplicableControl(options);
  const pmpLink =
    options.pmpItems && options.canManage
      ? createChapterPmpLink({
          source: options.pmpItems,
          save: (pmpItemId) => patch({ pmpItemId }, pmpItemId ? 'Chapitre relié au PMP.' : 'Lien au PMP retiré.'),
        })
      : null;
  const element = h('div', { class: 'section-meta' }, ...parts, pmpLink?.element, notApplicable.element, live);
  return {
    element,
    update({ node, members }): void {
      notApplicable.update(node);
      pmpLink?.update(node);
      const overdue = node.dueDate !== null && node.dueDate < parisDay() && node.status !== 'valide';
      replaceChildren(
        summary,
        h('span', {}, h('strong', {}, 'Attribuée à : '), node.assignees.length > 0 ? assigneeNames(node.assignees, members) : 'personne'),
        h(
          'span',
          {},
          h('strong', {}, 'Échéance : '),
          node.dueDate ? formatDay(node.dueDate) : 'aucune',
          overdue ? h('span', { class: 'overdue-badge' }, 'en retard') : null,
        ),
      );
      if (statusSelect && statusSelect.value !== node.status) statusSelect.value = node.status;
      if (statusSelect && !options.canManage) statusSelect.disabled = node.status === 'valide';
      if (dueInput && document.activeElement !== dueInput && dueInput.value !== (node.dueDate ?? '')) dueInput.value = node.dueDate ?? '';
      if (lockButton) lockButton.textContent = node.locked ? 'Déverrouiller la section' : 'Verrouiller la section';
      if (options.canManage) renderAssignees(node, members);
    },
    destroy() {
      notApplicable.destroy();
      pmpLink?.destroy();
    },
  };
}
