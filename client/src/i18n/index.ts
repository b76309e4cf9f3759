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

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogues[l] }])),
  lng: initialLocale(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export { i18n };
