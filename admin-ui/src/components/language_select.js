// The language switch in the header and on the login page.
import { h } from '../lib/dom.js';
import { LANGUAGES, language, setLanguage, t } from '../lib/i18n.js';

export function languageSelect() {
  return h(
    'select',
    { 'aria-label': t('app.language'), class: 'language', onchange: (event) => setLanguage(event.target.value) },
    LANGUAGES.map(({ code, label }) => h('option', { value: code, selected: code === language(), lang: code }, label)),
  );
}
