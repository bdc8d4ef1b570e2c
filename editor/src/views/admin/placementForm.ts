import { h } from '../../dom';
import { adminApi, etablissementTypeLabel, type AdminOrganisation, type OrganisationPatch } from './adminApi';
import { field } from './organisationForm';
import { errorWithFields } from '../../ui/errors';

const options = (choices: AdminOrganisation[], selected: string | null, none: string): HTMLOptionElement[] => [
  h('option', { value: '', selected: selected === null }, none),
  ...choices.map((o) => h('option', { value: o.id, selected: o.id === selected }, o.name)),
];

/**
 * Where the organisation stands (administrators only, the server refuses the others): type and
 * FINESS géographique, the GHT it belongs to and since when, its support role, the ARS it reports
 * to, and for a GHT its associated CHU. Only what changed is sent, so the audit shows it.
 */
export function placementForm(organisation: AdminOrganisation, all: AdminOrganisation[], onSaved: (notice: string) => void, notice = ''): HTMLFormElement {
  const isEtablissement = organisation.kind === 'etablissement';
  const live = all.filter((o) => !o.archived && o.id !== organisation.id);
  const controls: { key: keyof OrganisationPatch; read(): string | boolean | null }[] = [];
  const fields: HTMLElement[] = [];
  const add = (
    key: keyof OrganisationPatch,
    label: string,
    control: HTMLInputElement | HTMLSelectElement,
    read: () => string | boolean | null,
    hint?: string,
  ) => {
    controls.push({ key, read });
    fields.push(
      control instanceof HTMLInputElement && control.type === 'checkbox'
        ? h('div', { class: 'checkbox' }, control, h('label', { for: control.id }, label))
        : field(control.id, label, control, hint),
    );
  };
  const text = (id: string, value: string | null, props: Record<string, string | number> = {}) =>
    h('input', { type: 'text', id, value: value ?? '', ...props });
  const orNull = (control: HTMLInputElement | HTMLSelectElement) => () => control.value.trim() || null;

  if (isEtablissement) {
    const type = h(
      'select',
      { id: 'org-place-type' },
      ...(Object.keys(etablissementTypeLabel) as (keyof typeof etablissementTypeLabel)[]).map((t) =>
        h('option', { value: t, selected: t === organisation.type }, etablissementTypeLabel[t]),
      ),
    );
    add('type', 'Type', type, () => type.value, 'Il détermine les instances que la loi lui donne et la séquence R6132-6 qu’il suit.');
    const geo = text('org-place-finess-geo', organisation.finessGeographique, { maxlength: 9, inputmode: 'numeric' });
    add('finessGeographique', 'FINESS géographique', geo, orNull(geo), '9 caractères, facultatif.');
    const parent = h(
      'select',
      { id: 'org-place-parent' },
      ...options(
        live.filter((o) => o.kind === 'GHT'),
        organisation.parentId,
        '— hors GHT —',
      ),
    );
    add(
      'parentId',
      'GHT dont il est membre',
      parent,
      orNull(parent),
      'Changer de GHT fait repartir la date d’adhésion et retire le rôle d’établissement support.',
    );
    const support = h('input', { type: 'checkbox', id: 'org-place-support' });
    support.checked = organisation.isSupport;
    add('isSupport', 'Établissement support du GHT', support, () => support.checked);
    const since = h('input', { type: 'date', id: 'org-place-since', value: organisation.memberSince ?? '' });
    add('memberSince', 'Membre du GHT depuis le', since, orNull(since));
    const until = h('input', { type: 'date', id: 'org-place-until', value: organisation.memberUntil ?? '' });
    add('memberUntil', 'Membre du GHT jusqu’au', until, orNull(until), 'À renseigner quand l’établissement quitte le groupement.');
  }
  if (organisation.kind !== 'ARS') {
    const ars = h(
      'select',
      { id: 'org-place-ars' },
      ...options(
        live.filter((o) => o.kind === 'ARS'),
        organisation.arsId,
        '— à préciser —',
      ),
    );
    add(
      'arsId',
      'ARS dont relève l’organisation',
      ars,
      orNull(ars),
      isEtablissement && organisation.parentId ? 'Un établissement membre d’un GHT relève en pratique de l’ARS de son GHT.' : undefined,
    );
  }
  if (organisation.kind === 'GHT') {
    const chu = h(
      'select',
      { id: 'org-place-chu' },
      ...options(
        live.filter((o) => o.kind === 'etablissement' && o.type === 'CHU'),
        organisation.associatedChuId,
        '— aucun —',
      ),
    );
    add('associatedChuId', 'CHU auquel le GHT est associé (L6132-3)', chu, orNull(chu));
  }

  const status = h('p', { role: 'status', class: 'form-status', id: 'org-place-status' }, notice);
  const save = h('button', { type: 'submit', class: 'button button-primary', id: 'org-place-submit' }, 'Enregistrer le rattachement');
  const form = h('form', { class: 'admin-form', id: 'placement-form', novalidate: true }, ...fields, h('p', { class: 'actions' }, save), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const patch: Record<string, string | boolean | null> = {};
    for (const { key, read } of controls) {
      const value = read();
      if (value !== (organisation[key as keyof AdminOrganisation] ?? null)) patch[key] = value;
    }
    // The server cannot take an organisation away from its ARS, only move it to another.
    if (patch.arsId === null) delete patch.arsId;
    if (Object.keys(patch).length === 0) {
      status.textContent = 'Aucune modification.';
      return;
    }
    save.disabled = true;
    adminApi.update(organisation.id, patch as OrganisationPatch).then(
      () => {
        // The page is drawn again from the server (the GHT, the facts line), saying it was saved.
        onSaved('Rattachement enregistré.');
      },
      (error: unknown) => {
        save.disabled = false;
        status.textContent = errorWithFields(error, { withPath: true });
      },
    );
  });
  return form;
}
