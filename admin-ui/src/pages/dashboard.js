// The dashboard: for one site at a glance, its load against the grid limit (live), how many chargers are
// online, charging or faulted, and what needs attention (faults, security events, data-quality findings).
// Everything updates from the events stream; nothing reloads the page.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime, formatNumber, t, tOr } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import { hrefOf } from '../lib/router.js';
import { chargerHref } from '../components/charger_address.js';
import { applyStatusEvent, errorCodeText, hasFault } from '../components/charger_connectors.js';
import { siteLoadChart } from '../components/load_chart.js';
import { emptyState, errorBox, loading, pageHeader, section } from '../components/page.js';
import { severityBadge } from '../components/report_quality.js';
import { statusBadge } from '../components/status.js';

const CHARGER_EVENTS = ['charger.connected', 'charger.disconnected', 'charger.booted', 'connector.status'];
const ALERT_LIMIT = 8;

export async function render(view, ctx) {
  // An event while the page loads is not lost: the chargers are fetched again once the page is drawn.
  let onChargerEvent = () => {
    missedWhileLoading = true;
  };
  let missedWhileLoading = false;
  ctx.subscribe(CHARGER_EVENTS, (event, type) => onChargerEvent(event, type));
  const [sites, chargerList] = await Promise.all([api.get('/sites', { limit: 1000 }), api.get('/chargers')]);
  if (!ctx.isCurrent()) return;
  // The site of the address if it is one the user sees, else the first.
  const asked = ctx.query.get('site');
  const siteId = sites.items.some((site) => String(site.id) === asked) ? asked : sites.items[0] ? String(sites.items[0].id) : '';
  const chargers = new Map(chargerList.items.map((charger) => [charger.id, charger]));
  const inSite = (charger) => !siteId || String(charger.siteId) === siteId;

  const siteSelect = sites.items.length
    ? h(
        'label',
        { class: 'inline-field' },
        t('dashboard.site'),
        ' ',
        h(
          'select',
          { name: 'site', onchange: (event) => ctx.setQuery({ site: event.target.value }) },
          sites.items.map((site) => h('option', { value: site.id, selected: String(site.id) === siteId }, site.name)),
        ),
      )
    : null;

  const cards = h('div', { class: 'cards', 'aria-live': 'polite' });
  const chartArea = h('div', { class: 'load-chart' }, siteId ? loading() : emptyState(t('dashboard.load.noSite')));
  const faults = h('div');
  const securityList = h('div');
  const findingsList = h('div');

  view.append(
    pageHeader(t('nav.dashboard'), siteSelect),
    cards,
    section(t('dashboard.load.title'), chartArea),
    h(
      'div',
      { class: 'grid' },
      section(t('dashboard.faults'), faults),
      hasRole('energy_office') ? null : section(t('dashboard.security'), securityList),
      section(t('dashboard.findings'), findingsList),
    ),
  );

  function drawChargers() {
    const visible = [...chargers.values()].filter(inSite);
    const connectors = visible.flatMap((charger) => (charger.connectors ?? []).filter((c) => c.connectorId > 0).map((c) => ({ charger, ...c })));
    const count = (predicate) => connectors.filter(predicate).length;
    const online = visible.filter((charger) => charger.online).length;
    const card = (kind, value, label, href) =>
      h('a', { class: `card ${kind}`, href }, h('span', { class: 'value' }, formatNumber(value, 0)), h('span', { class: 'label' }, label));
    cards.replaceChildren(
      card('ok', online, t('dashboard.online', { total: visible.length }), hrefOf('/chargers', { site: siteId, online: 'true' })),
      card('muted', visible.length - online, t('dashboard.offline'), hrefOf('/chargers', { site: siteId, online: 'false' })),
      card('busy', count((c) => c.status === 'Charging'), t('dashboard.charging'), hrefOf('/chargers', { site: siteId, status: 'Charging' })),
      card('bad', count((c) => c.status === 'Faulted'), t('dashboard.faulted'), hrefOf('/chargers', { site: siteId, status: 'Faulted' })),
    );
    const faulted = connectors.filter(hasFault);
    faults.replaceChildren(
      faulted.length
        ? h(
            'ul',
            { class: 'alerts' },
            faulted.map((c) =>
              h(
                'li',
                {},
                h('a', { href: chargerHref(c.charger.id) }, `${c.charger.id} #${c.connectorId}`),
                ' ',
                statusBadge(c.status),
                ' ',
                errorCodeText(c),
                h('small', { class: 'muted' }, ` ${formatDateTime(c.timestamp ?? c.receivedAt)}`),
              ),
            ),
          )
        : emptyState(t('dashboard.noFaults')),
    );
  }

  async function drawSecurity() {
    if (hasRole('energy_office')) return;
    try {
      const events = await api.get('/security-events', { limit: ALERT_LIMIT });
      securityList.replaceChildren(
        events.items.length
          ? h(
              'ul',
              { class: 'alerts' },
              events.items.map((event) =>
                h(
                  'li',
                  { class: event.critical ? 'critical' : null },
                  event.critical ? h('span', { class: 'badge bad' }, t('dashboard.critical')) : null,
                  ' ',
                  h('a', { href: chargerHref(event.chargerId) }, event.chargerId),
                  ` ${tOr(`chargers.securityEvent.${event.type}`, event.type)}`,
                  h('small', { class: 'muted' }, ` ${formatDateTime(event.receivedAt)}`),
                ),
              ),
            )
          : emptyState(t('dashboard.noSecurity')),
      );
    } catch (error) {
      securityList.replaceChildren(errorBox(error));
    }
  }

  async function drawFindings() {
    try {
      const findings = await api.get('/data-quality/findings', { limit: ALERT_LIMIT });
      findingsList.replaceChildren(
        findings.items.length
          ? h(
              'ul',
              { class: 'alerts' },
              findings.items.map((finding) =>
                h(
                  'li',
                  {},
                  severityBadge(finding.severity),
                  ' ',
                  tOr(`quality.kind.${finding.kind}`, finding.kind),
                  finding.chargerId ? ` · ${finding.chargerId}` : null,
                  finding.transactionId ? [' · ', h('a', { href: hrefOf(`/sessions/${finding.transactionId}`) }, `#${finding.transactionId}`)] : null,
                  h('small', { class: 'muted' }, ` ${finding.localDate ?? finding.period ?? ''}`),
                ),
              ),
            )
          : emptyState(t('dashboard.noFindings')),
      );
    } catch (error) {
      findingsList.replaceChildren(errorBox(error));
    }
  }

  // Live: charger and connector states change the cards and the fault list in place.
  onChargerEvent = (event, type) => {
    const charger = chargers.get(event.chargerId);
    if (!charger) {
      refreshChargers();
      return;
    }
    if (type === 'charger.connected') charger.online = true;
    if (type === 'charger.disconnected') charger.online = false;
    if (type === 'charger.booted') charger.registrationStatus = event.status === 'Accepted' ? 'Accepted' : charger.registrationStatus;
    if (type === 'connector.status') applyStatusEvent(charger, event);
    drawChargers();
  };
  ctx.subscribe(['security.event'], drawSecurity);
  ctx.subscribe(['transaction.stopped'], drawFindings);
  ctx.onReconnect(() => {
    refreshChargers();
    drawSecurity();
    drawFindings();
  });

  async function refreshChargers() {
    try {
      const fresh = await api.get('/chargers');
      chargers.clear();
      for (const charger of fresh.items) chargers.set(charger.id, charger);
      if (ctx.isCurrent()) drawChargers();
    } catch (error) {
      faults.replaceChildren(errorBox(error)); // the cards keep what was last known
    }
  }

  drawChargers();
  if (missedWhileLoading) refreshChargers();
  drawSecurity();
  drawFindings();
  if (siteId) await siteLoadChart(chartArea, ctx, siteId);
}
