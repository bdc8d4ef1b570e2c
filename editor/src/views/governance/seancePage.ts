import { actKindLabels, seanceActKinds, seanceStatuses, type ActKind, type SeanceStatus } from '../../../../schemas/governance';
import type { ProjectRole } from '../../../../schemas/project';
import { api, ApiError, errorOfResponse, type ProjectSummary } from '../../api';
import { h, replaceChildren, type Child } from '../../dom';
import { mountPage, type Page } from '../../ui/page';
import type { View } from '../view';
import { createActForm } from './actForm';
import { agendaActsForm } from './agendaActsForm';
import { convocationCorrection, derogationSection } from './seanceCorrections';
import { annulActForm } from './annulActForm';
import { reserveLinksForm } from './reserveLinksForm';
import { formatDay, formatInstant, longDay, monthKey, monthOf, parisDay, timeRange } from './dates';
import { gov, type Act, type AgendaItem, type SeanceDetail, type Version } from './govApi';
import { renderDoc } from './pmRender';
import { govHash } from './routes';
import { convocationLine, errorText, facts, focusOn, focusTitleIfLost, isSessionGone, outcomeLabel, seanceStatusLabel, tag, votesText } from './ui';

const acceptedTypes: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
};

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
}

/** "2 réserves reliées à 3 commentaires et 1 chapitre". */
function reserveLinkSummary(act: Act): string {
  const comments = new Set(act.reserveItems.flatMap((r) => r.commentIds)).size;
  const sections = new Set(act.reserveItems.flatMap((r) => r.sectionIds)).size;
  const n = act.reserveItems.length;
  const parts = [comments ? `${comments} commentaire${comments > 1 ? 's' : ''}` : '', sections ? `${sections} chapitre${sections > 1 ? 's' : ''}` : ''].filter(
    Boolean,
  );
  return `${n} réserve${n > 1 ? 's' : ''} reliée${n > 1 ? 's' : ''} à ${parts.join(' et ')}`;
}

export function actArticle(act: Act, opts: { headingLevel?: 'h3' | 'h4'; withProject?: string } = {}): HTMLElement {
  const title = `${actKindLabels[act.kind][0]!.toUpperCase()}${actKindLabels[act.kind].slice(1)}${act.outcome ? ` ${outcomeLabel(act.outcome)}` : ''}`;
  return h(
    'article',
    { class: 'act-card', 'data-act-id': act.id, 'data-act-kind': act.kind },
    h(
      opts.headingLevel ?? 'h3',
      {},
      title,
      act.override ? h('span', {}, ' ', tag('dérogation', 'warn')) : null,
      act.annulled ? h('span', {}, ' ', tag('annulé', 'danger')) : null,
      act.aPosteriori ? h('span', {}, ' ', tag('saisi a posteriori', 'warn')) : null,
    ),
    facts([
      ['Projet', opts.withProject ?? null],
      ['Version', `version ${act.version.number} « ${act.version.label} »`],
      ['Instance', `${act.instance.name} (${act.instance.organisationName})`],
      ['Séance', `${formatDay(act.seance.date)}${act.seance.place ? `, ${act.seance.place}` : ''}`],
      ['Votes', act.votes ? votesText(act) : null],
      ['Réserves', act.reserves || null],
      ['Réserves reliées', act.reserveItems.some((r) => r.commentIds.length + r.sectionIds.length > 0) ? reserveLinkSummary(act) : null],
      ['Observations', act.notes || null],
      ['Enregistré par', `${act.recordedBy.name}, le ${formatInstant(act.recordedAt)}${act.aPosteriori ? ' (saisi a posteriori)' : ''}`],
      ['Annulé', act.annulled ? `${act.annulled.justification} (${act.annulled.by.name}, le ${formatInstant(act.annulled.at)})` : null],
      ['Dérogation', act.override ? `${act.override.justification} (${act.override.by.name}, règles : ${act.override.rules.join(', ')})` : null],
      ['PV joint', act.pvDocument ? act.pvDocument.name : null],
    ]),
    act.pvExtract
      ? h('div', { class: 'pv-extract' }, h('p', { class: 'pv-title' }, 'Extrait du procès-verbal :'), renderDoc(act.pvExtract, 'Extrait vide.', 2))
      : null,
  );
}

