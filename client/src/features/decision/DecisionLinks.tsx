import type { Decision } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import './corrections.css';

/** 修改自 … / 已修改为 …: the revisions a decision is linked with. */
export function DecisionLinks({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  if (!decision.revises && !decision.revisedBy) return null;
  return (
    <p className="decision-links small" data-testid="decision-links">
      {decision.revises && (
        <span>
          {t('decision.revises')}
          <Link to={`/decisions/${decision.revises.id}`}>{t('decision.linkTitle', { title: decision.revises.title })}</Link>
        </span>
      )}
      {decision.revisedBy && (
        <span>
          {t('decision.revisedBy')}
          <Link to={`/decisions/${decision.revisedBy.id}`}>{t('decision.linkTitle', { title: decision.revisedBy.title })}</Link>
        </span>
      )}
    </p>
  );
}

