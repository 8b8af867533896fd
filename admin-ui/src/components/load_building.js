// A site's building load (the non-charging load a meter gateway reports per circuit): the latest reading
// of each circuit and whether the scheduler still uses it, the recent readings, and each circuit's
// fallback profile by hour for weekdays and weekends, which operators edit.
import { api, ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime, formatNumber, t } from '../lib/i18n.js';
import { colours, createChart } from './chart.js';
import { confirmAction, formDialog } from './dialog.js';
import { withDepth } from './load_circuits.js';
import { emptyState, errorBox, section } from './page.js';
import { dataTable } from './table.js';
import { notify } from './toast.js';

const STALE_AFTER_MS = 120000; // csms --building-load-stale-after (default)
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const DAY_TYPES = ['weekday', 'weekend'];
const hourLabel = (hour) => `${String(hour).padStart(2, '0')}:00`;

function readingValue(reading, circuit) {
  if (reading.powerKw !== null && reading.powerKw !== undefined) return `${formatNumber(reading.powerKw)} ${t('common.unit.kw')}`;
  const phases = circuit?.phases === 1 ? reading.currentA.slice(0, 1) : reading.currentA;
  return phases.map((value, phase) => `L${phase + 1} ${formatNumber(value)} ${t('common.unit.a')}`).join(' · ');
}

function freshnessBadge(circuit, latest, profile) {
  if (!circuit.hasBuildingLoad) return h('span', { class: 'badge muted' }, t('load.building.none'));
  if (latest && Date.now() - Date.parse(latest.timestamp) < STALE_AFTER_MS) return h('span', { class: 'badge ok' }, t('load.building.fresh'));
  if (profile?.weekday?.length) return h('span', { class: 'badge warn', title: t('load.building.profileUsedHelp') }, t('load.building.profileUsed'));
  return h('span', { class: 'badge bad', title: t('load.reasonHelp.building_load_unknown') }, t('load.building.unknown'));
}

