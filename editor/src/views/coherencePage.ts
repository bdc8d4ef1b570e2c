import type { CoherenceCell, CoherenceEtablissement, CoherenceView, GapsSent } from '../../../schemas/api/coherence';
import { modalityShortNames } from '../../../schemas/modalities';
import { request } from '../api';
import { h } from '../dom';
import { formatDay } from './governance/dates';
import { errorMessage } from '../ui/errors';
import { mountPage } from '../ui/page';
import type { View } from './view';
import '../governance.css';
import '../coherence.css';

const enc = encodeURIComponent;

const pmStatusText = (e: Pick<CoherenceEtablissement, 'pmStatus' | 'pmAdoptedOn' | 'pmAdoptedAfterPmp'>): string => {
  if (e.pmStatus === 'absent') return 'Aucun projet médical dans l’atelier';
  if (e.pmStatus === 'non_adopte' || !e.pmAdoptedOn) return 'Projet médical non adopté (texte en cours lu)';
  return `Projet médical adopté le ${formatDay(e.pmAdoptedOn)}${e.pmAdoptedAfterPmp === false ? ', avant le PMP' : ''}`;
};

/** One cell of the table: covered or not, and the modalities the matrix assigns that the PM does not mention. */
function cellView(cell: CoherenceCell): HTMLTableCellElement {
  if (!cell.concerned && !cell.covered) return h('td', { class: 'coherence-cell coherence-na', 'data-etablissement': cell.id }, 'Non concerné');
  const status = cell.covered ? h('strong', { class: 'coherence-ok' }, 'Couverte') : h('strong', { class: 'coherence-gap' }, 'Non couverte');
  const detail =
    cell.missingModalities.length > 0
      ? h('p', { class: 'coherence-missing' }, `Modalités non mentionnées : ${modalityShortNames(cell.missingModalities)}`)
      : cell.concerned
        ? h('p', {}, 'Toutes les modalités attribuées sont mentionnées.')
        : null;
  return h(
    'td',
    { class: `coherence-cell ${cell.covered && cell.missingModalities.length === 0 ? 'is-consistent' : 'has-gaps'}`, 'data-etablissement': cell.id },
    status,
    detail,
  );
}

function tableView(view: CoherenceView, focus: string | null): HTMLElement {
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Filière du PMP'),
    ...view.etablissements.map((e) =>
      h(
        'th',
        { scope: 'col', class: e.id === focus ? 'is-focused' : null, 'data-etablissement': e.id },
        e.name,
        h('span', { class: 'coherence-pm-status' }, pmStatusText(e)),
      ),
    ),
  );
  const rows = view.filieres.map((f) => h('tr', { 'data-filiere': f.id }, h('th', { scope: 'row' }, f.name), ...f.etablissements.map(cellView)));
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'coherence-table', id: 'coherence-table' },
      h('caption', {}, `Filières du PMP × établissements membres (PMP adopté le ${formatDay(view.pmpAdoptedOn)})`),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    ),
  );
}

