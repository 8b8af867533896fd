// The fleet inventory (GET /reports/fleet-inventory) of each institution as one table row: vehicles in
// service by kind, those added and retired in the period, the share of new-energy vehicles among those
// added against the public-institution target (at least 30 %), and the chargers at its sites by rating.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatNumber, t } from '../lib/i18n.js';
import { dataTable } from './table.js';

const KINDS = ['BEV', 'PHEV', 'petrol', 'diesel'];
const sum = (byKind) => KINDS.reduce((total, kind) => total + (byKind?.[kind] ?? 0), 0);
const percent = (share) => (share === null || share === undefined ? '–' : `${formatNumber(share * 100, 1)} %`);

function targetBadge(inventory) {
  if (inventory.meetsTarget === null || inventory.meetsTarget === undefined) return h('span', { class: 'badge muted' }, t('reports.inventory.noneAdded'));
  return inventory.meetsTarget
    ? h('span', { class: 'badge ok' }, t('reports.inventory.meets'))
    : h('span', { class: 'badge bad' }, t('reports.inventory.misses'));
}

// "AC 7 kW × 8; unrated × 1"
function chargerRatings(chargers) {
  if (!chargers?.some((group) => group.currentType || group.ratedPowerKw)) return null;
  return chargers
    .map((group) => {
      const type = group.currentType ?? t('reports.inventory.unrated');
      const power = group.ratedPowerKw ? ` ${formatNumber(group.ratedPowerKw, 1)} ${t('common.unit.kw')}` : '';
      return `${type}${power} × ${formatNumber(group.count, 0)}`;
    })
    .join('; ');
}

// Loads the inventory of every institution for `period` (a label) and answers the table. An institution
// whose inventory fails shows the error in its row rather than hiding the others.
export async function fleetInventoryTable(institutions, period) {
  const inventories = await Promise.all(
    institutions.map((institution) =>
      api
        .get('/reports/fleet-inventory', { institutionId: institution.id, period })
        .then((inventory) => ({ institution, inventory }))
        .catch((error) => ({ institution, error })),
    ),
  );
  const of = (row, read) => (row.error ? null : read(row.inventory));
  const byKind = (kind) => ({ label: t(`reports.vehicleKind.${kind}`), numeric: true, cell: (row) => of(row, (inv) => formatNumber(inv.inServiceByKind?.[kind] ?? 0, 0)) });
  return dataTable({
    caption: t('reports.inventory.caption'),
    columns: [
      { label: t('reports.institution'), cell: (row) => [row.institution.name, row.error ? h('div', { class: 'field-error' }, row.error.message) : null] },
      ...KINDS.map(byKind),
      { label: t('reports.inventory.added'), numeric: true, cell: (row) => of(row, (inv) => formatNumber(sum(inv.addedByKind), 0)) },
      { label: t('reports.inventory.addedNev'), numeric: true, cell: (row) => of(row, (inv) => formatNumber((inv.addedByKind?.BEV ?? 0) + (inv.addedByKind?.PHEV ?? 0), 0)) },
      { label: t('reports.inventory.retired'), numeric: true, cell: (row) => of(row, (inv) => formatNumber(sum(inv.retiredByKind), 0)) },
      { label: t('reports.inventory.nevShare'), numeric: true, cell: (row) => of(row, (inv) => percent(inv.newEnergyShareOfAdded)) },
      {
        label: t('reports.inventory.target'),
        cell: (row) => of(row, (inv) => [targetBadge(inv), h('small', { class: 'muted' }, ` ≥ ${percent(inv.newEnergyShareTarget)}`)]),
      },
      {
        label: t('reports.inventory.chargers'),
        cell: (row) =>
          of(row, (inv) => [
            t('reports.inventory.chargerTypes', {
              ac: formatNumber(inv.chargersByType?.AC ?? 0, 0),
              dc: formatNumber(inv.chargersByType?.DC ?? 0, 0),
              unknown: formatNumber(inv.chargersByType?.unknown ?? 0, 0),
            }),
            chargerRatings(inv.chargers) ? h('div', { class: 'muted' }, chargerRatings(inv.chargers)) : null,
          ]),
      },
    ],
    rows: inventories,
  });
}
