import { projectRoles, type ProjectRole } from '../../../schemas/project';
import { api, ApiError, type Member } from '../api';
import { h, replaceChildren } from '../dom';
import { nextId } from '../blocks/ids';
import { roleLabel } from '../labels';

/**
 * The project's members, for its coordinators: change a role, remove someone. The server closes
 * that person's open editing sessions at once (their rights end with the change).
 */
export function createMembersPanel(projectId: string, selfId: string) {
  const list = h('ul', { class: 'members-list' });
  const live = h('p', { class: 'members-status', role: 'status', 'aria-live': 'polite' });
  const element = h(
    'details',
    { class: 'members-panel' },
    h('summary', {}, 'Membres du projet'),
    list,
    live,
  );

  const report = (error: unknown): void => {
    live.textContent = error instanceof ApiError ? error.message : 'La modification n’a pas pu être enregistrée.';
  };

  const row = (member: Member): HTMLElement => {
    const selectId = nextId('role-membre');
    const select = h('select', { id: selectId }, ...projectRoles.map((r) => h('option', { value: r }, roleLabel[r])));
    select.value = member.role;
    select.disabled = member.id === selfId;
    select.addEventListener('change', () => {
      const role = select.value as ProjectRole;
      api.setMemberRole(projectId, member.id, role).then(
        () => {
          live.textContent = `${member.name} est maintenant ${roleLabel[role].toLowerCase()}.`;
          void refresh();
        },
        (error: unknown) => {
          select.value = member.role;
          report(error);
        },
      );
    });
    const remove = h('button', { type: 'button', class: 'button button-tertiary button-small' }, 'Retirer');
    remove.hidden = member.id === selfId;
    remove.addEventListener('click', () => {
      if (!confirm(`Retirer ${member.name} du projet ? Ses sessions d’édition ouvertes seront fermées.`)) return;
      api.removeMember(projectId, member.id).then(() => {
        live.textContent = `${member.name} a été retiré(e) du projet.`;
        void refresh();
      }, report);
    });
    return h(
      'li',
      { class: 'member' },
      h('span', { class: 'member-name' }, member.name, h('span', { class: 'member-email' }, ` ${member.email}`)),
      h('label', { for: selectId, class: 'sr-only' }, `Rôle de ${member.name}`),
      select,
      remove,
    );
  };

  const refresh = async (): Promise<void> => {
    try {
      const members = await api.members(projectId);
      replaceChildren(list, ...members.map(row));
    } catch (error) {
      report(error);
    }
  };
  element.addEventListener('toggle', () => {
    if ((element as HTMLDetailsElement).open) void refresh();
  });
  return { element, refresh };
}
