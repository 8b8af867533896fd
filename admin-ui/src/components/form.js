// Form fields with their labels, reading a form into an API body, and showing the API's error at the
// field it names.
import { h, uniqueId } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { errorBox } from './page.js';

// field({label, name, type: 'text'|'number'|'select'|'checkbox'|'textarea'|..., value, options: [{value,
// label}], required, help, ...attributes})
export function field({ label, name, type = 'text', value, options, help, ...attributes }) {
  const id = uniqueId(name);
  const helpId = help ? `${id}-help` : null;
  const common = { id, name, 'aria-describedby': helpId, ...attributes };
  let control;
  if (type === 'select') {
    control = h(
      'select',
      common,
      options.map((option) => h('option', { value: option.value, selected: String(option.value) === String(value ?? '') }, option.label)),
    );
  } else if (type === 'textarea') {
    control = h('textarea', common, value ?? '');
  } else if (type === 'checkbox') {
    control = h('input', { ...common, type, checked: Boolean(value) });
    return h('div', { class: 'field checkbox' }, control, h('label', { for: id }, label), help ? h('small', { id: helpId }, help) : null);
  } else {
    control = h('input', { ...common, type, value: value ?? '' });
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, help ? h('small', { id: helpId }, help) : null);
}

// An RFC 3339 time as the value of a datetime-local input: the browser's local time, to the minute; '' for
// none or an unreadable time. readForm() converts it back.
export function localInputValue(value) {
  const time = value ? new Date(value) : null;
  if (!time || Number.isNaN(time.getTime())) return '';
  const pad = (number) => String(number).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

// The form's named controls as an object. Numbers become numbers, empty optional fields become null (the
// API clears them), checkboxes become booleans; `data-type="number"` on a text input converts it too.
export function readForm(form) {
  const values = {};
  for (const control of form.elements) {
    if (!control.name || control.disabled) continue;
    if (control.type === 'checkbox') {
      values[control.name] = control.checked;
    } else if (control.value.trim() === '') {
      values[control.name] = null;
    } else if (control.type === 'number' || control.dataset.type === 'number') {
      values[control.name] = Number(control.value);
    } else if (control.type === 'datetime-local') {
      values[control.name] = new Date(control.value).toISOString();
    } else if (control.type === 'password') {
      values[control.name] = control.value; // exactly as typed: spaces may be part of a password
    } else {
      values[control.name] = control.value.trim();
    }
  }
  return values;
}

// Shows an ApiError: at the control the error's `field` names when the form has one, else above the form.
export function showFormError(form, error) {
  clearFormError(form);
  const control = error?.field ? form.elements.namedItem(error.field.split(/[.[]/)[0]) : null;
  if (control && control.nodeType === Node.ELEMENT_NODE) {
    control.setAttribute('aria-invalid', 'true');
    const message = h('small', { class: 'field-error', role: 'alert' }, error.message);
    const container = control.closest('.field');
    container?.append(message);
    // A hidden control (a checklist's value) cannot take focus; its field's first control can.
    const focusable = control.type === 'hidden' ? container?.querySelector('input:not([type="hidden"]), select, textarea, button') : control;
    focusable?.focus();
  } else {
    form.prepend(h('div', { class: 'form-error' }, errorBox(error)));
  }
}

export function clearFormError(form) {
  for (const old of form.querySelectorAll('.field-error, .form-error')) old.remove();
  for (const invalid of form.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
}

// A form that sends its values with `submit(values)`; shows errors at their field, disables the button
// while the request runs, calls `done(result)` on success. `danger` makes the button red, as for every
// disruptive action.
export function apiForm({ fields, submitLabel, submit, done, cancel, danger = false }) {
  const button = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel ?? t('common.save'));
  const form = h(
    'form',
    { class: 'api-form', novalidate: true },
    fields,
    h('div', { class: 'form-actions' }, button, cancel ? h('button', { type: 'button', onclick: cancel }, t('common.cancel')) : null),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormError(form);
    button.disabled = true;
    try {
      const result = await submit(readForm(form), form);
      await done?.(result);
    } catch (error) {
      showFormError(form, error);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
