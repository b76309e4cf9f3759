import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/useMe.js';
import { EvaluationTabs } from '../evaluation/EvaluationTabs.js';
import { ActivitiesPanel } from './ActivitiesPanel.js';
import { MyRegistrationPanel } from './MyRegistrationPanel.js';
import { useCommunities } from './queries.js';
import { RegistrationsPanel } from './RegistrationsPanel.js';
import '../lists/lists.css';
import './people.css';

const TABS = ['activities', 'mine', 'registrations'] as const;
type Tab = (typeof TABS)[number];
const LABEL: Record<Tab, string> = {
  activities: 'people.service.tabActivities',
  mine: 'people.service.tabMine',
  registrations: 'people.service.tabRegistrations',
};

/** 双报到 (/alliances/:id/service?tab=…): service activities, my registration, and — for organizers — who registered. */
export default function ServicePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const { alliance, communities, pending } = useCommunities(id);
  const mine = me.alliances.find((a) => a.id === id);
  // Organizers: secretaries, admins and the representatives of a community.
  const organizes = communities.filter(
    (c) => me.user.isAdmin || mine?.isSecretary === true || mine?.represents.includes(c.id),
  );
  const tabs = TABS.filter((k) => k !== 'registrations' || organizes.length > 0);
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : 'activities';
  const select = (k: Tab) => setParams(k === 'activities' ? {} : { tab: k }, { replace: true });

  return (
    <div className="page service-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
        </p>
        <h1>{t('people.service.title')}</h1>
        <p className="lead">{t('people.service.intro')}</p>
      </header>
      <EvaluationTabs allianceId={id} current="service" />
      {pending ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <div role="tablist" aria-label={t('people.service.tabsLabel')} className="tabs service-tabs">
            {tabs.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`service-tab-${k}`}
                aria-controls="service-panel"
                aria-selected={tab === k}
                tabIndex={tab === k ? 0 : -1}
                className={tab === k ? 'tab active' : 'tab'}
                onClick={() => select(k)}
                onKeyDown={(e) => {
                  // Arrow keys move between the tabs, as a tab list does.
                  const at = tabs.indexOf(k);
                  const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : null;
                  if (to === null) return;
                  const next = tabs[(to + tabs.length) % tabs.length]!;
                  select(next);
                  document.getElementById(`service-tab-${next}`)?.focus();
                }}
              >
                {t(LABEL[k])}
              </button>
            ))}
          </div>
          <section id="service-panel" role="tabpanel" aria-labelledby={`service-tab-${tab}`} className="service-panel">
            {tab === 'activities' && <ActivitiesPanel allianceId={id} organizes={organizes} />}
            {tab === 'mine' && <MyRegistrationPanel allianceId={id} communities={communities} />}
            {tab === 'registrations' && <RegistrationsPanel allianceId={id} communities={organizes} />}
          </section>
        </>
      )}
    </div>
  );
}
