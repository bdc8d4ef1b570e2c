import { h, replaceChildren, type Child } from '../../dom';
import { session } from '../../session';
import { hashFor } from '../../router';
import { focusOn, focusTitleIfLost, mountPage, type Page } from '../../ui/page';
import type { View } from '../view';
import { instanceSecretaries } from './instanceSecretaries';
import { invitationForm } from './invitationForm';
import { placementForm } from './placementForm';
import { regulatoryInstancesForm } from './regulatoryInstancesForm';
import { roleGrantForm } from './roleGrant';
import { userImportPanel } from './userImportPanel';
import { adminApi, etablissementTypeLabel, organisationKindLabel, roleLabels, type AdminOrganisation } from './adminApi';
import { errorMessage } from '../../ui/errors';

/** The roles an organisation gives: an ARS reads and administers, a hospital or GHT works. */
export const organisationRoles = (organisation: AdminOrganisation): string[] =>
  organisation.kind === 'ARS' ? ['ars_reader', 'org_admin'] : ['member', 'secretary', 'template_manager', 'org_admin'];

/** Name and FINESS (the organisation's own administrators may change them), and archiving. */
function identityForm(organisation: AdminOrganisation, reload: () => void): HTMLElement {
  const name = h('input', { type: 'text', id: 'org-edit-name', value: organisation.name, maxlength: 300 });
  const finess = h('input', { type: 'text', id: 'org-edit-finess', value: organisation.finess ?? '', maxlength: 9 });
  const status = h('p', { role: 'status', class: 'form-status' });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, 'Enregistrer');
  const archive = h('button', { type: 'button', class: 'button button-secondary', id: 'org-archive' }, organisation.archived ? 'Désarchiver' : 'Archiver');
  archive.addEventListener('click', () => {
    if (!organisation.archived && !confirm(`Archiver « ${organisation.name} » ? Rien n’est supprimé : ses actes, séances et projets restent consultables.`))
      return;
    adminApi.update(organisation.id, { archived: !organisation.archived }).then(reload, (e: unknown) => (status.textContent = errorMessage(e)));
  });
  const form = h(
    'form',
    { class: 'admin-form', novalidate: true },
    h('div', { class: 'form-field' }, h('label', { for: name.id }, 'Nom'), name),
    h('div', { class: 'form-field' }, h('label', { for: finess.id }, 'FINESS juridique'), finess),
    h('p', { class: 'actions' }, save, archive),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    adminApi.update(organisation.id, { name: name.value.trim(), finess: finess.value.trim() || null }).then(
      () => {
        status.textContent = 'Modifications enregistrées.';
      },
      (e: unknown) => (status.textContent = errorMessage(e)),
    );
  });
  return form;
}

/** Who holds which role in the organisation, each revocable (the server audits it). */
function rolesList(organisationId: string): { element: HTMLElement; load(): void } {
  const list = h('ul', { class: 'roles-list' });
  const status = h('p', { role: 'status', class: 'form-status' });
  const load = (): void => {
    adminApi.roles(organisationId).then(
      (roles) =>
        replaceChildren(
          list,
          ...(roles.length === 0
            ? [h('li', { class: 'empty' }, 'Personne n’a encore de rôle dans cette organisation.')]
            : roles.map((r) => {
                const revoke = h('button', { type: 'button', class: 'button button-tertiary' }, 'Retirer ce rôle');
                revoke.addEventListener('click', () => {
                  if (!confirm(`Retirer à ${r.name} le rôle « ${roleLabels[r.role] ?? r.role} » ?`)) return;
                  adminApi.revokeRole(organisationId, r.userId, r.role).then(
                    () => {
                      status.textContent = `Rôle retiré à ${r.name}.`;
                      load();
                    },
                    (e: unknown) => (status.textContent = errorMessage(e)),
                  );
                });
                return h(
                  'li',
                  { class: 'role' },
                  h(
                    'span',
                    {},
                    `${r.name}${r.function ? `, ${r.function}` : ''} — ${roleLabels[r.role] ?? r.role}${r.instanceId ? ' (une instance)' : ''}${r.active ? '' : ' — compte désactivé'}`,
                  ),
                  revoke,
                );
              })),
        ),
      (e: unknown) => (status.textContent = errorMessage(e)),
    );
  };
  load();
  return { element: h('div', {}, list, status), load };
}

