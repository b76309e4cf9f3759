import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues, DEFAULT_LOCALE, LOCALES, type Locale } from '@tongxin/shared';

const STORAGE_KEY = 'tongxin.locale';

function isLocale(v: unknown): v is Locale {
  return (LOCALES as readonly unknown[]).includes(v);
}

/** The saved choice wins; otherwise Chinese, whatever the browser says (the product is Chinese first). */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage may be unavailable (private mode); fall through to the default.
  }
  return DEFAULT_LOCALE;
}

export function setLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the switch still applies to this page.
  }
  void i18n.changeLanguage(locale);
}

/**
 * Pseudo-localisation, for translators and for the test that no component renders a string of its
 * own: with `localStorage['tongxin.pseudo'] = '1'` every catalogue string shows between ⟦ and ⟧,
 * so any visible text outside those marks did not come from the catalogue.
 */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';
function pseudoEnabled(): boolean {
  try {
    return localStorage.getItem('tongxin.pseudo') === '1';
  } catch {
    return false;
  }
}
function mark<T>(value: T): T {
  if (typeof value === 'string') return `${PSEUDO_OPEN}${value}${PSEUDO_CLOSE}` as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v)])) as T;
  }
  return value;
}
const pseudo = pseudoEnabled();

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: pseudo ? mark(catalogues[l]) : catalogues[l] }])),
  lng: initialLocale(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  document.title = i18n.t('app.documentTitle');
});
document.documentElement.lang = i18n.language;
document.title = i18n.t('app.documentTitle');

export { i18n };
