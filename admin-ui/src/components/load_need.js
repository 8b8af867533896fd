// Telling the scheduler what a running session still needs: the energy the vehicle should get and when it
// leaves (PATCH /transactions/{id}/charging-need). The plan is then computed again with it.
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { formDialog } from './dialog.js';
import { field, localInputValue } from './form.js';

export function editChargingNeed({ transactionId, label, need, done }) {
  formDialog({
    title: t('load.need.title', { session: label }),
    fields: [
      field({ label: t('load.need.energy'), name: 'energyKwh', type: 'number', min: 0.1, max: 500, step: 'any', value: need?.energyKwh, help: t('load.need.energyHelp') }),
      field({ label: t('load.need.departure'), name: 'departureTime', type: 'datetime-local', value: localInputValue(need?.departureTime), help: t('load.need.departureHelp') }),
    ],
    submitLabel: t('common.save'),
    submit: (values) => api.patch(`/transactions/${transactionId}/charging-need`, values),
    done,
  });
}
