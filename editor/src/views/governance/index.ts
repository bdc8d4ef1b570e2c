import { mountArsPortal } from '../ars/arsPortal';
import type { View } from '../view';
import { mountCalendarPage } from './calendarPage';
import { mountDiffPage } from './diffPage';
import { mountNewSeancePage } from './newSeancePage';
import { mountNotificationsPage } from './notifications';
import type { GovPage } from './routes';
import { mountSeanceDayPage } from './seanceDayPage';
import { mountSeancePage } from './seancePage';
import { mountSecretaryDashboard } from './secretaryDashboard';
import { mountTimelinePage } from './timelinePage';
import { mountVersionPage } from './versionPage';

/** Mounts a governance page (loaded on demand by main.ts). */
export function mountGovernance(main: HTMLElement, page: GovPage): View {
  switch (page.page) {
    case 'calendar':
      return mountCalendarPage(main, page);
    case 'newSeance':
      return mountNewSeancePage(main);
    case 'seance':
      return mountSeancePage(main, page.seanceId, page.focus);
    case 'seanceDay':
      return mountSeanceDayPage(main, page.date);
    case 'secretariat':
      return mountSecretaryDashboard(main);
    case 'notifications':
      return mountNotificationsPage(main);
    case 'timeline':
      return mountTimelinePage(main, page.projectId);
    case 'version':
      return mountVersionPage(main, page.projectId, page.versionId);
    case 'diff':
      return mountDiffPage(main, page.projectId, page.from, page.to);
    case 'ars':
      return mountArsPortal(main);
  }
}
