// Messages of the chargers pages.
export default {
  en: {},
  'zh-CN': {},
};
