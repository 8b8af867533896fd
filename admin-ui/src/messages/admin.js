// Messages of the admin pages.
export default {
  en: {},
  'zh-CN': {},
};
