import type { CoherenceView } from '../../schemas/api/coherence';
import { modalityShortNames } from '../../schemas/modalities';
import { formatDateFr, parisDate } from '../governance/parisTime';
import { exportTemplate } from './html/handlebars';

/** The cohérence view as print HTML (templates/export/coherence.hbs), for its PDF. */
export function coherenceHtml(view: CoherenceView): string {
  const status = (e: CoherenceView['etablissements'][number]): string =>
    e.pmStatus === 'absent' ? 'aucun projet médical' : e.pmAdoptedOn ? `projet médical adopté le ${formatDateFr(e.pmAdoptedOn)}` : 'projet médical non adopté';
  return exportTemplate('coherence')({
    title: 'Cohérence des projets médicaux avec le PMP',
    subtitle: `${view.pmpTitle}, ${view.pmpLine > 1 ? `avenant n° ${view.pmpLine - 1} ` : ''}adopté le ${formatDateFr(view.pmpAdoptedOn)}`,
    organisation: view.ghtName,
    runningTitle: 'Cohérence PM ↔ PMP',
    runningRight: view.ghtName,
    intro: `État au ${formatDateFr(parisDate(new Date()))} : pour chaque filière du PMP et chaque établissement membre, la couverture par son projet médical et les modalités que la matrice du PMP lui attribue sans que son projet médical les mentionne.`,
    etablissements: view.etablissements.map((e) => ({ name: e.name, status: status(e) })),
    filieres: view.filieres.map((f) => ({
      name: f.name,
      cells: f.etablissements.map((c) => ({
        coverage: !c.concerned && !c.covered ? 'Non concerné' : c.covered ? 'Couverte' : 'Non couverte',
        missing: modalityShortNames(c.missingModalities),
      })),
    })),
    rules: view.rules,
  });
}
