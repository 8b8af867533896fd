// A session's charging need (how much energy the car needs and when it leaves, docs/api.md "Charging
// needs"), editable by operators while the session runs, and whether the site's plan gets the car ready by
// then (GET /sites/{id}/plan, live from `load.plan_computed`), shown only where the site is load-managed.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, formatNumber, t, tOr } from '../lib/i18n.js';
import { mayOperate } from '../lib/session.js';
import { apiForm, field, localInputValue } from './form.js';
import { keyValues } from './page.js';
import { notify } from './toast.js';
import { isOpen } from './session_labels.js';

const kwh = (value) => (value === null || value === undefined ? '–' : `${formatNumber(value, 2, 2)} ${t('common.unit.kwh')}`);

// Returns {element, update(transaction), applyNeed(need), updatePlan(connector)}.
export function chargingNeedPanel(transaction) {
  let current = transaction;
  let need = transaction.chargingNeed;
  let plan = null; // this transaction's connector in the site's latest plan
  const display = h('div', { class: 'session-need-display' });
  const readiness = h('div', { class: 'session-need-readiness', 'aria-live': 'polite' });
  const formArea = h('div', { class: 'session-need-form' });
  const element = h('div', { class: 'session-need' }, display, readiness, formArea);

  function drawDisplay() {
    replace(
      display,
      need && (need.energyKwh !== null || need.departureTime !== null)
        ? keyValues([
            [t('sessions.need.energy'), kwh(need.energyKwh)],
            [t('sessions.need.departure'), need.departureTime ? formatDateTime(need.departureTime) : t('sessions.need.noDeparture')],
            [t('sessions.need.updatedAt'), formatDateTime(need.updatedAt)],
          ])
        : h('p', { class: 'muted' }, isOpen(current) ? t('sessions.need.none') : t('sessions.need.noneFinished')),
    );
  }

  function drawReadiness() {
    if (!plan || !isOpen(current)) {
      replace(readiness);
      return;
    }
    const verdict =
      plan.deadlineMet === true
        ? h('span', { class: 'badge ok' }, t('sessions.need.ready'))
        : plan.deadlineMet === false
          ? h('span', { class: 'badge bad' }, t('sessions.need.notReady'))
          : h('span', { class: 'badge muted' }, t('sessions.need.readyUnknown'));
    const departure = need?.departureTime ?? plan.departureTime;
    replace(
      readiness,
      h('h3', {}, t('sessions.need.readiness')),
      h('p', {}, verdict),
      plan.deadlineMet === null || plan.deadlineMet === undefined
        ? h('p', { class: 'muted' }, t('sessions.need.readyUnknownHint'))
        : h(
            'p',
            {},
            t('sessions.need.expected', {
              expected: kwh(plan.expectedEnergyKwh),
              remaining: kwh(plan.remainingKwh),
              departure: formatDateTime(departure),
            }),
          ),
      h(
        'p',
        { class: 'muted' },
        t('sessions.need.planNow', {
          reason: tOr(`sessions.planReason.${plan.reason}`, plan.reason ?? '–'),
          limit: formatNumber(plan.limitA, 1),
        }),
      ),
    );
  }

  function drawForm() {
    if (!isOpen(current) || !mayOperate()) {
      replace(formArea);
      return;
    }
    replace(
      formArea,
      h('h3', {}, t('sessions.need.edit')),
      apiForm({
        fields: h(
          'div',
          { class: 'form-grid' },
          field({
            label: t('sessions.need.energyLabel'),
            name: 'energyKwh',
            type: 'number',
            step: 'any',
            inputmode: 'decimal',
            value: need?.energyKwh ?? '',
            help: t('sessions.need.energyHelp'),
          }),
          field({
            label: t('sessions.need.departureLabel'),
            name: 'departureTime',
            type: 'datetime-local',
            value: localInputValue(need?.departureTime),
            help: t('sessions.need.departureHelp'),
          }),
        ),
        submitLabel: t('sessions.need.save'),
        submit: (values) => api.patch(`/transactions/${current.id}/charging-need`, values),
        done: (saved) => {
          applyNeed(saved);
          notify(t('sessions.need.saved'), 'success');
        },
      }),
    );
  }

  function applyNeed(next) {
    need = { energyKwh: next.energyKwh ?? null, departureTime: next.departureTime ?? null, updatedAt: next.updatedAt ?? next.at ?? null };
    drawDisplay();
    drawReadiness();
  }

  function update(transaction) {
    const wasOpen = isOpen(current);
    current = transaction;
    need = transaction.chargingNeed;
    drawDisplay();
    drawReadiness();
    // The form is kept while the session runs, so that a reload does not throw away what is being typed.
    if (wasOpen !== isOpen(current) || !formArea.firstChild) drawForm();
  }

  // `connector` is this transaction's entry of a plan (GET or event); an event lacks some figures of the
  // GET, which are kept from before.
  function updatePlan(connector) {
    plan = connector ? { ...plan, ...connector } : null;
    drawReadiness();
  }

  drawDisplay();
  drawForm();
  return { element, update, applyNeed, updatePlan };
}
