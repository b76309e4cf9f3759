import { COMMITTEE_POSTS, type CommitteeMember } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useCommittee } from './queries.js';
import './people.css';

/** 委员名单 on the alliance page: the committee by post (书记, 副书记, 委员, 兼职委员), each with their home unit. */
export function CommitteeCard({ allianceId }: { allianceId: string }) {
  const { t } = useTranslation();
  const committee = useCommittee(allianceId);
  return (
    <section className="card committee-card" aria-labelledby="committee" data-testid="committee">
      <div className="section-head">
        <h2 id="committee">{t('people.committee.title')}</h2>
        {committee.data?.can.manage && (
          <Link to={`/alliances/${allianceId}/settings?tab=committee`}>{t('people.committee.edit')}</Link>
        )}
      </div>
      <QueryState query={committee} isEmpty={(c) => c.members.length === 0} empty={t('people.committee.empty')}>
        {(c) => (
          <>
            {COMMITTEE_POSTS.map((post) => {
              const members = c.members.filter((m) => m.post === post);
              if (members.length === 0) return null;
              return (
                <div key={post} className="member-group">
                  <h3>
                    {t(`people.post.${post}`)} <span className="count">{members.length}</span>
                  </h3>
                  <ul className="plain-list">
                    {members.map((m, i) => (
                      <CommitteeLine key={`${m.name}-${i}`} member={m} />
                    ))}
                  </ul>
                </div>
              );
            })}
          </>
        )}
      </QueryState>
    </section>
  );
}

function CommitteeLine({ member: m }: { member: CommitteeMember }) {
  return (
    <li className="committee-member" data-post={m.post}>
      <span className="committee-name">{m.name}</span>
      {m.title && <span className="committee-title">{m.title}</span>}
      <span className="muted committee-unit">{m.homeUnit.name}</span>
    </li>
  );
}
