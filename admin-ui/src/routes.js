// The UI's pages: path, module, who may open it, and its place in the navigation. Pages load when first
// opened. The server decides what each role may do; `roles` only keeps pages out of the navigation of
// those who could not use them.
const everyone = ['admin', 'fleet_admin', 'energy_office'];
const operators = ['admin', 'fleet_admin'];
const admins = ['admin'];

export const routes = [
  { path: '/', nav: 'nav.dashboard', roles: everyone, page: () => import('./pages/dashboard.js') },
  { path: '/chargers', nav: 'nav.chargers', roles: everyone, page: () => import('./pages/chargers.js') },
  { path: '/chargers/:id', roles: everyone, page: () => import('./pages/charger_detail.js') },
  { path: '/sessions', nav: 'nav.sessions', roles: everyone, page: () => import('./pages/sessions.js') },
  { path: '/sessions/:id', roles: everyone, page: () => import('./pages/session_detail.js') },
  { path: '/fleet', nav: 'nav.fleet', roles: everyone, page: () => import('./pages/fleet.js') },
  { path: '/fleet/vehicles/:id', roles: everyone, page: () => import('./pages/vehicle_detail.js') },
  { path: '/load', nav: 'nav.load', roles: everyone, page: () => import('./pages/load.js') },
  { path: '/load/:siteId', roles: everyone, page: () => import('./pages/load_site.js') },
  { path: '/reports', nav: 'nav.reports', roles: everyone, page: () => import('./pages/reports.js') },
  { path: '/data-quality', nav: 'nav.dataQuality', roles: everyone, page: () => import('./pages/data_quality.js') },
  { path: '/organisation', nav: 'nav.organisation', roles: operators, page: () => import('./pages/organisation.js') },
  { path: '/admin/users', nav: 'nav.users', roles: admins, page: () => import('./pages/users.js') },
  { path: '/admin/tokens', nav: 'nav.tokens', roles: admins, page: () => import('./pages/api_tokens.js') },
  { path: '/admin/audit', nav: 'nav.audit', roles: admins, page: () => import('./pages/audit.js') },
];
