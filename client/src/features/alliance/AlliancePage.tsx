import { computeQuorum, type Alliance, type MemberRole } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { Ledger } from '../actionItems/Ledger.js';
import { useMe } from '../auth/useMe.js';
import { MeetingCard } from '../meeting/MeetingCard.js';
import { useLiveMeetings, useMeetings } from '../meeting/queries.js';
import { RescheduleNotice } from '../meeting/RescheduleNotice.js';
import { useAlliance, useLiveAlliance } from '../../lib/alliance.js';
import { formatList } from '../../lib/format.js';
import { AuditLog } from './AuditLog.js';
import { NewMeetingForm } from './NewMeetingForm.js';
import { CommitteeCard } from '../people/CommitteeCard.js';

const ROLE_ORDER: MemberRole[] = ['lead', 'member', 'observer'];

export function AlliancePage() {
  const { id = '' } = useParams();
  const alliance = useAlliance(id);
  useLiveAlliance(id);
  return <QueryState query={alliance}>{(a) => <AllianceView alliance={a} />}</QueryState>;
}

function AllianceView({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const mine = me.alliances.find((a) => a.id === alliance.id);
  const canSchedule = me.user.isAdmin || mine?.isSecretary === true || (mine?.represents.length ?? 0) > 0;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{alliance.name}</h1>
        <p className="tags">
          <span className="tag">{t(`allianceKind.${alliance.kind}`)}</span>
          <span className="muted">
            {t('alliance.votingDefaults', {
              basis: alliance.votingDefaults.basis === 'unit' ? t('alliance.basisUnit') : t('alliance.basisMember'),
              quorum: quorumInWords(alliance, t),
            })}
          </span>
        </p>
        {alliance.description && <p className="lead">{alliance.description}</p>}
        <p className="tags">
          <Link className="button outline" to={`/alliances/${alliance.id}/lists`}>
            {t('lists.openLists')}
          </Link>
          <Link className="button outline" to={`/alliances/${alliance.id}/whistles`}>
            {t('whistles.open')}
          </Link>
          <Link className="button outline" to={`/alliances/${alliance.id}/points`}>
            {t('evaluation.link')}
          </Link>
          <Link className="button outline" to={`/alliances/${alliance.id}/service`}>
            {t('people.service.title')}
          </Link>
          {alliance.can.manage && (
            <Link className="button outline" to={`/alliances/${alliance.id}/settings`}>
              {t('allianceSettings.settingsLink')}
            </Link>
          )}
        </p>
      </header>
      <RescheduleNotice allianceId={alliance.id} />
      <div className="stack">
        <div className="column">
          <MeetingsSection allianceId={alliance.id} />
          <Ledger allianceId={alliance.id} />
          {canSchedule && <NewMeetingForm alliance={alliance} />}
          <AuditLog alliance={alliance} />
        </div>
        <div className="column">
          <CommitteeCard allianceId={alliance.id} />
          <Members alliance={alliance} />
          <Rotation alliance={alliance} />
        </div>
      </div>
    </div>
  );
}

function Members({ alliance }: { alliance: Alliance }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="members">
      <h2 id="members">{t('alliance.members')}</h2>
      {ROLE_ORDER.map((role) => {
        const members = alliance.memberships.filter((m) => m.role === role);
        if (members.length === 0) return null;
        return (
          <div key={role} className="member-group">
            <h3>
              {t(`roles.${role}`)} <span className="count">{members.length}</span>
            </h3>
            <ul className="plain-list">
              {members.map((m) => (
                <li key={m.unit.id} className="member">
                  <span className="member-unit">{m.unit.name}</span>
                  <span className="muted">
                    {m.representatives.length > 0
                      ? formatList(
                          m.representatives.map((r) => r.name),
                          i18n.language,
                        )
                      : t('alliance.noRepresentative')}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <div className="member-group">
        <h3>{t('alliance.secretaries')}</h3>
        <p>
          {formatList(
            alliance.secretaries.map((s) => s.name),
            i18n.language,
          )}
        </p>
      </div>
    </section>
  );
}

function Rotation({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="rotation">
      <h2 id="rotation">{t('alliance.rotation')}</h2>
      {alliance.rotation.length === 0 ? (
        <p className="muted">{t('alliance.noRotation')}</p>
      ) : (
        <ol className="rotation">
          {alliance.rotation.map((u) => {
            const next = alliance.nextConvener?.id === u.id;
            return (
              <li key={u.id} className={next ? 'next' : undefined} aria-current={next ? 'step' : undefined}>
                {u.name}
                {next && <span className="tag role-lead">{t('alliance.nextConvener')}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function MeetingsSection({ allianceId }: { allianceId: string }) {
  const { t } = useTranslation();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const meetings = useMeetings(allianceId, when);
  useLiveMeetings([allianceId]);
  return (
    <section className="card" aria-labelledby="meetings">
      <div className="section-head">
        <h2 id="meetings">{t('alliance.meetings')}</h2>
        <div role="tablist" className="tabs">
          {(['upcoming', 'past'] as const).map((w) => (
            <button
              key={w}
              type="button"
              role="tab"
              aria-selected={when === w}
              className={when === w ? 'tab active' : 'tab'}
              onClick={() => setWhen(w)}
            >
              {t(`alliance.${w}`)}
            </button>
          ))}
        </div>
      </div>
      <QueryState query={meetings} isEmpty={(p) => p.items.length === 0} empty={t('alliance.noMeetings')}>
        {(page) => (
          <ul className="plain-list">
            {page.items.map((m) => (
              <MeetingCard key={m.id} meeting={m} />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

/** "4 of 6 voting units" where the count is in units; a percentage where it is in persons. */
function quorumInWords(alliance: Alliance, t: (key: string, o?: Record<string, unknown>) => string): string {
  const { basis, quorum } = alliance.votingDefaults;
  const voting = alliance.memberships.filter((m) => m.role !== 'observer').length;
  if (basis !== 'unit' || voting === 0) return `${Math.round(quorum * 100)}%`;
  const { required } = computeQuorum({ basis, fraction: quorum, eligible: voting, present: 0 });
  return t('allianceSettings.quorumUnits', { n: required, m: voting });
}
