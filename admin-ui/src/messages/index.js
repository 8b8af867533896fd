// Every message catalogue of the UI, one per area, registered at start.
import { register } from '../lib/i18n.js';
import common from './common.js';
import login from './login.js';
import dashboard from './dashboard.js';
import chargers from './chargers.js';
import sessions from './sessions.js';
import fleet from './fleet.js';
import load from './load.js';
import reports from './reports.js';
import organisation from './organisation.js';
import admin from './admin.js';

export const catalogues = { common, login, dashboard, chargers, sessions, fleet, load, reports, organisation, admin };

for (const messages of Object.values(catalogues)) register(messages);
