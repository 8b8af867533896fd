// The dialogs that create and change institutions and sites (docs/api.md "Organisation"). The server checks
// the unified social credit code (GB 32100-2015) and the time zone; its answer is shown at the field.
import { api } from '../lib/api.js';
import { formatNumber, t, tOr } from '../lib/i18n.js';
import { formDialog } from './dialog.js';
import { field } from './form.js';
import { localiseFieldError } from './admin_field_errors.js';

export const INSTITUTION_TYPES = ['state_organ', 'public_institution', 'social_organisation'];
export const SECTORS = ['education', 'science', 'culture', 'health', 'sports', 'other'];
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
// The zones car parks of Chinese institutions are in, and a few for sites abroad (embassies, offices).
export const TIME_ZONES = [
  'Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Seoul',
  'Asia/Singapore', 'Asia/Bangkok', 'Asia/Kolkata', 'Asia/Dubai', 'Europe/Moscow', 'Europe/Berlin',
  'Europe/Paris', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney', 'UTC',
];

const INSTITUTION_ERRORS = [
  { field: 'unifiedSocialCreditCode', pattern: /18 characters/, key: 'organisation.code.length' },
  { field: 'unifiedSocialCreditCode', pattern: /not allowed/, key: 'organisation.code.character' },
  { field: 'unifiedSocialCreditCode', pattern: /check character/, key: 'organisation.code.check' },
  { field: 'unifiedSocialCreditCode', pattern: /exists already/, key: 'organisation.code.taken' },
  { field: 'region', pattern: /6 digits/, key: 'organisation.region.digits' },
];
const SITE_ERRORS = [
  { field: 'name', pattern: /already/, key: 'organisation.site.nameTaken' },
  { field: 'timeZone', pattern: /IANA/, key: 'organisation.site.zoneUnknown' },
  { field: 'institutionId', pattern: /./, key: 'organisation.site.institutionUnknown' },
];

export function institutionDialog({ institution = null, done }) {
  const sectorField = field({
    label: t('organisation.sector'),
    name: 'sector',
    type: 'select',
    value: institution?.sector ?? '',
    options: [{ value: '', label: t('organisation.sector.choose') }, ...SECTORS.map((sector) => ({ value: sector, label: t(`organisation.sector.${sector}`) }))],
    help: t('organisation.sector.help'),
  });
  const sectorSelect = sectorField.querySelector('select');
  const showSector = (type) => {
    // Only public institutions (事业单位) have a sector; for the others it must be absent.
    sectorSelect.disabled = type !== 'public_institution';
    sectorField.classList.toggle('hidden', sectorSelect.disabled);
  };
  const typeField = field({
    label: t('organisation.type'),
    name: 'type',
    type: 'select',
    value: institution?.type ?? 'public_institution',
    options: INSTITUTION_TYPES.map((type) => ({ value: type, label: t(`organisation.type.${type}`) })),
    onchange: (event) => showSector(event.target.value),
  });
  showSector(institution?.type ?? 'public_institution');
  const codeField = field({
    label: t('organisation.code'),
    name: 'unifiedSocialCreditCode',
    value: institution?.unifiedSocialCreditCode,
    required: true,
    maxlength: 18,
    autocomplete: 'off',
    spellcheck: 'false',
    class: 'organisation-code',
    help: t('organisation.code.help'),
    // The code has capital letters only; what is typed is shown in capitals as it is typed.
    oninput: (event) => {
      const { selectionStart, selectionEnd } = event.target;
      event.target.value = event.target.value.toUpperCase();
      event.target.setSelectionRange(selectionStart, selectionEnd);
    },
  });

  return formDialog({
    title: institution ? t('organisation.institution.editTitle', { name: institution.name }) : t('organisation.institution.create'),
    submitLabel: institution ? t('common.save') : t('common.create'),
    fields: [
      field({ label: t('organisation.name'), name: 'name', value: institution?.name, required: true, maxlength: 200 }),
      codeField,
      typeField,
      sectorField,
      field({ label: t('organisation.region'), name: 'region', value: institution?.region, maxlength: 100, help: t('organisation.region.help') }),
    ],
    submit: async (values) => {
      const body = {
        name: values.name ?? '',
        unifiedSocialCreditCode: values.unifiedSocialCreditCode ?? '',
        type: values.type,
        sector: values.type === 'public_institution' ? values.sector : null,
      };
      if (institution || values.region) body.region = values.region;
      try {
        return institution ? await api.patch(`/institutions/${institution.id}`, body) : await api.post('/institutions', body);
      } catch (error) {
        throw localiseFieldError(error, { known: INSTITUTION_ERRORS });
      }
    },
    done,
  });
}

export function siteDialog({ site = null, institutions, institutionId = null, done }) {
  const zones = TIME_ZONES.includes(site?.timeZone ?? DEFAULT_TIME_ZONE) ? TIME_ZONES : [site.timeZone, ...TIME_ZONES];
  const fields = [
    site
      ? null
      : field({
          label: t('organisation.site.institution'),
          name: 'institutionId',
          type: 'select',
          value: institutionId ?? institutions[0]?.id,
          options: institutions.map((institution) => ({ value: institution.id, label: institution.name })),
          'data-type': 'number',
        }),
    field({ label: t('organisation.site.name'), name: 'name', value: site?.name, required: true, maxlength: 200, help: t('organisation.site.name.help') }),
    field({ label: t('organisation.site.address'), name: 'address', value: site?.address, maxlength: 500 }),
    field({
      label: t('organisation.site.timeZone'),
      name: 'timeZone',
      type: 'select',
      value: site?.timeZone ?? DEFAULT_TIME_ZONE,
      options: zones.map((zone) => ({ value: zone, label: zoneLabel(zone) })),
      help: t('organisation.site.timeZone.help'),
    }),
    field({
      label: t('organisation.site.fee'),
      name: 'serviceFeePerKwh',
      type: 'number',
      value: site?.serviceFeePerKwh ?? 0,
      min: 0,
      max: 10,
      step: 0.01,
      inputmode: 'decimal',
      help: t('organisation.site.fee.help'),
    }),
  ];
  return formDialog({
    title: site ? t('organisation.site.editTitle', { name: site.name }) : t('organisation.site.create'),
    submitLabel: site ? t('common.save') : t('common.create'),
    fields,
    submit: async (values) => {
      const body = {
        name: values.name ?? '',
        address: values.address,
        timeZone: values.timeZone,
        serviceFeePerKwh: values.serviceFeePerKwh ?? 0,
      };
      try {
        if (site) return await api.patch(`/sites/${site.id}`, body);
        if (!values.address) delete body.address;
        return await api.post('/sites', { institutionId: values.institutionId, ...body });
      } catch (error) {
        throw localiseFieldError(error, { known: SITE_ERRORS });
      }
    },
    done,
  });
}

// "Asia/Shanghai · China Standard Time (Beijing)": the IANA name that is stored, with words people know.
export function zoneLabel(zone) {
  const words = tOr(`organisation.zone.${zone}`, '');
  return words ? `${words} · ${zone}` : zone;
}

// A site's fee as "0.60 CNY/kWh".
export function feeText(fee) {
  return t('organisation.site.feeValue', { fee: formatNumber(fee ?? 0, 4, 2) });
}

