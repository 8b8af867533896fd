// The institutions a user or an API token may see (its scope, docs/api.md "Roles and scopes"), chosen from a
// checklist with a filter box when the list is long. A hidden `institutionIds` control inside the fieldset
// lets the form show the API's error about the scope at this field. Admins have no scope, so the list is
// switched off while the role is admin.
import { h, uniqueId } from '../lib/dom.js';
import { hrefOf } from '../lib/router.js';
import { language, t } from '../lib/i18n.js';

const FILTER_FROM = 8; // with more institutions than this, a filter box helps to find one

export function institutionPicker({ institutions, selected = [], adminRole = false }) {
  const id = uniqueId('institutions');
  const chosen = new Set(selected.map(Number));
  const rows = institutions.map((institution) => {
    const box = h('input', { type: 'checkbox', value: institution.id, checked: chosen.has(institution.id) });
    return { institution, box, row: h('label', { class: 'admin-institution' }, box, h('span', {}, institution.name)) };
  });
  const filter =
    rows.length > FILTER_FROM
      ? h('input', {
          type: 'search',
          class: 'admin-institution-filter',
          'aria-label': t('admin.institutions.filter'),
          placeholder: t('admin.institutions.filter'),
          oninput: (event) => {
            const text = event.target.value.trim().toLowerCase();
            for (const { institution, row } of rows) row.classList.toggle('hidden', text !== '' && !institution.name.toLowerCase().includes(text));
          },
        })
      : null;
  const help = h('small', { id: `${id}-help` });
  const list = rows.length
    ? h('div', { class: 'admin-institution-list' }, rows.map(({ row }) => row))
    : h('p', { class: 'muted' }, t('admin.institutions.none'), ' ', h('a', { href: hrefOf('/organisation') }, t('nav.organisation')));
  const element = h(
    'fieldset',
    { class: 'field admin-institutions', 'aria-describedby': `${id}-help` },
    h('legend', {}, t('admin.institutions.label')),
    filter,
    list,
    h('input', { type: 'hidden', name: 'institutionIds' }),
    help,
  );

  function setAdminRole(isAdminRole) {
    element.disabled = isAdminRole;
    element.classList.toggle('admin-institutions-off', isAdminRole);
    help.textContent = isAdminRole ? t('admin.institutions.adminHelp') : t('admin.institutions.help');
  }
  setAdminRole(adminRole);

  return {
    element,
    selectedIds: () => rows.filter(({ box }) => box.checked).map(({ institution }) => institution.id),
    setAdminRole,
  };
}

// The names of a scope's institutions as one phrase ("No. 5 Middle School, City Archives").
export function institutionNames(ids, institutionsById) {
  if (!ids?.length) return null;
  const names = ids.map((id) => institutionsById.get(id)?.name ?? `#${id}`);
  return new Intl.ListFormat(language(), { style: 'narrow', type: 'conjunction' }).format(names);
}
