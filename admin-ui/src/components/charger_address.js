// Addresses of chargers in the UI and the API.
import { hrefOf } from '../lib/router.js';

// The path of one charger's page; identities may contain characters that need encoding.
export function chargerPath(chargerId) {
  return `/chargers/${encodeURIComponent(chargerId)}`;
}

export function chargerHref(chargerId, query = {}) {
  return hrefOf(chargerPath(chargerId), query);
}

// The API path of one charger (same encoding as the address).
export function chargerApiPath(chargerId, rest = '') {
  return `/chargers/${encodeURIComponent(chargerId)}${rest}`;
}