/** "#/administration/:id": one organisation, its regulatory instances and its roles. */
export function mountOrganisationPage(main: HTMLElement, organisationId: string): View {
  const render = (all: AdminOrganisation[], page: Page, placementNotice: string | null): Child[] => {
    const reload = (notice?: string): void => page.reload({ notice });
    const organisation = all.find((o) => o.id === organisationId);
    if (!organisation) {
      return [h('h1', { tabindex: '-1' }, 'Organisation introuvable'), h('a', { href: hashFor({ name: 'admin' }) }, 'Retour à l’administration')];
    }
    page.setTitle(organisation.name, 'Administration');
    const parent = all.find((o) => o.id === organisation.parentId);
    const roles = rolesList(organisation.id);
    return [
      h('p', {}, h('a', { href: hashFor({ name: 'admin' }) }, '← Administration')),
      h('h1', { tabindex: '-1', id: 'organisation-title' }, organisation.name),
      h(
        'p',
        { class: 'organisation-facts' },
        organisationKindLabel[organisation.kind],
        organisation.type ? ` · ${etablissementTypeLabel[organisation.type]}` : '',
        parent ? ` · membre de ${parent.name}${organisation.isSupport ? ' (établissement support)' : ''}` : '',
        organisation.archived ? ' · archivée' : '',
      ),
      h(
        'section',
        { 'aria-labelledby': 'identity-title' },
        h('h2', { id: 'identity-title' }, 'Identité'),
        identityForm(organisation, () => reload()),
      ),
      session.user?.isAdmin
        ? h(
            'section',
            { 'aria-labelledby': 'placement-title' },
            h('h2', { id: 'placement-title' }, 'Rattachement'),
            placementForm(organisation, all, reload, placementNotice ?? undefined),
          )
        : null,
      organisation.kind === 'ARS'
        ? null
        : h(
            'section',
            { 'aria-labelledby': 'regulatory-title' },
            h('h2', { id: 'regulatory-title' }, 'Instances réglementaires'),
            regulatoryInstancesForm(organisation.id),
          ),
      organisation.kind === 'ARS'
        ? null
        : h(
            'section',
            { 'aria-labelledby': 'secretaries-title' },
            h('h2', { id: 'secretaries-title' }, 'Secrétariat des instances'),
            instanceSecretaries(organisation.id),
          ),
      h(
        'section',
        { 'aria-labelledby': 'roles-title' },
        h('h2', { id: 'roles-title' }, 'Rôles'),
        roles.element,
        h('h3', {}, 'Donner un rôle à une personne qui a déjà un compte'),
        roleGrantForm(organisation.id, organisationRoles(organisation), roles.load),
      ),
      h(
        'section',
        { 'aria-labelledby': 'invite-title' },
        h('h2', { id: 'invite-title' }, 'Inviter une personne'),
        invitationForm(organisation.id, organisationRoles(organisation), roles.load),
      ),
      h(
        'section',
        { 'aria-labelledby': 'import-title' },
        h('h2', { id: 'import-title' }, 'Inviter plusieurs personnes (fichier CSV)'),
        userImportPanel(organisation.id, roles.load),
      ),
    ];
  };
  return mountPage(main, {
    title: 'Administration',
    className: 'page admin-page',
    load: () => adminApi.organisations(),
    render: (all, page, { notice }) => render(all, page, notice),
    // After a change of placement its result is read where it is written; else the title takes the focus.
    focus: (root, { notice }) => (notice ? focusOn(root.querySelector<HTMLElement>('#org-place-status')!) : focusTitleIfLost(root)),
  });
}
