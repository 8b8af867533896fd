// Which vehicle a running session charges, for the plan table: the session's id tag (from the open
// transactions of its charger), the tag's vehicle or driver, and the vehicle's plate. Each session is
// looked up once per page; what cannot be read (a tag without owner, an unknown tag) shows the id tag.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';

export function sessionOwners() {
  const sessions = new Map(); // transactionId -> Promise<{idTag, plate, driver, transaction}>
  const tags = new Map(); // idTag -> Promise<tag|null>

  function tagOf(idTag) {
    if (!tags.has(idTag)) tags.set(idTag, api.get(`/id-tags/${encodeURIComponent(idTag)}`).catch(() => null));
    return tags.get(idTag);
  }

  async function lookUp(chargerId, transactionId) {
    const open = await api.get('/transactions', { chargerId, status: 'open', limit: 20 });
    const transaction = open.items.find((item) => item.id === transactionId) ?? null;
    if (!transaction) return { idTag: null, plate: null, driver: null, transaction: null };
    const tag = await tagOf(transaction.idTag);
    const [vehicle, driver] = await Promise.all([
      tag?.vehicleId ? api.get(`/vehicles/${tag.vehicleId}`).catch(() => null) : null,
      tag?.driverId ? api.get(`/drivers/${tag.driverId}`).catch(() => null) : null,
    ]);
    return { idTag: transaction.idTag, plate: vehicle?.plateNumber ?? null, driver: driver?.name ?? null, transaction };
  }

  // The session's details (cached; a failed look-up is tried again next time).
  function owner(chargerId, transactionId) {
    if (!sessions.has(transactionId)) {
      const promise = lookUp(chargerId, transactionId);
      sessions.set(transactionId, promise);
      promise.catch(() => sessions.delete(transactionId));
    }
    return sessions.get(transactionId);
  }

  // An element naming the vehicle, filled in when the look-up answers.
  function label(chargerId, transactionId) {
    const element = h('span', { class: 'load-vehicle' }, '…');
    owner(chargerId, transactionId)
      .then(({ idTag, plate, driver }) => {
        replace(
          element,
          plate || driver ? h('strong', {}, plate ?? driver) : null,
          idTag ? h('small', { class: 'muted' }, plate || driver ? ` ${idTag}` : idTag) : '–',
        );
      })
      .catch(() => element.replaceChildren('–'));
    return element;
  }

  // Forgets a session whose details changed (a new charging need).
  function forget(transactionId) {
    sessions.delete(transactionId);
  }

  return { owner, label, forget };
}
