import { renderArsPortal } from '../ars/arsPortal';
import type { View } from '../view';
import { renderCalendarPage } from './calendarPage';
import { renderDiffPage } from './diffPage';
import { renderNewSeancePage } from './newSeancePage';
import { mountNotificationsPage } from './notifications';
import type { GovPage } from './routes';
import { renderSeanceDayPage } from './seanceDayPage';
import { renderSeancePage } from './seancePage';
import { mountSecretaryDashboard } from './secretaryDashboard';
import { renderTimelinePage } from './timelinePage';
import { renderVersionPage } from './versionPage';

/** Mounts a governance page (loaded on demand by main.ts). */
export function mountGovernance(main: HTMLElement, page: GovPage): View {
  switch (page.page) {
    case 'calendar':
      return renderCalendarPage(main, page);
    case 'newSeance':
      return renderNewSeancePage(main);
    case 'seance':
      return renderSeancePage(main, page.seanceId, page.focus);
    case 'seanceDay':
      return renderSeanceDayPage(main, page.date);
    case 'secretariat':
      return mountSecretaryDashboard(main);
    case 'notifications':
      return mountNotificationsPage(main);
    case 'timeline':
      return renderTimelinePage(main, page.projectId);
    case 'version':
      return renderVersionPage(main, page.projectId, page.versionId);
    case 'diff':
      return renderDiffPage(main, page.projectId, page.from, page.to);
    case 'ars':
      return renderArsPortal(main);
  }
}