/** The séance page: agenda, documents, acts; for its secretary, its management and the act form. */
export function mountSeancePage(main: HTMLElement, seanceId: string, focus?: 'derogations'): View {
  let roles = new Map<string, ProjectRole | null>();
  let projects: ProjectSummary[] = [];
  const versionsCache = new Map<string, Promise<Version[]>>();
  const versionsOf = (projectId: string): Promise<Version[]> => {
    if (!versionsCache.has(projectId))
      versionsCache.set(
        projectId,
        gov.versions(projectId).catch(() => []),
      );
    return versionsCache.get(projectId)!;
  };

  const render = (seance: SeanceDetail, list: ProjectSummary[], page: Page, notice: string | null): Child[] => {
    projects = list;
    roles = new Map(list.map((p) => [p.id, p.role]));
    const title = `Séance du ${formatDay(seance.date)} — ${seance.instance.name}`;
    page.setTitle(title);
    const live = h('p', { class: 'seance-live', role: 'status', 'aria-live': 'polite' }, notice ?? '');
    // After an action the page is rebuilt; its result is announced (and focused) there.
    const reload = (message: string): void => page.reload({ notice: message });

    const manage = seance.canManage;
    const actionError = h('div', { class: 'seance-action-error', role: 'alert' });
    const fail = (error: unknown, what: string): void => {
      if (isSessionGone(error)) return;
      replaceChildren(actionError, h('p', { class: 'alert alert-error' }, `${what} : ${errorText(error)}`));
      focusOn(actionError);
    };

    // Convocation
    const convocation = h(
      'section',
      { class: 'seance-convocation-section', 'aria-labelledby': 'convocation-heading' },
      h('h2', { id: 'convocation-heading' }, 'Convocation'),
      convocationLine(seance),
    );
    if (manage && !seance.convocation.sentOn && seance.status !== 'cancelled') {
      const sentOn = h('input', { type: 'date', id: 'convocation-date', value: parisDay(), max: parisDay() });
      const button = h('button', { type: 'submit', class: 'button', id: 'convocation-sent' }, 'Marquer la convocation comme envoyée');
      const form = h(
        'form',
        { class: 'inline-form' },
        h('div', { class: 'form-field' }, h('label', { for: 'convocation-date' }, 'Envoyée le'), sentOn),
        button,
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        button.disabled = true;
        try {
          await gov.markConvocationSent(seance.id, sentOn.value || undefined);
          reload(`Convocation marquée comme envoyée le ${formatDay(sentOn.value || parisDay())}.`);
        } catch (error) {
          button.disabled = false;
          fail(error, 'Convocation non enregistrée');
        }
      });
      convocation.append(form);
    } else if (manage && seance.convocation.sentOn && !seance.acts.some((a) => !a.annulled)) {
      convocation.append(convocationCorrection(seance, { reload, fail }));
    }

    // Agenda
    const agendaRows = seance.agenda.map((item) => agendaRow(seance, item, manage, { versionsOf, reload, fail, openAct: (id) => actForm?.select(id) }));
    const agenda = h(
      'section',
      { class: 'seance-agenda', 'aria-labelledby': 'agenda-heading' },
      h('h2', { id: 'agenda-heading' }, 'Ordre du jour'),
      seance.agenda.length === 0
        ? h('p', { class: 'empty' }, 'Aucun point inscrit.')
        : h(
            'table',
            { class: 'gov-table agenda-table' },
            h('caption', { class: 'sr-only' }, 'Points de l’ordre du jour'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Projet'),
                h('th', { scope: 'col' }, 'Version'),
                h('th', { scope: 'col' }, 'Acte attendu'),
                h('th', { scope: 'col' }, 'Acte'),
                manage ? h('th', { scope: 'col' }, 'Gérer') : null,
              ),
            ),
            h('tbody', {}, ...agendaRows),
          ),
      manage ? addAgendaForm(seance, projects, { versionsOf, reload, fail }) : null,
    );

    // Documents
    const documents = h(
      'section',
      { class: 'seance-documents', 'aria-labelledby': 'documents-heading' },
      h('h2', { id: 'documents-heading' }, 'Documents'),
      seance.documents.length === 0
        ? h('p', { class: 'empty' }, 'Aucun document joint.')
        : h(
            'ul',
            { class: 'document-list' },
            ...seance.documents.map((d) =>
              h(
                'li',
                {},
                h('a', { href: `/api/seances/${encodeURIComponent(seance.id)}/documents/${encodeURIComponent(d.id)}`, download: d.name }, d.name),
                ` (${d.mediaType === acceptedTypes.pdf ? 'PDF' : d.mediaType === acceptedTypes.docx ? 'DOCX' : 'ODT'}, ${sizeText(d.size)}) `,
                h('span', { class: 'hash', title: d.sha256 }, `empreinte SHA-256 ${d.sha256.slice(0, 12)}…`),
              ),
            ),
          ),
      manage ? uploadForm(seance, { reload, fail }) : null,
    );

    // Acts
    const acts = h(
      'section',
      { class: 'seance-acts', 'aria-labelledby': 'acts-heading' },
      h('h2', { id: 'acts-heading' }, 'Actes enregistrés'),
      seance.acts.length === 0
        ? h('p', { class: 'empty', id: 'no-acts' }, 'Aucun acte enregistré pour cette séance.')
        : h(
            'div',
            { class: 'act-list' },
            ...seance.acts.map((a) => {
              const card = actArticle(a, { withProject: seance.agenda.find((i) => i.project.id === a.projectId)?.project.title ?? undefined });
              const links = manage ? reserveLinksForm(a, { reload, fail }) : null;
              const annul = manage ? annulActForm(a, { reload, fail }) : null;
              if (links) card.append(links);
              if (annul) card.append(annul);
              return card;
            }),
          ),
    );

    const actForm =
      manage && seance.status !== 'cancelled'
        ? createActForm({
            seance,
            roles,
            onRecorded: (act) => reload(`Acte enregistré : ${actKindLabels[act.kind]}${act.outcome ? ` ${outcomeLabel(act.outcome)}` : ''}.`),
          })
        : null;

    return [
      h(
        'p',
        { class: 'breadcrumb' },
        h('a', { href: govHash({ page: 'calendar', month: monthKey(monthOf(seance.date)), mode: 'mois' }) }, 'Retour au calendrier'),
      ),
      h('h1', { tabindex: '-1' }, title),
      live,
      facts([
        ['Date', `${longDay(seance.date)} (${formatDay(seance.date)})`],
        ['Horaire', timeRange(seance.startTime, seance.endTime)],
        ['Instance', `${seance.instance.name} — ${seance.instance.organisationName}`],
        ['Lieu', seance.place || 'non précisé'],
        ['Statut', h('span', {}, seanceStatusLabel[seance.status], seance.status === 'cancelled' ? h('span', {}, ' ', tag('annulée', 'danger')) : null)],
        [
          'Saisie',
          seance.aPosteriori
            ? h('span', {}, tag('saisie a posteriori', 'warn'), ` par ${seance.aPosteriori.by.name}, le ${formatInstant(seance.aPosteriori.at)}`)
            : null,
        ],
      ]),
      actionError,
      manage ? editSeanceForm(seance, { reload, fail }) : null,
      convocation,
      agenda,
      documents,
      acts,
      derogationSection(seance, roles, { reload, fail }),
      manage ? agendaActsForm({ seances: [seance], roles, onAllRecorded: (message) => reload(message) }) : null,
      actForm?.element ?? null,
      !manage ? h('p', { class: 'form-hint' }, 'Seul le secrétariat de cette instance planifie la séance et enregistre ses actes.') : null,
    ];
  };

  return mountPage(main, {
    title: 'Séance',
    className: 'page gov-page seance-page',
    loading: 'Chargement de la séance…',
    errorHeading: (error) => (error instanceof ApiError && error.status === 404 ? 'Séance introuvable' : 'Séance'),
    errorFooter: () => [h('p', {}, h('a', { href: govHash({ page: 'calendar', month: null, mode: 'mois' }) }, 'Retour au calendrier'))],
    load: () => Promise.all([gov.seance(seanceId), api.projects().catch(() => [] as ProjectSummary[])]),
    render: ([seance, list], page, { notice }) => render(seance, list, page, notice),
    focus: (root, { notice }) => {
      // Reached from a link to its derogations: they take the focus, unless an action just spoke.
      const derogations = focus === 'derogations' ? root.querySelector<HTMLElement>('.seance-derogations') : null;
      if (derogations && !notice) {
        derogations.scrollIntoView();
        focusOn(derogations);
      } else if (notice) focusOn(root.querySelector<HTMLElement>('.seance-live')!);
      else focusTitleIfLost(root);
    },
  });
}