// The profile editor: 24 hours × weekday/weekend, all filled or all empty (no profile).
function profileFields(profile) {
  const input = (dayType, hour) =>
    h('input', {
      type: 'number',
      min: 0,
      step: 'any',
      name: `${dayType}-${hour}`,
      value: profile[dayType]?.[hour] ?? '',
      'aria-label': t(`load.profile.${dayType}Hour`, { hour: hourLabel(hour) }),
    });
  const table = h(
    'table',
    { class: 'load-profile-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('load.profile.hour')), DAY_TYPES.map((dayType) => h('th', { scope: 'col' }, t(`load.profile.${dayType}`))))),
    h('tbody', {}, HOURS.map((hour) => h('tr', {}, h('th', { scope: 'row' }, hourLabel(hour)), DAY_TYPES.map((dayType) => h('td', {}, h('div', { class: 'field' }, input(dayType, hour))))))),
  );
  const copy = h('button', { type: 'button', onclick: () => {
    for (const hour of HOURS) table.querySelector(`[name="weekend-${hour}"]`).value = table.querySelector(`[name="weekday-${hour}"]`).value;
  } }, t('load.profile.copy'));
  return [h('p', { class: 'muted' }, t('load.profile.help')), h('div', { class: 'toolbar' }, copy), h('div', { class: 'table-wrap load-profile-wrap' }, table)];
}

// The form's 48 values as the API's body, or an error at the first value that cannot be sent.
function profileBody(values) {
  const filled = Object.values(values).filter((value) => value !== null).length;
  if (filled === 0) return { weekday: [], weekend: [] };
  const body = {};
  for (const dayType of DAY_TYPES) {
    body[dayType] = HOURS.map((hour) => {
      const value = values[`${dayType}-${hour}`];
      const name = `${dayType}-${hour}`;
      if (value === null) throw new ApiError(422, { field: name, message: t('load.profile.missing') });
      if (!(value >= 0 && value < 100000)) throw new ApiError(422, { field: name, message: t('load.profile.range') });
      return value;
    });
  }
  return body;
}

// ctx: the page's (charts); siteId; operate: may change; changed(): after a change.
export function buildingPanel({ ctx, siteId, operate, changed }) {
  const latestArea = h('div');
  const readingsArea = h('div');
  const profilesArea = h('div', { class: 'load-profiles' });
  const element = h(
    'div',
    {},
    section(t('load.building.latestTitle'), h('p', { class: 'muted' }, t('load.building.latestHelp')), latestArea),
    section(t('load.building.readingsTitle'), readingsArea),
    section(t('load.profile.title'), h('p', { class: 'muted' }, t('load.profile.intro')), profilesArea),
  );
  let circuits = [];
  let profiles = new Map();
  const circuitFilter = ctx.query.get('circuit') ?? '';

  async function reload() {
    circuits = withDepth((await api.get(`/sites/${siteId}/circuits`)).items);
    const [readings, ...profileList] = await Promise.all([
      api.get(`/sites/${siteId}/building-load`, { limit: 100, circuitId: circuitFilter }),
      ...circuits.map((circuit) => api.get(`/sites/${siteId}/circuits/${circuit.id}/building-load-profile`).catch(() => null)),
    ]);
    profiles = new Map(circuits.map((circuit, index) => [circuit.id, profileList[index]]));
    await showLatest();
    showReadings(readings.items);
    await showProfiles();
  }

  async function showLatest() {
    // The newest reading of each circuit (one request per circuit: the list is newest first).
    const latest = await Promise.all(circuits.map((circuit) => api.get(`/sites/${siteId}/building-load`, { circuitId: circuit.id, limit: 1 }).then((answer) => answer.items[0] ?? null).catch(() => null)));
    latestArea.replaceChildren(
      circuits.length
        ? dataTable({
            columns: [
              { label: t('load.circuits.name'), cell: ({ circuit }) => circuit.name },
              { label: t('load.building.state'), cell: ({ circuit, reading }) => freshnessBadge(circuit, reading, profiles.get(circuit.id)) },
              { label: t('load.building.measuredAt'), cell: ({ reading }) => (reading ? formatDateTime(reading.timestamp) : t('load.building.noReading')) },
              { label: t('load.building.value'), cell: ({ circuit, reading }) => (reading ? readingValue(reading, circuit) : null) },
            ],
            rows: circuits.map((circuit, index) => ({ circuit, reading: latest[index] })),
          })
        : emptyState(t('load.building.noCircuits')),
    );
  }

  function showReadings(readings) {
    const names = new Map(circuits.map((circuit) => [circuit.id, circuit]));
    const filter = h(
      'label',
      { class: 'inline-field' },
      t('load.building.circuitFilter'),
      ' ',
      h(
        'select',
        { name: 'circuit', onchange: (event) => ctx.setQuery({ tab: 'building', circuit: event.target.value }) },
        h('option', { value: '' }, t('common.all')),
        circuits.map((circuit) => h('option', { value: circuit.id, selected: String(circuit.id) === circuitFilter }, circuit.name)),
      ),
    );
    readingsArea.replaceChildren(
      h('div', { class: 'toolbar' }, filter),
      dataTable({
        columns: [
          { label: t('load.building.measuredAt'), cell: (reading) => formatDateTime(reading.timestamp) },
          { label: t('load.circuits.name'), cell: (reading) => names.get(reading.circuitId)?.name ?? `#${reading.circuitId}` },
          { label: t('load.building.value'), cell: (reading) => readingValue(reading, names.get(reading.circuitId)) },
          { label: t('load.building.receivedAt'), cell: (reading) => formatDateTime(reading.receivedAt) },
        ],
        rows: readings,
        empty: t('load.building.noReadings'),
      }),
    );
  }

  function editProfile(circuit) {
    formDialog({
      title: t('load.profile.editTitle', { name: circuit.name }),
      fields: profileFields(profiles.get(circuit.id) ?? {}),
      submit: async (values) => {
        const body = profileBody(values);
        try {
          return await api.put(`/sites/${siteId}/circuits/${circuit.id}/building-load-profile`, body);
        } catch (error) {
          // The server names an hour as weekday[5]; the form's control is weekday-5.
          if (error.field) error.field = error.field.replace(/\[(\d+)\]$/, '-$1');
          throw error;
        }
      },
      done: () => afterChange(),
    });
  }

  async function clearProfile(circuit) {
    const confirmed = await confirmAction({
      title: t('load.profile.clearTitle', { name: circuit.name }),
      message: t('load.profile.clearMessage'),
      confirmLabel: t('load.profile.clear'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.put(`/sites/${siteId}/circuits/${circuit.id}/building-load-profile`, { weekday: [], weekend: [] });
      afterChange();
    } catch (error) {
      notify(error.message, 'error');
    }
  }

  function afterChange() {
    notify(t('common.saved'), 'success');
    changed();
    reload().catch((error) => element.prepend(errorBox(error)));
  }

  async function showProfiles() {
    const withLoad = circuits.filter((circuit) => circuit.hasBuildingLoad);
    profilesArea.replaceChildren();
    if (!withLoad.length) {
      profilesArea.append(emptyState(t('load.profile.noCircuits')));
      return;
    }
    for (const circuit of withLoad) {
      const profile = profiles.get(circuit.id);
      const has = profile?.weekday?.length > 0;
      const chartBox = h('div', { class: 'chart small', role: 'img', 'aria-label': t('load.profile.chartLabel', { name: circuit.name }) });
      profilesArea.append(
        h(
          'div',
          { class: 'load-profile' },
          h(
            'div',
            { class: 'load-profile-head' },
            h('h3', {}, circuit.name),
            operate
              ? h(
                  'span',
                  { class: 'load-actions' },
                  h('button', { type: 'button', 'aria-label': t('load.profile.editFor', { name: circuit.name }), onclick: () => editProfile(circuit) }, has ? t('load.profile.edit') : t('load.profile.create')),
                  has ? h('button', { type: 'button', class: 'link load-delete', 'aria-label': t('load.profile.clearFor', { name: circuit.name }), onclick: () => clearProfile(circuit) }, t('load.profile.clear')) : null,
                )
              : null,
          ),
          has ? chartBox : emptyState(t('load.profile.none')),
        ),
      );
      if (has) {
        await createChart(chartBox, ctx, {
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 50, right: 20, top: 35, bottom: 30 },
          xAxis: { type: 'category', data: HOURS.map(hourLabel) },
          yAxis: { type: 'value', name: t('common.unit.a') },
          series: [
            { name: t('load.profile.weekday'), type: 'line', step: 'start', showSymbol: false, color: colours.building, data: profile.weekday },
            { name: t('load.profile.weekend'), type: 'line', step: 'start', showSymbol: false, color: colours.energy, data: profile.weekend },
          ],
        });
      }
    }
  }

  return { element, reload };
}
