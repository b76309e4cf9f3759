import { useQueries } from '@tanstack/react-query';
import type { Me } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MyUnitItems } from '../actionItems/MyUnitItems.js';
import { useMe } from '../auth/useMe.js';
import { InSessionBanner } from '../meeting/InSessionBanner.js';
import { MeetingCard } from '../meeting/MeetingCard.js';
import { meetingsQuery, useLiveMeetings } from '../meeting/queries.js';
import { MinutesTasks } from './MinutesTasks.js';
import { SystemStatus } from './SystemStatus.js';
import './home.css';

/** 工作台: my alliances and my role in each, the meetings coming up, and any meeting in session now. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('workbench.greeting', { name: me.user.name })}</h1>
        {me.unit && <p className="muted">{t('workbench.unitLine', { unit: me.unit.name })}</p>}
      </header>
      <div className="stack">
        <div className="column">
          <InSessionBanner me={me} />
          <MinutesTasks me={me} />
          <UpcomingMeetings me={me} />
          <MyUnitItems me={me} />
        </div>
        <div className="column">
          <MyAlliances me={me} />
          {/* Database mode and Redis are for whoever runs the installation. */}
          {me.user.isAdmin && <SystemStatus />}
        </div>
      </div>
    </div>
  );
}

function MyAlliances({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="my-alliances">
      <div className="section-head">
        <h2 id="my-alliances">{t('workbench.myAlliances')}</h2>
        {me.canCreateAlliance && (
          <Link className="button outline" to="/alliances/new">
            {t('allianceSettings.createLink')}
          </Link>
        )}
      </div>
      {me.alliances.length === 0 ? (
        <p className="muted">{t('workbench.noAlliances')}</p>
      ) : (
        <ul className="plain-list">
          {me.alliances.map((a) => (
            <li key={a.id} className="alliance-item">
              <Link to={`/alliances/${a.id}`}>{a.name}</Link>
              <span className="tags">
                {a.unitRole && <span className={`tag role-${a.unitRole}`}>{t(`roles.${a.unitRole}`)}</span>}
                {a.represents.length > 0 && <span className="tag">{t('roles.representative')}</span>}
                {a.isSecretary && <span className="tag role-secretary">{t('roles.secretary')}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function UpcomingMeetings({ me }: { me: Me }) {
  const { t } = useTranslation();
  const results = useQueries({
    queries: me.alliances.map((a) => meetingsQuery(a.id, 'upcoming', 5)),
  });
  useLiveMeetings(me.alliances.map((a) => a.id));
  const pending = results.some((r) => r.isPending);
  const failed = results.find((r) => r.isError);
  const meetings = results
    .flatMap((r, i) => (r.data?.items ?? []).map((m) => ({ meeting: m, mine: me.alliances[i]! })))
    .sort((a, b) => a.meeting.scheduledAt.localeCompare(b.meeting.scheduledAt));

  return (
    <>
      <section className="card" aria-labelledby="upcoming" aria-busy={pending}>
        <h2 id="upcoming">{t('workbench.upcoming')}</h2>
        {pending && <p className="muted">{t('common.loading')}</p>}
        {failed && (
          <div role="alert" className="alert">
            <p>{t('errors.INTERNAL')}</p>
            <button type="button" onClick={() => results.forEach((r) => r.isError && void r.refetch())}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {!pending && meetings.length === 0 && <p className="muted">{t('workbench.noUpcoming')}</p>}
        {meetings.length > 0 && (
          <ul className="plain-list">
            {meetings.map(({ meeting, mine }) => (
              <MeetingCard
                key={meeting.id}
                meeting={meeting}
                allianceName={mine.name}
                myRole={
                  mine.represents.includes(meeting.convenerUnit.id)
                    ? t('meeting.convener')
                    : mine.unitRole
                      ? t(`roles.${mine.unitRole}`)
                      : mine.isSecretary
                        ? t('roles.secretary')
                        : undefined
                }
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