interface Helpers {
  versionsOf(projectId: string): Promise<Version[]>;
  reload(message: string): void;
  fail(error: unknown, what: string): void;
}

function versionOptions(versions: Version[], selected: string | null): HTMLOptionElement[] {
  return [
    h('option', { value: '' }, 'Version à figer'),
    ...versions.map((v) => h('option', { value: v.id, selected: v.id === selected }, `version ${v.number} « ${v.label} »`)),
  ];
}

function agendaRow(seance: SeanceDetail, item: AgendaItem, manage: boolean, helpers: Helpers & { openAct(itemId: string): void }): HTMLTableRowElement {
  const recorded = item.recordedActId !== null;
  const versionCell = h('td', {}, item.version ? `version ${item.version.number} « ${item.version.label} »` : h('span', {}, tag('version à figer', 'warn')));
  let manageCell: HTMLTableCellElement | null = null;
  if (manage) {
    const selectId = `agenda-version-${item.id}`;
    const select = h('select', { id: selectId }, ...versionOptions([], item.version?.id ?? null));
    select.disabled = recorded;
    void helpers.versionsOf(item.project.id).then((versions) => {
      select.replaceChildren(...versionOptions(versions, item.version?.id ?? null));
      if (item.version) select.value = item.version.id;
    });
    const setVersion = h('button', { type: 'button', class: 'button button-tertiary', disabled: recorded }, 'Appliquer');
    setVersion.addEventListener('click', async () => {
      setVersion.disabled = true;
      try {
        await gov.setAgendaVersion(seance.id, item.id, select.value || null);
        helpers.reload('Version du point mise à jour.');
      } catch (error) {
        setVersion.disabled = false;
        helpers.fail(error, 'Version non modifiée');
      }
    });
    const remove = h('button', { type: 'button', class: 'button button-tertiary', disabled: recorded }, 'Retirer');
    remove.setAttribute('aria-label', `Retirer « ${item.project.title} — ${item.actLabel} » de l’ordre du jour`);
    remove.addEventListener('click', async () => {
      if (!window.confirm(`Retirer « ${item.project.title} — ${item.actLabel} » de l’ordre du jour ?`)) return;
      remove.disabled = true;
      try {
        await gov.removeAgendaItem(seance.id, item.id);
        helpers.reload('Point retiré de l’ordre du jour.');
      } catch (error) {
        remove.disabled = false;
        helpers.fail(error, 'Point non retiré');
      }
    });
    const record =
      !recorded && item.version && seance.status !== 'cancelled'
        ? h(
            'button',
            {
              type: 'button',
              class: 'button button-tertiary',
              onclick: () => {
                helpers.openAct(item.id);
                const form = document.querySelector<HTMLElement>('.act-form select');
                form?.focus();
              },
            },
            'Enregistrer l’acte',
          )
        : null;
    manageCell = h(
      'td',
      { class: 'agenda-manage' },
      h('label', { for: selectId, class: 'sr-only' }, `Version présentée pour « ${item.project.title} »`),
      select,
      setVersion,
      remove,
      record,
    );
  }
  return h(
    'tr',
    { 'data-item-id': item.id },
    h('th', { scope: 'row' }, h('a', { href: govHash({ page: 'timeline', projectId: item.project.id }) }, item.project.title)),
    versionCell,
    h('td', {}, item.actLabel),
    h('td', {}, recorded ? tag('enregistré', 'ok') : tag('non enregistré', seance.date < parisDay() ? 'warn' : 'neutral')),
    manageCell,
  );
}

