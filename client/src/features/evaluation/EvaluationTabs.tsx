import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import './evaluation.css';

export type EvaluationArea = 'points' | 'ratings' | 'appraisals' | 'service';

const AREAS: EvaluationArea[] = ['points', 'ratings', 'appraisals', 'service'];

/** The tab bar of an alliance's evaluation area (考核评价): 积分, 星级评定, 述职评议, 双报到. */
export function EvaluationTabs({ allianceId, current }: { allianceId: string; current: EvaluationArea }) {
  const { t } = useTranslation();
  return (
    <nav className="evaluation-tabs" aria-label={t('evaluation.tabs.label')}>
      <ul>
        {AREAS.map((area) => (
          <li key={area}>
            <Link
              to={`/alliances/${allianceId}/${area}`}
              className={area === current ? 'active' : undefined}
              aria-current={area === current ? 'page' : undefined}
            >
              {t(`evaluation.tabs.${area}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
