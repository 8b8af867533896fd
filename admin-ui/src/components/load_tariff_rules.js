// The rules a time-of-use tariff must follow (docs/api.md "Time-of-use tariff"), checked in the browser so
// that each problem is shown, translated, at the row and field it concerns before anything is sent. The
// server checks the same and remains the authority.

export const KINDS = ['sharp_peak', 'peak', 'flat', 'valley'];
export const MAX_PERIODS = 48;
const MINUTES_PER_DAY = 24 * 60;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minuteOf(text) {
  const match = TIME.exec(text ?? '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function timeText(minute) {
  const wrapped = ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

// The minutes a period covers: from its start up to (not including) its end, past midnight when the end
// is not after the start; 00:00 to 00:00 is the whole day.
export function periodLength(start, end) {
  const length = (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return length === 0 ? MINUTES_PER_DAY : length;
}

export function parsePrice(value) {
  if (value === '' || value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : Number.NaN;
}

// periods: [{start, end, kind, pricePerKwh}] as typed (times "HH:MM", price a string or number).
// Answers {fields: [{index, field, key, params}], table: {key, params} | null}; `key` is a message key
// under load.tariff.error.
export function checkTariff(periods) {
  const fields = [];
  const fail = (index, field, key, params = {}) => fields.push({ index, field, key, params });
  periods.forEach((period, index) => {
    if (minuteOf(period.start) === null) fail(index, 'start', 'time');
    if (minuteOf(period.end) === null) fail(index, 'end', 'time');
    if (!KINDS.includes(period.kind)) fail(index, 'kind', 'kind');
    const price = parsePrice(period.pricePerKwh);
    if (price === null) fail(index, 'pricePerKwh', 'priceMissing');
    else if (!(price >= 0 && price <= 100)) fail(index, 'pricePerKwh', 'priceRange');
  });
  if (periods.length > MAX_PERIODS) return { fields, table: { key: 'tooMany', params: { max: MAX_PERIODS } } };
  if (fields.length) return { fields, table: null };

  // Energy statistics report one figure per kind, at one price.
  periods.forEach((period, index) => {
    const first = periods.findIndex((other) => other.kind === period.kind);
    if (first < index && parsePrice(periods[first].pricePerKwh) !== parsePrice(period.pricePerKwh)) {
      fail(index, 'pricePerKwh', 'kindPrice', { row: first + 1 });
    }
  });

  // Each minute of the day in exactly one period.
  const owner = new Array(MINUTES_PER_DAY).fill(-1);
  for (let index = 0; index < periods.length; index++) {
    const start = minuteOf(periods[index].start);
    const length = periodLength(start, minuteOf(periods[index].end));
    for (let offset = 0; offset < length; offset++) {
      const minute = (start + offset) % MINUTES_PER_DAY;
      if (owner[minute] !== -1) {
        fail(index, 'start', 'overlap', { row: owner[minute] + 1, time: timeText(minute) });
        return { fields, table: null };
      }
      owner[minute] = index;
    }
  }
  if (!periods.length || fields.length) return { fields, table: null };
  const gapStart = owner.findIndex((index) => index === -1);
  if (gapStart !== -1) {
    // Widen to the whole gap, which may run across midnight.
    let first = gapStart;
    while (owner[(first - 1 + MINUTES_PER_DAY) % MINUTES_PER_DAY] === -1 && first > gapStart - MINUTES_PER_DAY) first--;
    let end = gapStart;
    while (owner[end % MINUTES_PER_DAY] === -1) end++;
    return { fields, table: { key: 'gap', params: { from: timeText(first), to: timeText(end) } } };
  }
  return { fields, table: null };
}

// The kind of each half hour of the day (for the day bar), or null where no period covers it.
export function halfHours(periods) {
  const slots = new Array(48).fill(null);
  for (const period of periods) {
    const start = minuteOf(period.start);
    const end = minuteOf(period.end);
    if (start === null || end === null) continue;
    const length = periodLength(start, end);
    for (let slot = 0; slot < 48; slot++) {
      const offset = (slot * 30 - start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
      if (offset < length) slots[slot] = period;
    }
  }
  return slots;
}