function addAgendaForm(seance: SeanceDetail, projects: ProjectSummary[], helpers: Helpers): HTMLElement {
  const projectSelect = h('select', { id: 'agenda-project', required: true }, ...projects.map((p) => h('option', { value: p.id }, p.title)));
  const versionSelect = h('select', { id: 'agenda-version' }, ...versionOptions([], null));
  const actSelect = h('select', { id: 'agenda-act' }, ...seanceActKinds.map((k) => h('option', { value: k, selected: k === 'avis' }, actKindLabels[k])));
  const submit = h('button', { type: 'submit', class: 'button' }, 'Ajouter à l’ordre du jour');
  const refreshVersions = (): void => {
    const projectId = projectSelect.value;
    if (!projectId) return;
    void helpers.versionsOf(projectId).then((versions) => {
      if (projectSelect.value === projectId) versionSelect.replaceChildren(...versionOptions(versions, versions.at(-1)?.id ?? null));
    });
  };
  projectSelect.addEventListener('change', refreshVersions);
  refreshVersions();
  const form = h(
    'form',
    { class: 'agenda-add', 'aria-labelledby': 'agenda-add-heading' },
    h('h3', { id: 'agenda-add-heading' }, 'Inscrire un point'),
    projects.length === 0
      ? h(
          'p',
          { class: 'form-hint' },
          'Vous n’êtes membre d’aucun projet : demandez au coordonnateur de vous y ajouter (en lecture) pour l’inscrire à l’ordre du jour.',
        )
      : h(
          'div',
          { class: 'form-row' },
          h('div', { class: 'form-field' }, h('label', { for: 'agenda-project' }, 'Projet'), projectSelect),
          h('div', { class: 'form-field' }, h('label', { for: 'agenda-version' }, 'Version'), versionSelect),
          h('div', { class: 'form-field' }, h('label', { for: 'agenda-act' }, 'Acte attendu'), actSelect),
          submit,
        ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!projectSelect.value) return;
    submit.disabled = true;
    try {
      await gov.addAgendaItem(seance.id, { projectId: projectSelect.value, versionId: versionSelect.value || null, act: actSelect.value as ActKind });
      helpers.reload('Point ajouté à l’ordre du jour.');
    } catch (error) {
      submit.disabled = false;
      helpers.fail(error, 'Point non ajouté');
    }
  });
  return form;
}

