// What a charger is and how it is doing: where it stands, its connection and registration, what it said at
// boot (vendor, model, serial numbers, firmware), its firmware and diagnostics status and its load
// management settings.
import { h } from '../lib/dom.js';
import { formatDateTime, formatNumber, t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { keyValues } from './page.js';
import { statusBadge } from './status.js';
import { maintenanceStatusBadge } from './charger_maintenance.js';

// Facts a charger may not have reported are left out rather than shown as a dash.
const optional = (value) => value ?? undefined;
const joined = (...parts) => parts.filter((part) => part !== null && part !== undefined && part !== '').join(' · ') || null;

function loadSettings(charger, circuitName) {
  if (charger.maxCurrentA === null || charger.maxCurrentA === undefined) return h('span', { class: 'muted' }, t('chargers.overview.notManaged'));
  return joined(
    t('chargers.overview.current', { max: formatNumber(charger.maxCurrentA), min: formatNumber(charger.minCurrentA) }),
    t('chargers.overview.phases', { phases: charger.phases, wiring: charger.phaseWiring }),
    charger.circuitId ? t('chargers.overview.circuit', { circuit: circuitName ?? `#${charger.circuitId}` }) : t('chargers.overview.noCircuit'),
  );
}

function rating(charger) {
  if (!charger.currentType && !charger.ratedPowerKw) return null;
  return joined(charger.currentType, charger.ratedPowerKw ? `${formatNumber(charger.ratedPowerKw)} ${t('common.unit.kw')}` : null);
}

export function chargerOverview(charger, { site, circuitName }) {
  const boot = charger.bootInfo ?? {};
  const flag = charger.loadFlag;
  return keyValues([
    [t('chargers.field.description'), charger.description || null],
    [t('chargers.field.site'), site ? h('a', { href: hrefOf('/chargers', { site: site.id }), title: t('chargers.overview.siteChargers') }, site.name) : h('span', { class: 'muted' }, t('chargers.site.none'))],
    [
      t('chargers.column.online'),
      h('span', { class: 'charger-online' }, statusBadge(charger.online ? 'online' : 'offline'), ' ', h('small', { class: 'muted' }, t('chargers.overview.lastSeen', { time: formatDateTime(charger.lastSeenAt) }))),
    ],
    [t('chargers.column.registration'), statusBadge(charger.registrationStatus)],
    [t('chargers.overview.lastBoot'), formatDateTime(charger.lastBootAt)],
    [t('chargers.overview.model'), joined(boot.chargePointVendor, boot.chargePointModel) ?? h('span', { class: 'muted' }, t('chargers.neverBooted'))],
    [t('chargers.overview.serial'), optional(joined(boot.chargePointSerialNumber, boot.chargeBoxSerialNumber))],
    [t('chargers.overview.firmwareVersion'), boot.firmwareVersion ?? null],
    [t('chargers.overview.firmwareStatus'), charger.firmwareStatus ? maintenanceStatusBadge(charger.firmwareStatus) : undefined],
    [t('chargers.overview.diagnosticsStatus'), charger.diagnosticsStatus ? maintenanceStatusBadge(charger.diagnosticsStatus) : undefined],
    [t('chargers.overview.meter'), optional(joined(boot.meterType, boot.meterSerialNumber))],
    boot.iccid || boot.imsi ? [t('chargers.overview.modem'), joined(boot.iccid && `ICCID ${boot.iccid}`, boot.imsi && `IMSI ${boot.imsi}`)] : [null, undefined],
    [t('chargers.overview.securityProfile'), charger.securityProfile !== undefined ? t(`chargers.security.profile${charger.securityProfile}`) : undefined],
    [t('chargers.overview.load'), loadSettings(charger, circuitName)],
    flag
      ? [
          t('chargers.overview.loadFlag'),
          h(
            'span',
            {},
            h('span', { class: 'badge warn' }, tOr(`chargers.loadFlag.${flag.reason}`, flag.reason)),
            h('small', { class: 'muted' }, ` ${joined(flag.detail, formatDateTime(flag.since))}`),
          ),
        ]
      : [null, undefined],
    [t('chargers.overview.rating'), optional(rating(charger))],
    [t('chargers.overview.registeredAt'), formatDateTime(charger.createdAt)],
  ]);
}
