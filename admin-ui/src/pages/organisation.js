// The organisation: the institutions (单位) ParkGrid serves and their sites (car parks). Admins manage
// institutions; admins and fleet admins manage the sites of the institutions they may see (docs/api.md
// "Organisation"). The institution the site list is narrowed to, and its search, live in the address.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { isAdmin, mayOperate } from '../lib/session.js';
import { confirmAction } from '../components/dialog.js';
import { emptyState, errorTitle, pageHeader, section } from '../components/page.js';
import { dataTable, pagedTable } from '../components/table.js';
import { notify } from '../components/toast.js';
import { feeText, institutionDialog, siteDialog, zoneLabel } from '../components/organisation_forms.js';

export async function render(view, ctx) {
  const institutions = (await api.get('/institutions', { limit: 1000 })).items;
  if (!ctx.isCurrent()) return;
  const institutionsById = new Map(institutions.map((institution) => [institution.id, institution]));
  const selectedId = Number(ctx.query.get('institution')) || null;
  const selected = institutionsById.get(selectedId) ?? null;
  const search = ctx.query.get('q') ?? '';
  const admin = isAdmin();
  const operate = mayOperate();

  async function removeWithConfirmation({ title, message, path, doneMessage, after }) {
    if (!(await confirmAction({ title, message, confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await api.delete(path);
      notify(doneMessage, 'success');
      await after();
    } catch (error) {
      notify(`${errorTitle(error)} ${error.message}`, 'error');
    }
  }

  const institutionChanged = (message) => async () => {
    notify(message, 'success');
    ctx.rerender();
  };

  const siteChanged = (message) => async () => {
    notify(message, 'success');
    await sites.reload(); // the site table below exists by the time anything has changed
  };

  // Institutions: every one the caller may see (admins: all), few enough to show at once.
  const institutionColumns = [
    { label: t('organisation.name'), cell: (institution) => h('strong', {}, institution.name) },
    { label: t('organisation.code'), cell: (institution) => h('code', {}, institution.unifiedSocialCreditCode) },
    { label: t('organisation.type'), cell: (institution) => t(`organisation.type.${institution.type}`) },
    { label: t('organisation.sector'), cell: (institution) => (institution.sector ? t(`organisation.sector.${institution.sector}`) : null) },
    { label: t('organisation.region'), cell: (institution) => institution.region },
    {
      label: t('organisation.sites'),
      cell: (institution) =>
        h(
          'a',
          { href: hrefOf('/organisation', { institution: institution.id }), 'aria-current': institution.id === selectedId ? 'true' : null, 'aria-label': t('organisation.showSitesOf', { name: institution.name }) },
          t('organisation.showSites'),
        ),
    },
  ];
  if (admin) {
    institutionColumns.push({
      label: t('common.actions'),
      cell: (institution) =>
        h(
          'div',
          { class: 'admin-row-actions' },
          h('button', { type: 'button', 'aria-label': t('organisation.institution.editNamed', { name: institution.name }), onclick: () => institutionDialog({ institution, done: institutionChanged(t('common.saved')) }) }, t('common.edit')),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'aria-label': t('organisation.institution.deleteNamed', { name: institution.name }),
              onclick: () =>
                removeWithConfirmation({
                  title: t('organisation.institution.deleteTitle', { name: institution.name }),
                  message: t('organisation.institution.deleteMessage'),
                  path: `/institutions/${institution.id}`,
                  doneMessage: t('common.deleted'),
                  after: () => ctx.setQuery(selectedId === institution.id ? {} : Object.fromEntries(ctx.query)),
                }),
            },
            t('common.delete'),
          ),
        ),
    });
  }

  const institutionsPanel = section(
    t('organisation.institutions'),
    admin ? null : h('p', { class: 'muted' }, t('organisation.institutions.readOnly')),
    dataTable({ columns: institutionColumns, rows: institutions, empty: t(admin ? 'organisation.institutions.emptyAdmin' : 'organisation.institutions.empty') }),
  );

  // Sites of the chosen institution, or of all visible ones.
  const sites = pagedTable({
    load: (limit, offset) => api.get('/sites', { institutionId: selectedId, q: search, limit, offset }),
    empty: search ? t('organisation.sites.noMatch') : t('organisation.sites.empty'),
    columns: [
      { label: t('organisation.site.name'), cell: (site) => h('a', { href: hrefOf(`/load/${site.id}`), title: t('organisation.site.loadLink', { name: site.name }) }, site.name) },
      selected ? null : { label: t('organisation.site.institution'), cell: (site) => institutionsById.get(site.institutionId)?.name ?? `#${site.institutionId}` },
      { label: t('organisation.site.address'), cell: (site) => site.address },
      { label: t('organisation.site.timeZone'), cell: (site) => zoneLabel(site.timeZone) },
      { label: t('organisation.site.fee'), numeric: true, cell: (site) => feeText(site.serviceFeePerKwh) },
      operate ? { label: t('common.actions'), cell: siteActions } : null,
    ].filter(Boolean),
  });

  function siteActions(site) {
    return h(
      'div',
      { class: 'admin-row-actions' },
      h('button', { type: 'button', 'aria-label': t('organisation.site.editNamed', { name: site.name }), onclick: () => siteDialog({ site, institutions, done: siteChanged(t('common.saved')) }) }, t('common.edit')),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          'aria-label': t('organisation.site.deleteNamed', { name: site.name }),
          onclick: () =>
            removeWithConfirmation({
              title: t('organisation.site.deleteTitle', { name: site.name }),
              message: t('organisation.site.deleteMessage'),
              path: `/sites/${site.id}`,
              doneMessage: t('common.deleted'),
              after: () => sites.reload(),
            }),
        },
        t('common.delete'),
      ),
    );
  }

  const searchForm = h(
    'form',
    {
      class: 'inline-field',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        ctx.setQuery({ institution: selectedId, q: event.target.elements.namedItem('q').value.trim() });
      },
    },
    h('input', { type: 'search', name: 'q', value: search, 'aria-label': t('organisation.sites.search'), placeholder: t('organisation.sites.search') }),
    h('button', { type: 'submit' }, t('common.search')),
  );
  const sitesToolbar = h(
    'div',
    { class: 'toolbar' },
    h(
      'label',
      { class: 'inline-field' },
      t('organisation.site.institution'),
      h(
        'select',
        { name: 'institution', onchange: (event) => ctx.setQuery({ institution: event.target.value, q: search }) },
        h('option', { value: '' }, t('organisation.allInstitutions')),
        institutions.map((institution) => h('option', { value: institution.id, selected: institution.id === selectedId }, institution.name)),
      ),
    ),
    searchForm,
    operate && institutions.length
      ? h('button', { type: 'button', class: 'primary', onclick: () => siteDialog({ institutions, institutionId: selectedId, done: siteChanged(t('organisation.site.created')) }) }, t('organisation.site.create'))
      : null,
  );

  view.append(
    h(
      'div',
      { class: 'organisation-page' },
      pageHeader(
        t('nav.organisation'),
        admin ? h('button', { type: 'button', class: 'primary', onclick: () => institutionDialog({ done: institutionChanged(t('organisation.institution.created')) }) }, t('organisation.institution.create')) : null,
      ),
      institutionsPanel,
      section(selected ? t('organisation.sites.of', { name: selected.name }) : t('organisation.sites.title'), sitesToolbar, institutions.length ? sites.element : emptyState(t('organisation.sites.needInstitution'))),
    ),
  );
}
