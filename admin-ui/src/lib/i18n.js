// Translations and locale-aware formatting. Every string the UI shows comes from a message catalogue in
// src/messages/, one file per area with the same keys in every language (tests/browser/messages.test.js
// checks this). The language defaults to the browser's and is remembered once chosen.

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
];
const STORAGE_KEY = 'parkgrid.language';

const catalogues = Object.fromEntries(LANGUAGES.map(({ code }) => [code, new Map()]));
const listeners = new Set();
let current = initialLanguage();

function initialLanguage() {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored && stored in catalogues) return stored;
  for (const preferred of globalThis.navigator?.languages ?? []) {
    if (preferred.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (preferred.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

// Adds an area's messages: {en: {key: text}, 'zh-CN': {key: text}}.
export function register(messages) {
  for (const [code, entries] of Object.entries(messages)) {
    if (!(code in catalogues)) throw new Error(`messages for unknown language ${code}`);
    for (const [key, text] of Object.entries(entries)) catalogues[code].set(key, text);
  }
}

export function language() {
  return current;
}

export function setLanguage(code) {
  if (!(code in catalogues) || code === current) return;
  current = code;
  globalThis.localStorage?.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
  for (const listener of listeners) listener(code);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// t('common.range', {from: 1, to: 50, total: 230}): the message with {placeholders} filled in. A key without a message is a
// bug; it is reported on the console (the browser tests fail on console errors) and shown as the key.
export function t(key, params = {}) {
  const text = catalogues[current].get(key);
  if (text === undefined) {
    console.error(`missing message ${key} (${current})`);
    return key;
  }
  return fill(text, params);
}

// For values that come from outside (an OCPP status, a vendor's error code): the translation when there
// is one, else the value itself.
export function tOr(key, fallback, params = {}) {
  const text = catalogues[current].get(key);
  return text === undefined ? String(fallback) : fill(text, params);
}

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

const missing = '–';

export function formatDateTime(value) {
  if (!value) return missing;
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));
}

export function formatDate(value) {
  if (!value) return missing;
  // "2026-03-10" is a calendar date, not midnight UTC: read it as that day wherever the browser is.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium' }).format(date);
}

export function formatTime(value) {
  if (!value) return missing;
  return new Intl.DateTimeFormat(current, { timeStyle: 'short' }).format(new Date(value));
}

export function formatNumber(value, maximumFractionDigits = 1, minimumFractionDigits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return missing;
  return new Intl.NumberFormat(current, { maximumFractionDigits, minimumFractionDigits }).format(value);
}

// Seconds as "2 h 05 min" / "2小时05分".
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return missing;
  const minutes = Math.round(seconds / 60);
  return t('common.duration', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

// Fen (1/100 CNY) as money.
export function formatMoney(fen) {
  if (fen === null || fen === undefined) return missing;
  return new Intl.NumberFormat(current, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}
