// Time-of-use periods (尖峰/峰/平/谷) with one name and one colour on every page. Ledgers and reports spell
// them as below; the tariff API spells sharp peak `sharp_peak`, which touLabel() takes as well.
import { tOr } from '../lib/i18n.js';
import { colours } from './chart.js';

// In the order of their price, highest first; energy outside every period is `unclassified`.
export const TOU_PERIODS = ['sharpPeak', 'peak', 'flat', 'valley', 'unclassified'];

export const TOU_COLOURS = { sharpPeak: colours.sharp, peak: colours.peak, flat: colours.flat, valley: colours.valley, unclassified: colours.building };

export const touPeriod = (name) => (name === 'sharp_peak' ? 'sharpPeak' : name);

export const touLabel = (name) => tOr(`tou.${touPeriod(name)}`, name);
