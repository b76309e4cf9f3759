import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MeetingDetailSchema, WebLinkSchema, type MeetingDetail, meetingPhase } from '@tongxin/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime, formatList } from '../../lib/format.js';
import { DecisionsSection } from '../decision/DecisionsSection.js';
import { useLiveDecisions } from '../decision/queries.js';
import { useLiveMeetings, useMeeting } from './queries.js';
import { RescheduleForm } from './RescheduleForm.js';
import { RescheduleNotice } from './RescheduleNotice.js';
import { AgendaEditor } from '../agenda/AgendaEditor.js';
import { EarlierItems } from '../actionItems/EarlierItems.js';
import { useAlliance } from '../../lib/alliance.js';
import { useMeetingSeq } from './meetingSeq.js';

export function MeetingPage() {
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  return <QueryState query={meeting}>{(m) => <MeetingView meeting={m} />}</QueryState>;
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const { t, i18n } = useTranslation();
  const seqLabel = useMeetingSeq();
  const queryClient = useQueryClient();
  const transition = useMutation({
    mutationFn: (name: 'schedule' | 'cancel') =>
      send('POST', `/api/meetings/${meeting.id}/${name}`, undefined, MeetingDetailSchema),
    onSuccess: async (m) => {
      queryClient.setQueryData(['meeting', meeting.id], m);
      await queryClient.invalidateQueries({ queryKey: ['alliance', meeting.alliance] });
    },
  });
  const alliance = useAlliance(meeting.alliance);
  // Drafts someone else starts, freezes or puts to a vote show up here without a reload.
  useLiveDecisions(meeting.alliance, meeting.id);
  // Scheduled, changed or cancelled by someone else: this screen follows.
  useLiveMeetings([meeting.alliance]);
  // What this viewer may do, as the server's policies say (they refuse anything else anyway).
  const allowed = meeting.can.transitions;
  const canDraft = meeting.can.draft;
  const [rescheduling, setRescheduling] = useState(false);
  const rescheduleButton = useRef<HTMLButtonElement>(null);
  const closeReschedule = () => {
    setRescheduling(false);
    requestAnimationFrame(() => rescheduleButton.current?.focus());
  };

  return (
    <div className="page">
      <p>
        <Link to={`/alliances/${meeting.alliance}`}>← {t('meeting.back')}</Link>
      </p>
      <RescheduleNotice allianceId={meeting.alliance} meetingId={meeting.id} />
      <section className="card" aria-labelledby="meeting-title">
        <p className="muted">{seqLabel(meeting.seq)}</p>
        <h1 id="meeting-title">{meeting.title}</h1>
        <dl className="facts">
          <dt>{t('meeting.status')}</dt>
          <dd>
            <span className={`status status-${meeting.status}`}>{t(`meetingStatus.${meeting.status}`)}</span>
          </dd>
          <dt>{t('meeting.when')}</dt>
          <dd>
            <time dateTime={meeting.scheduledAt}>{formatDateTime(meeting.scheduledAt, i18n.language)}</time>
          </dd>
          <dt>{t('meeting.duration')}</dt>
          <dd>{t('meeting.minutes', { count: meeting.durationMinutes })}</dd>
          <dt>{t('meeting.convener')}</dt>
          <dd>{meeting.convenerUnit.name}</dd>
          {alliance.data && (
            <>
              <dt>{t('meeting.invited')}</dt>
              <dd>
                {formatList(
                  alliance.data.memberships.filter((m) => m.role !== 'observer').map((m) => m.unit.name),
                  i18n.language,
                )}
              </dd>
              {alliance.data.memberships.some((m) => m.role === 'observer') && (
                <>
                  <dt>{t('meeting.observers')}</dt>
                  <dd>
                    {formatList(
                      alliance.data.memberships.filter((m) => m.role === 'observer').map((m) => m.unit.name),
                      i18n.language,
                    )}
                  </dd>
                </>
              )}
            </>
          )}
          {meeting.place && (
            <>
              <dt>{t('meeting.place')}</dt>
              <dd>{meeting.place}</dd>
            </>
          )}
          {meeting.onlineLink && (
            <>
              <dt>{t('meeting.onlineLink')}</dt>
              <dd>
                {/* A link stored before only http(s) was accepted is shown, never made clickable. */}
                {WebLinkSchema.safeParse(meeting.onlineLink).success ? (
                  <a href={meeting.onlineLink} rel="noopener noreferrer" target="_blank">
                    {meeting.onlineLink}
                  </a>
                ) : (
                  meeting.onlineLink
                )}
              </dd>
            </>
          )}
        </dl>
        <div className="form-actions">
          {meetingPhase.openForCheckIn(meeting.status) && (
            <Link className="button enter-room" to={`/meetings/${meeting.id}/live`} data-testid="enter-room">
              {t('room.enter')}
            </Link>
          )}
          {(meeting.status === 'adjourned' || meeting.status === 'minutes_published') && (
            <Link className="button" to={`/meetings/${meeting.id}/minutes`}>
              {t('minutes.open')}
            </Link>
          )}
          {allowed.includes('schedule') && (
            <button type="button" disabled={transition.isPending} onClick={() => transition.mutate('schedule')}>
              {t('meeting.schedule')}
            </button>
          )}
          {meeting.can.reschedule && !rescheduling && (
            <button ref={rescheduleButton} type="button" className="ghost" onClick={() => setRescheduling(true)}>
              {t('meeting.reschedule.open')}
            </button>
          )}
          {allowed.includes('cancel') && (
            <button
              type="button"
              className="ghost danger"
              disabled={transition.isPending}
              onClick={() => window.confirm(t('meeting.confirmCancel')) && transition.mutate('cancel')}
            >
              {t('meeting.cancel')}
            </button>
          )}
          {transition.isError && (
            <span role="alert" className="field-error">
              {errorMessage(t, transition.error)}
            </span>
          )}
        </div>
        {meeting.can.reschedule && rescheduling && <RescheduleForm meeting={meeting} onDone={closeReschedule} />}
      </section>
      <AgendaEditor
        meetingId={meeting.id}
        durationMinutes={meeting.durationMinutes}
        alliance={alliance.data}
        editable={canDraft}
      />
      {meetingPhase.openForDrafting(meeting.status) && (
        <EarlierItems meeting={meeting} canEdit={canDraft} />
      )}
      <DecisionsSection meetingId={meeting.id} canDraft={canDraft} />
    </div>
  );
}
