import { projectRoles, type ProjectRole } from '../../../schemas/project';
import { api, ApiError, type Member } from '../api';
import { h, replaceChildren } from '../dom';
import { nextId } from '../blocks/ids';
import { roleLabel } from '../labels';
import { createLifetime, type Part } from '../ui/part';

/**
 * The project's members, for its coordinators: change a role, remove someone. The server closes
 * that person's open editing sessions at once (their rights end with the change).
 */
export function createMembersPanel(projectId: string, selfId: string): Part & { refresh(): Promise<void> } {
  const life = createLifetime();
  const list = h('ul', { class: 'members-list' });
  const live = h('p', { class: 'members-status', role: 'status', 'aria-live': 'polite' });
  const searchId = nextId('ajout-membre');
  const search = h('input', { type: 'search', id: searchId, autocomplete: 'off', minlength: 2, maxlength: 100 });
  const found = h('ul', { class: 'members-found' });
  const element = h(
    'details',
    { class: 'members-panel' },
    h('summary', {}, 'Membres du projet'),
    list,
    h('div', { class: 'form-field' }, h('label', { for: searchId }, 'Ajouter un membre (nom ou adresse)'), search),
    found,
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

  let searched = '';
  const runSearch = (): void => {
    const query = search.value.trim();
    if (query === searched) return;
    searched = query;
    if (query.length < 2) return replaceChildren(found);
    api.searchUsers(query).then((users) => {
      if (life.ended || search.value.trim() !== query) return;
      replaceChildren(
        found,
        ...users.map((user) => {
          const add = (role: ProjectRole) => {
            api.setMemberRole(projectId, user.id, role).then(() => {
              live.textContent = `${user.name} est ajouté(e) au projet comme ${roleLabel[role].toLowerCase()}.`;
              search.value = '';
              searched = '';
              replaceChildren(found);
              void refresh();
            }, report);
          };
          return h(
            'li',
            { class: 'member-found' },
            h('span', {}, user.name, user.function ? `, ${user.function}` : '', h('span', { class: 'member-email' }, ` ${user.email}`)),
            h('button', { type: 'button', class: 'button button-secondary', onclick: () => add('editor') }, 'Ajouter comme rédacteur'),
            h('button', { type: 'button', class: 'button button-tertiary', onclick: () => add('reader') }, 'comme lecteur'),
          );
        }),
        ...(users.length === 0 ? [h('li', { class: 'empty' }, 'Aucun compte trouvé parmi les organisations que vous voyez.')] : []),
      );
    }, report);
  };
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 250);
  });
  life.onEnd(() => clearTimeout(searchTimer));

  const refresh = async (): Promise<void> => {
    try {
      const members = await api.members(projectId);
      if (!life.ended) replaceChildren(list, ...members.map(row));
    } catch (error) {
      report(error);
    }
  };
  element.addEventListener('toggle', () => {
    if ((element as HTMLDetailsElement).open) void refresh();
  });
  return { element, refresh, destroy: life.end };
}
