import { Router } from './router.js';
import { TeamView } from './views/team-view.js';
import { ReportsView } from './views/reports-view.js';
import { openSettingsDialog } from './components/settings-dialog.js';
import { toggleNotificationsPanel, renderUnreadBadge } from './components/notifications-panel.js';
import { loadSettings } from './settings-store.js';

document.documentElement.dataset.theme = loadSettings().theme;

new Router(document.getElementById('view'), { team: TeamView, reports: ReportsView }, 'team').start();

document.getElementById('settings-button').addEventListener('click', openSettingsDialog);
document.getElementById('notifications-button').addEventListener('click', toggleNotificationsPanel);
renderUnreadBadge();
