import { useQueries } from '@tanstack/react-query';
import type { Me, Meeting } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { meetingsQuery } from './queries.js';

/**
 * A meeting of my alliances in session right now, one click from its room. A meeting that
 * started on time is no longer "upcoming" (its scheduled time has passed), so both lists are asked.
 */
export function InSessionBanner({ me }: { me: Me }) {
  const { t } = useTranslation();
  const results = useQueries({
    queries: me.alliances.flatMap((a) => [
      meetingsQuery(a.id, 'upcoming', 5),
      // A meeting starts without anyone on this page doing anything: look again now and then.
      { ...meetingsQuery(a.id, 'past', 3), refetchInterval: 30_000 },
    ]),
  });
  const live: Meeting[] = results.flatMap((r) => r.data?.items ?? []).filter((m) => m.status === 'in_session');
  const unique = [...new Map(live.map((m) => [m.id, m])).values()];
  if (unique.length === 0) return null;
  return (
    <>
      {unique.map((m) => (
        <div key={m.id} className="banner" role="status">
          <span>{t('workbench.inSession', { title: m.title })}</span>
          <Link to={`/meetings/${m.id}/live`} className="button light">
            {t('workbench.enterMeeting')}
          </Link>
        </div>
      ))}
    </>
  );
}
