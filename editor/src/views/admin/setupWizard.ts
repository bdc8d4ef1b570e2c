import { h, replaceChildren, type Child } from '../../dom';
import { hashFor } from '../../router';
import type { View } from '../view';
import { adminApi, type AdminOrganisation } from './adminApi';
import { instanceSecretaries } from './instanceSecretaries';
import { invitationForm } from './invitationForm';
import { organisationCreationForm } from './organisationForm';
import { organisationRoles } from './organisationPage';
import { regulatoryInstancesForm } from './regulatoryInstancesForm';
import { setupOrder, setupStatus, setupStepTitle, type SetupStatus, type SetupStepId } from './setupApi';
import { userImportPanel } from './userImportPanel';
import { errorMessage } from '../../ui/errors';
import { mountPage } from '../../ui/page';

const stepHash = (step: SetupStepId): string => hashFor({ name: 'setup', step });

/** The hospitals of the install: a GHT, its établissements, an établissement on its own (never an ARS). */
const hospitals = (all: AdminOrganisation[]): AdminOrganisation[] => all.filter((o) => o.kind !== 'ARS' && !o.archived);

function organisationsStep(all: AdminOrganisation[], refresh: () => void): (HTMLElement | null)[] {
  const existing = hospitals(all);
  return [
    h(
      'p',
      {},
      'Créez d’abord le GHT, puis chacun de ses établissements en le rattachant au GHT (choisissez l’établissement support). Un établissement hors GHT se crée seul.',
    ),
    existing.length > 0
      ? h(
          'ul',
          { class: 'organisation-list' },
          ...existing.map((o) => h('li', {}, o.name, o.parentId ? ` — membre de ${all.find((g) => g.id === o.parentId)?.name ?? ''}` : '')),
        )
      : null,
    organisationCreationForm(all, refresh, ['GHT', 'etablissement']),
  ];
}

/** Each GHT and independent établissement reports to one ARS (an établissement of a GHT through its GHT). */
function arsStep(all: AdminOrganisation[], refresh: () => void): (HTMLElement | null)[] {
  const agencies = all.filter((o) => o.kind === 'ARS' && !o.archived);
  const reporting = hospitals(all).filter((o) => o.kind === 'GHT' || o.parentId === null);
  const attach = (o: AdminOrganisation): HTMLElement => {
    const id = `setup-ars-${o.id}`;
    const select = h(
      'select',
      { id },
      h('option', { value: '' }, '— à préciser —'),
      ...agencies.map((a) => h('option', { value: a.id, selected: a.id === o.arsId }, a.name)),
    );
    const status = h('span', { role: 'status', class: 'form-status' });
    select.addEventListener('change', () => {
      if (!select.value) return;
      adminApi.update(o.id, { arsId: select.value }).then(
        () => {
          status.textContent = ' Enregistré.';
          refresh();
        },
        (e: unknown) => (status.textContent = ` ${errorMessage(e)}`),
      );
    });
    return h('div', { class: 'form-field' }, h('label', { for: id }, `ARS dont relève ${o.name}`), select, status);
  };
  return [
    agencies.length === 0
      ? h('p', {}, 'Créez l’agence régionale de santé de votre région : c’est elle qui reçoit le projet médical partagé et en accuse réception.')
      : null,
    ...(agencies.length > 0 ? reporting.map(attach) : []),
    h(
      'details',
      { open: agencies.length === 0 },
      h('summary', {}, agencies.length === 0 ? 'Créer l’ARS' : 'Créer une autre ARS'),
      organisationCreationForm(all, refresh, ['ARS']),
    ),
  ];
}

function perHospital(all: AdminOrganisation[], part: (o: AdminOrganisation) => HTMLElement): (HTMLElement | null)[] {
  return hospitals(all).map((o) => h('section', { class: 'setup-organisation', 'data-organisation-id': o.id }, h('h3', {}, o.name), part(o)));
}

/** One form for everyone: choose the organisation, then invite (or import a CSV file of people). */
function peopleStep(all: AdminOrganisation[], refresh: () => void): (HTMLElement | null)[] {
  const candidates = hospitals(all);
  const slot = h('div', {});
  const select = h('select', { id: 'setup-people-organisation' }, ...candidates.map((o) => h('option', { value: o.id }, o.name)));
  const show = (): void => {
    const organisation = candidates.find((o) => o.id === select.value);
    if (!organisation) return;
    replaceChildren(
      slot,
      invitationForm(organisation.id, organisationRoles(organisation), refresh),
      h('details', {}, h('summary', {}, 'Ou inviter plusieurs personnes d’un fichier CSV'), userImportPanel(organisation.id, refresh)),
    );
  };
  select.addEventListener('change', show);
  show();
  return [
    h(
      'p',
      {},
      'Invitez au moins le ou la PCME et le directeur (rôle « membre » : ils créeront et coordonneront les projets) et les secrétaires des instances (rôle « secrétariat des instances » : ils tiennent le calendrier de toutes les instances de l’établissement). Chacun reçoit un lien valable 72 heures pour choisir son mot de passe.',
    ),
    h('div', { class: 'form-field' }, h('label', { for: select.id }, 'Organisation de la personne'), select),
    slot,
  ];
}

