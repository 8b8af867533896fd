// Messages of the sessions pages.
export default {
  en: {},
  'zh-CN': {},
};
