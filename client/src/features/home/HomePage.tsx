import { useTranslation } from 'react-i18next';
import { SystemStatus } from './SystemStatus.js';

const FEATURES = ['agenda', 'vote', 'ledger', 'minutes'] as const;

export function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <section className="card hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <h2>{t('home.featuresTitle')}</h2>
        <ul className="feature-list">
          {FEATURES.map((f) => (
            <li key={f}>{t(`home.features.${f}`)}</li>
          ))}
        </ul>
      </section>
      <SystemStatus />
    </div>
  );
}
