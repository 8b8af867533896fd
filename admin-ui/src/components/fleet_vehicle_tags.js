// The id tags (charging cards) of one vehicle: the list with edit and unlink, linking one of the
// institution's other tags, and a new tag for the vehicle.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime, t } from '../lib/i18n.js';
import { confirmAction } from './dialog.js';
import { dataTable } from './table.js';
import { errorBox, errorTitle, loading } from './page.js';
import { notify } from './toast.js';
import { formatPlate, loadAll } from './fleet_data.js';
import { deleteTag, openTagDialog, tagStatusBadge } from './fleet_id_tags.js';
import { actionButton, rowActions } from './fleet_ui.js';

// Fills `element`; `changed(tags)` runs with the vehicle's tags after every load (sessions follow them).
export function vehicleTags(element, { vehicle, scope, canOperate, changed = () => {} }) {
  const list = h('div');
  const linkArea = h('div', { class: 'fleet-link-tag' });
  let owners = null;
  const loadOwners = async () =>
    (owners ??= await Promise.all([loadAll('/vehicles', { institutionId: vehicle.institutionId }), loadAll('/drivers', { institutionId: vehicle.institutionId })]).then(
      ([vehicles, drivers]) => ({ vehicles, drivers }),
    ));

  const patch = async (tag, body, message) => {
    try {
      await api.patch(`/id-tags/${encodeURIComponent(tag.idTag)}`, body);
      notify(message, 'success');
    } catch (error) {
      notify(`${errorTitle(error)} ${error.message ?? ''}`.trim(), 'error');
    }
    await reload();
  };

  async function unlink(tag) {
    const confirmed = await confirmAction({
      title: t('fleet.vehicleTags.unlinkTitle', { idTag: tag.idTag }),
      message: t('fleet.vehicleTags.unlinkMessage', { plate: formatPlate(vehicle.plateNumber) }),
      confirmLabel: t('fleet.vehicleTags.unlink'),
      danger: true,
    });
    if (confirmed) await patch(tag, { vehicleId: null }, t('fleet.vehicleTags.unlinked', { idTag: tag.idTag }));
  }

  async function reload() {
    if (!list.firstChild) list.append(loading());
    let tags;
    let institutionTags;
    try {
      [tags, institutionTags] = await Promise.all([
        loadAll('/id-tags', { vehicleId: vehicle.id }),
        canOperate ? loadAll('/id-tags', { institutionId: vehicle.institutionId }) : [],
      ]);
    } catch (error) {
      list.replaceChildren(errorBox(error));
      return;
    }
    list.replaceChildren(
      dataTable({
        caption: t('fleet.vehicleTags.caption'),
        empty: t('fleet.vehicleTags.empty'),
        rows: tags,
        columns: [
          { label: t('fleet.tag.idTag'), cell: (tag) => h('code', {}, tag.idTag) },
          { label: t('fleet.tag.status'), cell: tagStatusBadge },
          { label: t('fleet.tag.expiry'), cell: (tag) => (tag.expiryDate ? formatDateTime(tag.expiryDate) : t('fleet.tag.noExpiry')) },
          canOperate
            ? {
                label: t('common.actions'),
                cell: (tag) =>
                  rowActions(
                    actionButton(t('common.edit'), async () => openTagDialog(scope, await loadOwners(), tag, { done: reload }), { label: t('fleet.tag.editLabel', { idTag: tag.idTag }) }),
                    actionButton(t('fleet.vehicleTags.unlink'), () => unlink(tag), { label: t('fleet.vehicleTags.unlinkLabel', { idTag: tag.idTag }) }),
                    actionButton(t('common.delete'), () => deleteTag(tag, reload), { danger: true, label: t('fleet.tag.deleteLabel', { idTag: tag.idTag }) }),
                  ),
              }
            : null,
        ].filter(Boolean),
      }),
    );
    if (canOperate) showLinkForm(institutionTags.filter((tag) => tag.vehicleId !== vehicle.id));
    changed(tags);
  }

  function showLinkForm(candidates) {
    const ownerNote = (tag) => {
      if (tag.vehicleId) return t('fleet.vehicleTags.onVehicle', { plate: formatPlate(owners?.vehicles.find((v) => v.id === tag.vehicleId)?.plateNumber ?? `#${tag.vehicleId}`) });
      if (tag.driverId) return t('fleet.vehicleTags.onDriver', { name: owners?.drivers.find((d) => d.id === tag.driverId)?.name ?? `#${tag.driverId}` });
      return t('fleet.tag.unassigned');
    };
    const select = h(
      'select',
      { name: 'idTag', 'aria-label': t('fleet.vehicleTags.choose') },
      h('option', { value: '' }, candidates.length ? t('fleet.vehicleTags.choose') : t('fleet.vehicleTags.noCandidates')),
      candidates.map((tag) => h('option', { value: tag.idTag }, `${tag.idTag} — ${ownerNote(tag)}`)),
    );
    const link = async (event) => {
      event.preventDefault();
      const tag = candidates.find((candidate) => candidate.idTag === select.value);
      if (!tag) return;
      // Taking a card from another vehicle or a driver changes who charges with it: ask first.
      if (tag.vehicleId || tag.driverId) {
        const confirmed = await confirmAction({
          title: t('fleet.vehicleTags.moveTitle', { idTag: tag.idTag }),
          message: t('fleet.vehicleTags.moveMessage', { owner: ownerNote(tag), plate: formatPlate(vehicle.plateNumber) }),
          confirmLabel: t('fleet.vehicleTags.link'),
        });
        if (!confirmed) return;
      }
      await patch(tag, { vehicleId: vehicle.id, driverId: null }, t('fleet.vehicleTags.linked', { idTag: tag.idTag, plate: formatPlate(vehicle.plateNumber) }));
    };
    linkArea.replaceChildren(
      h(
        'form',
        { class: 'toolbar', onsubmit: link },
        select,
        h('button', { type: 'submit', disabled: !candidates.length }, t('fleet.vehicleTags.link')),
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: async () => openTagDialog(scope, await loadOwners(), null, { preset: { institutionId: vehicle.institutionId, vehicleId: vehicle.id }, done: reload }),
          },
          t('fleet.tag.new'),
        ),
      ),
    );
  }

  element.replaceChildren(list, linkArea);
  if (canOperate) loadOwners().then(reload, reload);
  else reload();
  return { reload };
}