/** A member's gaps in sentences, and « Envoyer au PCME » for the PCMG. */
function etablissementView(view: CoherenceView, e: CoherenceEtablissement, focus: string | null): HTMLElement {
  const gaps: HTMLElement[] = [];
  for (const f of view.filieres) {
    const cell = f.etablissements.find((c) => c.id === e.id);
    if (!cell?.concerned) continue;
    if (!cell.covered) gaps.push(h('li', {}, `Filière « ${f.name} » non couverte (modalités attribuées : ${modalityShortNames(cell.assignedModalities)}).`));
    else if (cell.missingModalities.length > 0)
      gaps.push(h('li', {}, `Filière « ${f.name} » : modalités non mentionnées : ${modalityShortNames(cell.missingModalities)}.`));
  }
  for (const link of e.unknownLinks) gaps.push(h('li', {}, `« ${link.label || 'sans titre'} » cite un élément absent de la version adoptée du PMP.`));
  const status = h('p', { role: 'status', class: 'coherence-send-status' });
  const send =
    view.canSend && e.pmProjectId
      ? h('button', { type: 'button', class: 'button', 'data-send': e.id }, 'Envoyer au PCME', h('span', { class: 'sr-only' }, ` de ${e.name}`))
      : null;
  send?.addEventListener('click', async () => {
    send.disabled = true;
    status.textContent = 'Envoi…';
    try {
      const sent = await request<GapsSent>('POST', `/api/organisations/${enc(view.ghtId)}/coherence/send`, { etablissementId: e.id });
      status.textContent = `Écarts envoyés à ${sent.notified} coordonnateur(s) du projet médical${sent.byEmail ? ', dans l’atelier et par courriel' : ', dans l’atelier'}.`;
    } catch (error) {
      status.textContent = `Envoi impossible : ${errorMessage(error)}`;
    } finally {
      send.disabled = false;
    }
  });
  return h(
    'section',
    { class: `coherence-etablissement${e.id === focus ? ' is-focused' : ''}`, id: `etablissement-${e.id}`, 'aria-labelledby': `etablissement-titre-${e.id}` },
    h('h2', { id: `etablissement-titre-${e.id}` }, e.name),
    h(
      'p',
      {},
      pmStatusText(e),
      e.pmProjectId ? ' — ' : null,
      e.pmProjectId ? h('a', { href: `#/projets/${enc(e.pmProjectId)}` }, e.pmTitle ?? 'ouvrir') : null,
    ),
    gaps.length > 0 ? h('ul', { class: 'coherence-gaps' }, ...gaps) : h('p', { class: 'coherence-ok' }, 'Aucun écart avec le PMP.'),
    send ? h('p', { class: 'actions' }, send) : null,
    status,
  );
}

/**
 * « Cohérence des projets médicaux avec le PMP » (issue 24, item 4): filières × établissements,
 * covered or not, the modalities not mentioned and the adoption dates; exports; « Envoyer au PCME ».
 */
export function mountCoherencePage(main: HTMLElement, ghtId: string, focus: string | null): View {
  const base = `/api/organisations/${enc(ghtId)}/coherence`;
  return mountPage(main, {
    title: 'Cohérence avec le PMP',
    className: 'coherence-body',
    loading: 'Chargement de la cohérence…',
    shell: (slot) => h('div', { class: 'page gov-page coherence-page' }, h('h1', { tabindex: '-1' }, 'Cohérence des projets médicaux avec le PMP'), slot),
    load: () => request<CoherenceView>('GET', base),
    render: (view, page) => {
      page.setTitle('Cohérence avec le PMP', view.ghtName);
      return [
        h(
          'p',
          { class: 'coherence-intro' },
          `${view.ghtName} — « ${view.pmpTitle} », ${view.pmpLine > 1 ? `avenant n° ${view.pmpLine - 1} ` : ''}adopté le ${formatDay(view.pmpAdoptedOn)}.`,
          view.scope === 'own' ? ' Vous voyez les établissements dont vous suivez le projet médical.' : '',
        ),
        h(
          'p',
          { class: 'actions' },
          h('a', { class: 'button', href: `${base}.csv`, download: '' }, 'Exporter en CSV'),
          ' ',
          h('a', { class: 'button', href: `${base}.pdf`, download: '' }, 'Exporter en PDF'),
        ),
        tableView(view, focus),
        h(
          'details',
          { class: 'coherence-rules' },
          h('summary', {}, 'Comment la cohérence est établie'),
          h('p', {}, view.rules.covered),
          h('p', {}, view.rules.modalities),
        ),
        ...view.etablissements.map((e) => etablissementView(view, e, focus)),
      ];
    },
    // Opened from a notice about one member: its gaps come into view (the heading keeps the focus).
    focus: (slot) => {
      if (focus) slot.querySelector(`#etablissement-${CSS.escape(focus)}`)?.scrollIntoView();
    },
  });
}
