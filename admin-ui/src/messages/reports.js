// Messages of the reports pages.
export default {
  en: {},
  'zh-CN': {},
};
