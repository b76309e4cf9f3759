import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@tongxin/shared';
import { setLocale } from '../i18n/index.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={i18n.language} onChange={(e) => setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {/* Each language is named in itself, so a reader of either can find theirs. */}
            {i18n.getFixedT(l)('app.nativeName')}
          </option>
        ))}
      </select>
    </label>
  );
}
