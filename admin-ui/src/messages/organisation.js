// Messages of the organisation pages.
export default {
  en: {},
  'zh-CN': {},
};
