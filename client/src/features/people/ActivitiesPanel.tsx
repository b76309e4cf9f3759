import { SERVICE_ACTIVITY_STATUSES, type Ref, type ServiceActivity } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { formatDateTime } from '../../lib/format.js';
import { ActivityForm } from './ActivityForm.js';
import { formatHours } from './issues.js';
import { useActivities } from './queries.js';
import { SignupButtons } from './SignupButtons.js';

/** 服务活动: the alliance's activities by status, each with its places left and the viewer's sign-up. */
export function ActivitiesPanel({ allianceId, organizes }: { allianceId: string; organizes: Ref[] }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('open');
  const [creating, setCreating] = useState(false);
  const activities = useActivities(allianceId, status);
  return (
    <>
      <div className="service-toolbar">
        <label className="service-inline-field">
          <span>{t('people.service.statusFilter')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {SERVICE_ACTIVITY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`people.service.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {activities.data?.can.create && organizes.length > 0 && (
          <button type="button" onClick={() => setCreating(true)}>
            {t('people.service.newActivity')}
          </button>
        )}
      </div>
      <QueryState query={activities} isEmpty={(a) => a.items.length === 0} empty={t('people.service.emptyActivities')}>
        {(a) => (
          <ul className="plain-list service-activities" data-testid="service-activities">
            {a.items.map((x) => (
              <ActivityCard key={x.id} activity={x} />
            ))}
          </ul>
        )}
      </QueryState>
      {creating && <ActivityForm communities={organizes} onClose={() => setCreating(false)} />}
    </>
  );
}

function ActivityCard({ activity: a }: { activity: ServiceActivity }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card service-activity" data-status={a.status}>
      <div className="service-activity-head">
        <h2 className="service-activity-title">
          <Link to={`/service-activities/${a.id}`}>{a.title}</Link>
        </h2>
        <span className={`tag service-status-${a.status}`}>{t(`people.service.status.${a.status}`)}</span>
      </div>
      <dl className="service-facts">
        <div>
          <dt>{t('people.service.community')}</dt>
          <dd>{a.community.name}</dd>
        </div>
        <div>
          <dt>{t('people.service.time')}</dt>
          <dd>
            {formatDateTime(a.startsAt, i18n.language)} ·{' '}
            {t('people.service.plannedHours', { hours: formatHours(a.hours, i18n.language) })}
          </dd>
        </div>
        <div>
          <dt>{t('people.service.place')}</dt>
          <dd>{a.place}</dd>
        </div>
        <div>
          <dt>{t('people.service.needed')}</dt>
          <dd>{t('people.service.signedUp', { count: a.signups.length, needed: a.needed })}</dd>
        </div>
        <div>
          <dt>{t('people.service.skills')}</dt>
          <dd>
            {a.skills.length === 0
              ? t('people.service.noSkills')
              : a.skills.map((s) => (
                  <span key={s} className="tag">
                    {s}
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      <SignupButtons activity={a} />
    </li>
  );
}
