// Messages of the fleet pages.
export default {
  en: {},
  'zh-CN': {},
};
