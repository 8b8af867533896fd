// A vehicle's odometer readings: the list (newest first, with the distance since the reading before),
// recording one (operators) and deleting one with a confirmation. Readings give the distance for the
// energy report's consumption per 100 km.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, formatNumber, t } from '../lib/i18n.js';
import { apiForm, field, localInputValue } from './form.js';
import { dataTable } from './table.js';
import { errorBox, loading } from './page.js';
import { notify } from './toast.js';
import { actionButton, deleteWithConfirm } from './fleet_ui.js';

// Fills `element`; `changed()` runs after a reading is added or deleted (the energy figures depend on them).
export function odometerReadings(element, { vehicle, canOperate, changed = () => {} }) {
  const list = h('div', { class: 'fleet-odometer-list' });
  const path = `/vehicles/${vehicle.id}/odometer-readings`;

  async function reload() {
    if (!list.firstChild) list.append(loading());
    try {
      const { items } = await api.get(path);
      const rows = items.map((reading, i) => ({ ...reading, distance: i > 0 ? reading.odometerKm - items[i - 1].odometerKm : null })).reverse();
      list.replaceChildren(
        dataTable({
          caption: t('fleet.odometer.caption'),
          empty: t('fleet.odometer.empty'),
          rows,
          columns: [
            { label: t('fleet.odometer.readAt'), cell: (r) => formatDateTime(r.readAt) },
            { label: t('fleet.odometer.km'), numeric: true, cell: (r) => formatNumber(r.odometerKm) },
            { label: t('fleet.odometer.since'), numeric: true, cell: (r) => (r.distance === null ? '–' : `+${formatNumber(r.distance)}`) },
            { label: t('fleet.odometer.note'), cell: (r) => r.note },
            { label: t('fleet.odometer.recordedBy'), cell: (r) => h('small', { class: 'muted' }, r.recordedBy) },
            canOperate
              ? {
                  label: t('common.actions'),
                  cell: (r) =>
                    actionButton(
                      t('common.delete'),
                      () =>
                        deleteWithConfirm({
                          title: t('fleet.odometer.deleteTitle', { km: formatNumber(r.odometerKm) }),
                          message: t('fleet.odometer.deleteMessage', { at: formatDateTime(r.readAt) }),
                          remove: () => api.delete(`${path}/${r.id}`),
                          done: async () => {
                            await reload();
                            changed();
                          },
                        }),
                      { danger: true, label: t('fleet.odometer.deleteLabel', { km: formatNumber(r.odometerKm) }) },
                    ),
                }
              : null,
          ].filter(Boolean),
        }),
      );
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  }

  let form = null;
  if (canOperate) {
    const fields = () =>
      h(
        'div',
        { class: 'form-grid' },
        field({ label: t('fleet.odometer.readAt'), name: 'readAt', type: 'datetime-local', value: localInputValue(new Date().toISOString()), required: true }),
        field({ label: t('fleet.odometer.km'), name: 'odometerKm', type: 'number', step: '0.1', min: '0', inputmode: 'decimal', required: true }),
        field({ label: t('fleet.odometer.note'), name: 'note', autocomplete: 'off', placeholder: t('fleet.odometer.notePlaceholder') }),
      );
    const makeForm = () => {
      const made = apiForm({
        fields: fields(),
        submitLabel: t('fleet.odometer.add'),
        submit: (values) => api.post(path, values),
        done: async () => {
          notify(t('fleet.odometer.added'), 'success');
          const fresh = makeForm();
          form.replaceWith(fresh);
          form = fresh;
          await reload();
          changed();
        },
      });
      made.classList.add('fleet-odometer-form');
      made.setAttribute('aria-label', t('fleet.odometer.add'));
      return made;
    };
    form = makeForm();
  }

  replace(element, list, form ? h('h3', {}, t('fleet.odometer.add')) : null, form);
  reload();
  return { reload };
}
