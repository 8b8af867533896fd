// Who is logged in, and what their role lets them do (docs/api.md "Roles and scopes"). The server enforces
// all of it; the UI only leaves out what would be refused.
import { api, setCsrfToken } from './api.js';

export const ROLES = ['admin', 'fleet_admin', 'energy_office'];

let me = null;

// Loads the current session; null when there is none.
export async function loadSession() {
  try {
    me = await api.get('/auth/me');
  } catch (error) {
    if (error.status === 401) {
      me = null;
      return null;
    }
    throw error;
  }
  setCsrfToken(me.session?.csrfToken ?? null);
  return me;
}

export async function login(username, password) {
  const answer = await api.post('/auth/login', { username, password });
  setCsrfToken(answer.csrfToken);
  return loadSession();
}

export async function logout() {
  try {
    await api.post('/auth/logout');
  } finally {
    me = null;
    setCsrfToken(null);
  }
}

export function forget() {
  me = null;
  setCsrfToken(null);
}

export function currentUser() {
  return me;
}

export function role() {
  return me?.role ?? null;
}

export function hasRole(...roles) {
  return roles.includes(role());
}

export const isAdmin = () => hasRole('admin');
// Admins and fleet admins operate chargers, fleets and load management; energy offices only read.
export const mayOperate = () => hasRole('admin', 'fleet_admin');
