import type { Meeting, Minutes } from '@tongxin/shared';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { ApiRequestError } from '../../lib/api.js';
import { DEFAULT_TIME_ZONE } from '@tongxin/shared';
import { formatShortDateTime } from '../../lib/format.js';
import { userColor } from '../../lib/userColor.js';
import { useMe } from '../auth/useMe.js';
import { ConfirmForm } from './ConfirmForm.js';
import { Confirmations } from './Confirmations.js';
import { Downloads } from './Downloads.js';
import { PublishPanel } from './PublishPanel.js';
import { useMeeting } from '../meeting/queries.js';
import { useLiveMinutes, useMinutes } from './queries.js';
import './minutes.css';
import { meetingOrdinal } from '@tongxin/shared';

// The editor (Tiptap, ProseMirror, Yjs bindings) is its own chunk, shared with the decision screen.
const RichTextEditor = lazy(() => import('../decision/DecisionEditor.js'));

/** 会议纪要: the generated draft co-edited by the secretaries, confirmed by each unit, then published. */
export default function MinutesPage() {
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  return <QueryState query={meeting}>{(m) => <MinutesScreen meeting={m} />}</QueryState>;
}

function MinutesScreen({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const minutes = useMinutes(meeting.id);
  // Other units' answers and the publication arrive live.
  useLiveMinutes(meeting.alliance, meeting.id);
  // Until the meeting is adjourned there is nothing to show yet; that is not a failure.
  const notYet = minutes.error instanceof ApiRequestError && minutes.error.status === 404;
  return (
    <div className="page minutes-page">
      <p>
        <Link to={`/meetings/${meeting.id}`}>← {t('minutes.back')}</Link>
      </p>
      {notYet ? (
        <>
          <Head meeting={meeting} minutes={null} />
          <section className="card minutes-not-yet" aria-labelledby="minutes-not-yet" data-testid="minutes-not-yet">
            <h2 id="minutes-not-yet">{t('minutes.notYetTitle')}</h2>
            <p className="muted">{t('minutes.notYet')}</p>
          </section>
        </>
      ) : (
        <QueryState query={minutes}>{(m) => <MinutesView meeting={meeting} minutes={m} />}</QueryState>
      )}
    </div>
  );
}

function Head({ meeting, minutes }: { meeting: Meeting; minutes: Minutes | null }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="page-head minutes-head">
      <p className="muted">
        {t('minutes.kicker', { seq: t('meeting.seq', { seq: meetingOrdinal(meeting.seq, i18n.language) }) })}
      </p>
      <h1>{meeting.title}</h1>
      {minutes && (
        <dl className="facts minutes-facts">
          <dt>{t('minutes.statusLabel')}</dt>
          <dd>
            <span className={`status minutes-${minutes.status}`} data-testid="minutes-status">
              {t(`minutes.status.${minutes.status}`)}
            </span>
          </dd>
          <dt>{t('minutes.generatedAt')}</dt>
          <dd>
            <time dateTime={minutes.generatedAt}>{formatShortDateTime(minutes.generatedAt, i18n.language)}</time>
          </dd>
          {minutes.publishedAt && (
            <>
              <dt>{t('minutes.publishedAt')}</dt>
              <dd data-testid="minutes-published">
                {t('minutes.publishedBy', {
                  name: minutes.publishedBy?.name ?? t('minutes.unknownPerson'),
                  time: formatShortDateTime(minutes.publishedAt, i18n.language),
                })}
              </dd>
            </>
          )}
          {minutes.publishedSha256 && (
            <>
              <dt>{t('minutes.fingerprint')}</dt>
              <dd>
                <code
                  className="fingerprint-short"
                  title={t('minutes.fingerprintFull', { hash: minutes.publishedSha256 })}
                  data-testid="minutes-fingerprint"
                >
                  {t('minutes.fingerprintShort', { hash: minutes.publishedSha256.slice(0, 16) })}
                </code>
              </dd>
            </>
          )}
        </dl>
      )}
    </header>
  );
}

/** 2026年12月7日 / December 7, 2026 — the day on a Beijing calendar. */
const formatLongDate = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { timeZone: DEFAULT_TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(iso),
  );
const beijingYear = (d: Date) =>
  Number(new Intl.DateTimeFormat('en', { timeZone: DEFAULT_TIME_ZONE, year: 'numeric' }).format(d));

/** 版头: the issuing body (red under 红头), the 文号 — or while a draft the number still open — and the rule. */
function Letterhead({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation();
  const red = minutes.letterhead.red ? ' red' : '';
  const year = beijingYear(minutes.publishedAt ? new Date(minutes.publishedAt) : new Date());
  return (
    <header className="minutes-letterhead">
      <p className={`minutes-issuer${red}`} data-testid="minutes-issuer">
        {minutes.letterhead.issuer}
      </p>
      <p className="minutes-number" data-testid="minutes-number">
        {minutes.docNumber ?? t('minutes.docNumberDraft', { year })}
      </p>
      <hr className={`minutes-rule${red}`} />
    </header>
  );
}

/** 版记: 分送, then the issuing body and the date of issue between rules. */
function RecordFoot({ minutes }: { minutes: Minutes }) {
  const { t, i18n } = useTranslation();
  return (
    <footer className="minutes-record" data-testid="minutes-record">
      <p>
        {t('minutes.distribution', {
          units: minutes.distribution.length > 0 ? minutes.distribution.join('、') : t('minutes.allMembers'),
        })}
      </p>
      <p className="minutes-printed">
        <span>{minutes.letterhead.issuer}</span>
        <span>
          {minutes.publishedAt
            ? t('minutes.printedOn', { date: formatLongDate(minutes.publishedAt, i18n.language) })
            : t('minutes.notPrinted')}
        </span>
      </p>
    </footer>
  );
}

function MinutesView({ meeting, minutes }: { meeting: Meeting; minutes: Minutes }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const draft = minutes.status === 'draft';
  const editable = draft && minutes.can.edit;
  const user = { name: me.user.name, unit: me.unit?.name ?? '', color: userColor(me.user.id) };
  return (
    <>
      <Head meeting={meeting} minutes={minutes} />
      <div className="stack minutes-layout">
        <section className="card minutes-doc" aria-labelledby="minutes-doc">
          <h2 id="minutes-doc">{t('minutes.document')}</h2>
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            <RichTextEditor
              docName={minutes.docName}
              user={user}
              editable={editable}
              label={t('minutes.editorLabel')}
              placeholder={t('minutes.placeholder')}
              readOnlyNote={draft ? t('minutes.readOnlyDraft') : t('minutes.readOnlyPublished')}
              presenceText={(names) => t('minutes.online', { names })}
              page={{
                className: `minutes-paper${draft ? ' draft' : ''}`,
                watermark: draft ? t('minutes.status.draft') : undefined,
                head: <Letterhead minutes={minutes} />,
                foot: <RecordFoot minutes={minutes} />,
              }}
            />
          </Suspense>
        </section>
        <div className="column">
          <Confirmations minutes={minutes} />
          {draft && minutes.can.confirmFor.length > 0 && <ConfirmForm minutes={minutes} />}
          {draft && minutes.can.publish && <PublishPanel minutes={minutes} />}
          <Downloads meeting={meeting} minutes={minutes} />
        </div>
      </div>
    </>
  );
}
