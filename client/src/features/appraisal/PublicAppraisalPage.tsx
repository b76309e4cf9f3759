import type { PublicAppraisal } from '@tongxin/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { ModalDialog } from '../../app/ModalDialog.js';
import { ApiRequestError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { postPublicScores, usePublicAppraisal } from './queries.js';
import { checkScoring, ReportScoreFields, type ScoringDraft } from './ScoreFields.js';
import '../lists/lists.css';
import './appraisal.css';

type Ending = 'thanks' | 'used' | 'gone' | 'unknown';

/** What a refused link means for the person holding it: used (409), expired or revoked (410), unknown (404). */
function endingOf(err: unknown): Ending | null {
  if (!(err instanceof ApiRequestError)) return null;
  if (err.status === 409) return 'used';
  if (err.status === 410) return 'gone';
  if (err.status === 404 || err.status === 400) return 'unknown';
  return null;
}

/**
 * 群众代表测评: the page a public representative opens from a link, on a phone, with no account.
 * The reports to read, a grade per criterion, one submission; then a thank-you. A link already
 * used, expired, revoked or mistyped gets a page that says so plainly.
 */
export default function PublicAppraisalPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const appraisal = usePublicAppraisal(token);
  const [ending, setEnding] = useState<Ending | null>(null);
  const refused = endingOf(appraisal.error);
  const shown = ending ?? refused;

  useEffect(() => {
    document.title = `${t('appraisal.title')} · ${t('app.name')}`;
  }, [t]);

  return (
    <div className="shell public-appraisal-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            {t('app.mark')}
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <span className="public-appraisal-lang">
          <LanguageSwitch />
        </span>
      </header>
      <main id="main" className="content public-appraisal" tabIndex={-1}>
        {shown ? (
          <EndingCard ending={shown} />
        ) : appraisal.isPending ? (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        ) : appraisal.isError ? (
          <div role="alert" className="alert">
            <p>{errorMessage(t, appraisal.error)}</p>
            <button type="button" onClick={() => void appraisal.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <ScoreAll token={token} appraisal={appraisal.data} onEnd={setEnding} />
        )}
      </main>
    </div>
  );
}

function EndingCard({ ending }: { ending: Ending }) {
  const { t } = useTranslation();
  return (
    <section className={`card public-appraisal-ending ending-${ending}`} data-testid="public-appraisal-ending" data-ending={ending}>
      <h1>{t(`appraisal.public.${ending}Title`)}</h1>
      <p>{t(`appraisal.public.${ending}Body`)}</p>
    </section>
  );
}

function ScoreAll({ token, appraisal: a, onEnd }: { token: string; appraisal: PublicAppraisal; onEnd: (e: Ending) => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<ScoringDraft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<ReturnType<typeof checkScoring>['reports'] | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkScoring(
      draft,
      a.reporters.map((r) => r.unit.id),
      a.criteria,
      a.scale,
      { missing: t('appraisal.scoring.missing'), range: t('appraisal.scoring.scoreRange') },
    );
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      setSummary(t('appraisal.public.missing'));
      const first = a.reporters.find((r) => checked.errors[r.unit.id]);
      document.querySelector<HTMLElement>(`[data-testid="public-score-${first?.unit.id}"] input`)?.focus();
      return;
    }
    setSummary(null);
    setConfirming(checked.reports);
  };

  const send = async () => {
    if (!confirming) return;
    setSending(true);
    setSendError(null);
    try {
      await postPublicScores(token, { reports: confirming });
      onEnd('thanks');
    } catch (err) {
      const ending = endingOf(err);
      if (ending) onEnd(ending);
      else setSendError(errorMessage(t, err));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="public-appraisal-form" onSubmit={onSubmit} noValidate>
      <header className="page-head">
        <p className="muted small">{t('appraisal.public.eyebrow')}</p>
        <p className="public-appraisal-alliance">{a.alliance}</p>
        <h1>{a.title}</h1>
        <p className="muted">{t('appraisal.public.intro')}</p>
        <p className="muted small">{t('appraisal.public.expires', { time: formatShortDateTime(a.expiresAt, i18n.language) })}</p>
      </header>
      {a.reporters.map((r) => (
        <ReportScoreFields
          key={r.unit.id}
          testId={`public-score-${r.unit.id}`}
          unitName={r.unit.name}
          criteria={a.criteria}
          scale={a.scale}
          value={draft[r.unit.id] ?? { scores: {}, comment: '' }}
          error={errors[r.unit.id]}
          onChange={(next) => {
            setDraft((d) => ({ ...d, [r.unit.id]: next }));
            // A report being answered loses its complaint; the rest are checked again on submit.
            setErrors(({ [r.unit.id]: _, ...rest }) => rest);
          }}
        >
          <details className="public-appraisal-report">
            <summary>{t('appraisal.public.read')}</summary>
            <div className="public-appraisal-text">{r.report.trim() ? r.report : t('appraisal.public.emptyReport')}</div>
          </details>
        </ReportScoreFields>
      ))}
      {summary && Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          {summary}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="public-appraisal-submit">
          {t('appraisal.public.submit')}
        </button>
      </div>
      <ModalDialog
        className="lists-confirm"
        open={confirming !== null}
        title={t('appraisal.public.confirmTitle')}
        confirmLabel={t('appraisal.public.confirm')}
        closeLabel={t('appraisal.public.keep')}
        tone="primary"
        pending={sending}
        error={sendError}
        onConfirm={() => void send()}
        onClose={() => {
          setConfirming(null);
          setSendError(null);
        }}
      >
        <p>{t('appraisal.public.confirmBody', { count: a.reporters.length })}</p>
      </ModalDialog>
    </form>
  );
}