/**
 * "#/mise-en-place": the first set-up of an empty install, one step at a time (GHT and
 * établissements, ARS, instances, people, secretaries). What is done is computed by the server
 * from what exists, so the administrator can leave at any time and come back where they were.
 */
export function mountSetupWizard(main: HTMLElement, requested: SetupStepId | null): View {
  const stepper = h('ol', { class: 'setup-stepper' });
  let status: SetupStatus | null = null;
  let organisations: AdminOrganisation[] = [];
  // Chosen once, when the page opens: finishing a step never moves the page under the user's feet.
  let step: SetupStepId | null = requested;
  const current = (): SetupStepId => step ?? 'organisations';

  const drawStepper = (): void => {
    replaceChildren(
      stepper,
      ...setupOrder.map((id, index) => {
        const done = status?.steps.find((s) => s.id === id)?.done ?? false;
        return h(
          'li',
          { class: done ? 'setup-done' : 'setup-todo', 'data-step': id },
          h('a', { href: stepHash(id), 'aria-current': id === current() ? 'step' : null }, `${index + 1}. ${setupStepTitle[id]}`),
          h('span', { class: 'setup-state' }, done ? ' — fait' : ' — à faire'),
        );
      }),
    );
  };

  const todo = h('ul', { class: 'setup-todo-list' });
  const drawTodo = (): void => {
    const step = status?.steps.find((s) => s.id === current());
    replaceChildren(todo, ...(step?.todo ?? []).map((t) => h('li', {}, t)));
    todo.hidden = !step || step.todo.length === 0;
  };

  const panelContent = (refreshStatus: () => void): Child[] => {
    const id = current();
    const index = setupOrder.indexOf(id);
    const content =
      id === 'organisations'
        ? organisationsStep(organisations, refreshStatus)
        : id === 'ars'
          ? arsStep(organisations, refreshStatus)
          : id === 'instances'
            ? perHospital(organisations, (o) => regulatoryInstancesForm(o.id, refreshStatus))
            : id === 'people'
              ? peopleStep(organisations, refreshStatus)
              : perHospital(organisations, (o) => instanceSecretaries(o.id));
    const previous = setupOrder[index - 1];
    const next = setupOrder[index + 1];
    drawTodo();
    return [
      h('h2', { id: 'setup-step-title' }, `Étape ${index + 1} sur ${setupOrder.length} : ${setupStepTitle[id]}`),
      status?.done
        ? h('p', { class: 'alert alert-success', role: 'status' }, 'La mise en place est terminée : les coordonnateurs peuvent créer leurs projets.')
        : null,
      todo,
      ...content,
      h(
        'p',
        { class: 'actions setup-nav' },
        previous ? h('a', { class: 'button button-secondary', href: stepHash(previous), id: 'setup-previous' }, 'Étape précédente') : null,
        next
          ? h('a', { class: 'button button-primary', href: stepHash(next), id: 'setup-next' }, 'Étape suivante')
          : h('a', { class: 'button button-primary', href: hashFor({ name: 'admin' }), id: 'setup-finish' }, 'Terminer'),
      ),
    ];
  };

  return mountPage(main, {
    title: 'Mise en place',
    className: 'setup-panel-body',
    shell: (slot) =>
      h(
        'div',
        { class: 'page admin-page setup-wizard' },
        h('h1', { tabindex: '-1' }, 'Mise en place'),
        h(
          'p',
          {},
          'Quelques étapes pour que vos établissements puissent écrire leur projet médical et le faire passer en instances. Vous pouvez quitter à tout moment : la mise en place reprend là où vous en étiez.',
        ),
        h('nav', { 'aria-label': 'Étapes de la mise en place' }, stepper),
        h('section', { class: 'setup-panel', 'aria-labelledby': 'setup-step-title' }, slot),
        h('p', {}, h('a', { href: hashFor({ name: 'admin' }), id: 'setup-leave' }, 'Quitter la mise en place (elle reste disponible depuis l’administration)')),
      ),
    load: () => Promise.all([setupStatus(), adminApi.organisations()]),
    render: ([first, all], page) => {
      status = first;
      organisations = all;
      step ??= setupOrder.find((id) => !first.steps.find((s) => s.id === id)?.done) ?? 'secretaries';
      /** After each change: the stepper and the "still to do" list follow, the forms stay as they are. */
      const refreshStatus = (): void => {
        Promise.all([setupStatus(), adminApi.organisations()]).then(
          ([next, all]) => {
            if (page.destroyed) return;
            // A new organisation appears in the step's forms: the panel is rebuilt.
            if (all.length !== organisations.length) return page.reload();
            status = next;
            drawStepper();
            drawTodo();
          },
          () => {},
        );
      };
      drawStepper();
      return panelContent(refreshStatus);
    },
  });
}
