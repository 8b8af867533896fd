// Pieces every fleet tab shares: the search toolbar kept in the address, row actions, deleting with a
// confirmation, and the institution a new object goes to (asked in the form only when it is not clear).
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { confirmAction } from './dialog.js';
import { field } from './form.js';
import { errorTitle } from './page.js';
import { notify } from './toast.js';

// The search box and filters of a tab, as a form that writes them into the address on submit (so they
// survive a reload). `filters` are field() elements whose names become query parameters.
export function searchToolbar(scope, { label, filters = [], actions = [] }) {
  const search = field({ label, name: 'q', type: 'search', value: scope.query.get('q') ?? '', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'toolbar fleet-toolbar', role: 'search' },
    search,
    filters,
    h('button', { type: 'submit' }, t('common.search')),
    h('div', { class: 'fleet-toolbar-spacer' }),
    actions,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = {};
    for (const control of form.elements) if (control.name) next[control.name] = control.value.trim();
    scope.setQuery(next);
  });
  // Filters apply as soon as they change; the search text applies on Enter or the button.
  for (const control of form.querySelectorAll('select')) control.addEventListener('change', () => form.requestSubmit());
  return form;
}

export function rowActions(...buttons) {
  return h('div', { class: 'fleet-row-actions' }, buttons);
}

export function actionButton(text, onclick, { danger = false, label } = {}) {
  return h('button', { type: 'button', class: danger ? 'fleet-danger' : null, 'aria-label': label, onclick }, text);
}

// Asks, deletes, tells. A refusal (409 "still referred to by …") is shown with the server's message.
export async function deleteWithConfirm({ title, message, remove, done }) {
  const confirmed = await confirmAction({ title, message, confirmLabel: t('common.delete'), danger: true });
  if (!confirmed) return false;
  try {
    await remove();
  } catch (error) {
    notify(`${errorTitle(error)} ${error.message ?? ''}`.trim(), 'error');
    return false;
  }
  notify(t('common.deleted'), 'success');
  await done?.();
  return true;
}

// The institution of a new object: the filtered one, or the only one; null when the form must ask.
export function fixedInstitutionId(scope) {
  if (scope.institutionId) return scope.institutionId;
  return scope.institutions.length === 1 ? scope.institutions[0].id : null;
}

// The institution select of a create form, or null when the institution is clear. `onChange(id)` lets
// the form refill the selects that depend on it (departments, vehicles, drivers).
export function institutionField(scope, onChange = () => {}, { allowGlobal = false } = {}) {
  if (fixedInstitutionId(scope) && !allowGlobal) return null;
  const options = [
    allowGlobal ? { value: '', label: t('fleet.tag.global') } : null,
    ...scope.institutions.map((institution) => ({ value: institution.id, label: institution.name })),
  ].filter(Boolean);
  const initial = fixedInstitutionId(scope) ?? (allowGlobal ? '' : scope.institutions[0]?.id);
  const element = field({ label: t('fleet.institution'), name: 'institutionId', type: 'select', options, value: initial, 'data-type': 'number' });
  element.querySelector('select').addEventListener('change', (event) => onChange(event.target.value ? Number(event.target.value) : null));
  return element;
}

// Replaces the options of the select inside a field() element, keeping the choice when it still exists.
export function setOptions(fieldElement, options) {
  const select = fieldElement.querySelector('select');
  const previous = select.value;
  select.replaceChildren(...options.map((option) => h('option', { value: option.value }, option.label)));
  select.value = options.some((option) => String(option.value) === previous) ? previous : String(options[0]?.value ?? '');
}

// The institution of an object as text, shown only when the user sees several.
export function institutionName(scope, institutionId) {
  return scope.institutions.find((institution) => institution.id === institutionId)?.name ?? `#${institutionId}`;
}
