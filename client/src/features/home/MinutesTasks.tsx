import { useQuery, useQueryClient } from '@tanstack/react-query';
import { WorkbenchSchema, type Me } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getJson } from '../../lib/api.js';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { useMeetingSeq } from '../meeting/meetingSeq.js';

const WORKBENCH = ['workbench'] as const;

/**
 * 待办事项 on the workbench: draft minutes my units have not answered (待确认纪要) and draft
 * minutes I may publish (待签发), each one click from the minutes page. Follows answers,
 * publications and closed meetings live.
 */
export function MinutesTasks({ me }: { me: Me }) {
  const { t } = useTranslation();
  const seqLabel = useMeetingSeq();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: WORKBENCH, queryFn: () => getJson('/api/workbench', WorkbenchSchema) });
  const ids = me.alliances.map((a) => a.id);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: WORKBENCH });
  useAllianceChannel(ids, 'minutes:changed', refresh);
  useAllianceChannel(ids, 'meeting:changed', refresh);

  const data = query.data;
  if (!data || (data.minutesToConfirm.length === 0 && data.minutesToPublish.length === 0)) return null;
  const several = me.alliances.length > 1;
  return (
    <section className="card workbench-tasks" aria-labelledby="workbench-tasks" data-testid="workbench-tasks">
      <h2 id="workbench-tasks">{t('workbench.tasks')}</h2>
      {data.minutesToPublish.length > 0 && (
        <>
          <h3 className="workbench-task-kind">{t('workbench.minutesToPublish')}</h3>
          <ul className="plain-list" data-testid="minutes-to-publish">
            {data.minutesToPublish.map(({ meeting, answered, asked }) => (
              <li key={meeting.id} className="workbench-task">
                <Link
                  to={`/meetings/${meeting.id}/minutes`}
                  aria-label={t('workbench.openMinutesOf', { title: meeting.title })}
                >
                  {meeting.title}
                </Link>
                <span className="meeting-meta">
                  <span>{seqLabel(meeting.seq)}</span>
                  {several && <span>{meeting.alliance.name}</span>}
                  <span>{t('workbench.answered', { answered, asked })}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {data.minutesToConfirm.length > 0 && (
        <>
          <h3 className="workbench-task-kind">{t('workbench.minutesToConfirm')}</h3>
          <ul className="plain-list" data-testid="minutes-to-confirm">
            {data.minutesToConfirm.map(({ meeting, unit }) => (
              <li key={`${meeting.id}:${unit.id}`} className="workbench-task">
                <Link
                  to={`/meetings/${meeting.id}/minutes`}
                  aria-label={t('workbench.openMinutesOf', { title: meeting.title })}
                >
                  {meeting.title}
                </Link>
                <span className="meeting-meta">
                  <span>{seqLabel(meeting.seq)}</span>
                  {several && <span>{meeting.alliance.name}</span>}
                  <span>{t('workbench.confirmFor', { unit: unit.name })}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
