import type { Alliance } from '@tongxin/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { QueryState } from '../../../app/QueryState.js';
import { useAlliance } from '../../../lib/alliance.js';
import { BasicsSection } from './BasicsSection.js';
import { CalendarSection } from './CalendarSection.js';
import { CharterSection } from './CharterSection.js';
import { CommitteeSection } from '../../people/CommitteeSection.js';
import { HistorySection } from './HistorySection.js';
import { LetterheadSection } from './LetterheadSection.js';
import { MembersSection } from './MembersSection.js';
import { RobotsSection } from './RobotsSection.js';
import { RotationSection } from './RotationSection.js';
import { SecretariesSection } from './SecretariesSection.js';
import { VotingSection } from './VotingSection.js';
import './settings.css';

const TABS = ['basics', 'charter', 'members', 'secretaries', 'committee', 'rotation', 'voting', 'calendar', 'letterhead', 'robots', 'history'] as const;
type Tab = (typeof TABS)[number];
const LABEL: Record<Tab, string> = {
  basics: 'tabBasics',
  charter: 'tabCharter',
  members: 'tabMembers',
  secretaries: 'tabSecretaries',
  committee: 'people.committee.settingsTab',
  rotation: 'tabRotation',
  voting: 'tabVoting',
  calendar: 'tabCalendar',
  letterhead: 'tabLetterhead',
  robots: 'tabRobots',
  history: 'tabHistory',
};

/** A tab's words: in this catalogue, or a full key for a section another feature owns. */
const labelKey = (k: Tab) => (LABEL[k].includes('.') ? LABEL[k] : `allianceSettings.${LABEL[k]}`);

/** 联合体设置 (/alliances/:id/settings?tab=…): one section at a time, each saved on its own. */
export default function SettingsPage() {
  const { id = '' } = useParams();
  const alliance = useAlliance(id);
  return <QueryState query={alliance}>{(a) => <Settings alliance={a} />}</QueryState>;
}

function Settings({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'basics';
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // Moving between sections moves the focus to the section's heading, as a page change would.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [tab]);

  return (
    <div className="page settings">
      <p>
        <Link to={`/alliances/${alliance.id}`}>{t('allianceSettings.backToAlliance')}</Link>
      </p>
      <header className="page-head">
        <h1>
          {t('allianceSettings.title')}
          <span className="muted settings-of">{alliance.name}</span>
        </h1>
      </header>
      {!alliance.can.manage && (
        <p role="note" className="alert">
          {t('allianceSettings.forbidden')}
        </p>
      )}
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('allianceSettings.sections')}>
          <ul className="plain-list">
            {TABS.map((k) => (
              <li key={k}>
                <Link to={`?tab=${k}`} aria-current={k === tab ? 'page' : undefined} replace>
                  {t(labelKey(k))}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <section className="card settings-panel" aria-labelledby="settings-heading">
          <h2 id="settings-heading" ref={heading} tabIndex={-1}>
            {t(labelKey(tab))}
          </h2>
          {tab === 'basics' && <BasicsSection alliance={alliance} />}
          {tab === 'charter' && <CharterSection alliance={alliance} />}
          {tab === 'members' && <MembersSection alliance={alliance} />}
          {tab === 'secretaries' && <SecretariesSection alliance={alliance} />}
          {tab === 'committee' && <CommitteeSection alliance={alliance} />}
          {tab === 'rotation' && <RotationSection alliance={alliance} />}
          {tab === 'voting' && <VotingSection alliance={alliance} />}
          {tab === 'calendar' && <CalendarSection alliance={alliance} />}
          {tab === 'letterhead' && <LetterheadSection alliance={alliance} />}
          {tab === 'robots' && <RobotsSection alliance={alliance} />}
          {tab === 'history' && <HistorySection alliance={alliance} />}
        </section>
      </div>
    </div>
  );
}