function uploadForm(seance: SeanceDetail, helpers: Pick<Helpers, 'reload' | 'fail'>): HTMLElement {
  const file = h('input', { type: 'file', id: 'document-file', accept: '.pdf,.docx,.odt,application/pdf', 'aria-describedby': 'document-hint' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Joindre le document');
  const form = h(
    'form',
    { class: 'document-upload' },
    h(
      'div',
      { class: 'form-field' },
      h('label', { for: 'document-file' }, 'Joindre un document (convocation, procès-verbal)'),
      h('p', { class: 'form-hint', id: 'document-hint' }, 'PDF, DOCX ou ODT, 20 Mo au plus.'),
      file,
    ),
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      helpers.fail(new ApiError(400, 'no_file', 'Choisissez un fichier.'), 'Document non joint');
      return;
    }
    const extension = chosen.name.split('.').pop()?.toLowerCase() ?? '';
    const type = acceptedTypes[extension] ?? chosen.type;
    submit.disabled = true;
    try {
      const res = await fetch(`/api/seances/${encodeURIComponent(seance.id)}/documents?name=${encodeURIComponent(chosen.name)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': type, Accept: 'application/json' },
        body: chosen,
      });
      if (!res.ok) throw await errorOfResponse(res);
      helpers.reload(`Document « ${chosen.name} » joint à la séance.`);
    } catch (error) {
      submit.disabled = false;
      helpers.fail(error instanceof ApiError ? error : new ApiError(0, 'network', 'Le serveur est injoignable.'), 'Document non joint');
    }
  });
  return form;
}

function editSeanceForm(seance: SeanceDetail, helpers: Pick<Helpers, 'reload' | 'fail'>): HTMLElement {
  const date = h('input', { type: 'date', id: 'edit-date', value: seance.date, required: true });
  const start = h('input', { type: 'time', id: 'edit-start', value: seance.startTime ?? '' });
  const end = h('input', { type: 'time', id: 'edit-end', value: seance.endTime ?? '' });
  const place = h('input', { type: 'text', id: 'edit-place', value: seance.place });
  const status = h(
    'select',
    { id: 'edit-status' },
    ...seanceStatuses.map((s) => h('option', { value: s, selected: s === seance.status }, seanceStatusLabel[s])),
  );
  const submit = h('button', { type: 'submit', class: 'button' }, 'Enregistrer les modifications');
  const form = h(
    'form',
    { class: 'seance-edit' },
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'form-field' }, h('label', { for: 'edit-date' }, 'Date'), date),
      h('div', { class: 'form-field' }, h('label', { for: 'edit-start' }, 'Début'), start),
      h('div', { class: 'form-field' }, h('label', { for: 'edit-end' }, 'Fin'), end),
      h('div', { class: 'form-field' }, h('label', { for: 'edit-place' }, 'Lieu'), place),
      h('div', { class: 'form-field' }, h('label', { for: 'edit-status' }, 'Statut'), status),
    ),
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await gov.updateSeance(seance.id, {
        ...(date.value && date.value !== seance.date ? { date: date.value } : {}),
        startTime: start.value || null,
        endTime: end.value || null,
        place: place.value.trim(),
        status: status.value as SeanceStatus,
      });
      helpers.reload('Séance modifiée.');
    } catch (error) {
      submit.disabled = false;
      helpers.fail(error, 'Séance non modifiée');
    }
  });
  return h('details', { class: 'seance-edit-details' }, h('summary', {}, 'Modifier la séance (date, horaire, lieu, statut)'), form);
}
