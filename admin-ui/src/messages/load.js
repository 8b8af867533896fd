// Messages of the load pages.
export default {
  en: {},
  'zh-CN': {},
};
