import {
  ExtensionDecisionSchema,
  ExtensionRequestCreateSchema,
  extensionProblem,
  localDate,
  type ActionItem,
  type ActionItemDetail,
} from '@tongxin/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDay, formatShortDateTime } from '../../lib/format.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useDecideExtension, useRequestExtension } from './cycleQueries.js';
import { TextField } from './ItemEditForm.js';
import './supervisionCycle.css';

type Request = ActionItem['extensionRequests'][number];

/**
 * 延期申请: the lead unit asks for a later deadline (date and reason); the request waiting for a
 * decision is shown to everyone, with 批准 / 不予批准 for a supervisor; every request stays listed
 * with its outcome.
 */
export function ExtensionRequests({ item }: { item: ActionItemDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Held here, not in the parts below: a request or decision that lands changes what is shown (the
  // form closes, the pending card goes), and the notice must still come.
  const decide = useDecideExtension(item.id);
  const pending = item.extensionRequests.find((r) => r.status === 'pending');
  const decided = item.extensionRequests.filter((r) => r.status !== 'pending').reverse();
  if (item.extensionRequests.length === 0 && !item.can.requestExtension && !notice) return null;

  return (
    <section className="card ai-ext" aria-labelledby="ai-ext-title" data-testid="extension-requests">
      <div className="ai-cycle-head">
        <h2 id="ai-ext-title">{t('actionItems.extRequest.title')}</h2>
        {item.can.requestExtension && !open && (
          <button
            ref={button}
            type="button"
            className="ghost"
            aria-expanded={open}
            onClick={() => {
              setNotice(null);
              setOpen(true);
            }}
          >
            {t('actionItems.extRequest.button')}
          </button>
        )}
      </div>
      {notice && (
        <p role="status" className="success">
          {notice}
        </p>
      )}
      {open && (
        <RequestForm
          item={item}
          onClose={(sent) => {
            setOpen(false);
            if (sent) setNotice(t('actionItems.extRequest.sent'));
            requestAnimationFrame(() => button.current?.focus());
          }}
        />
      )}
      {pending && <PendingRequest item={item} request={pending} decide={decide} onDecided={setNotice} />}
      {decided.length > 0 && (
        <ul className="ai-ext-list plain-list" aria-label={t('actionItems.extRequest.history')}>
          {decided.map((r) => (
            <li key={r.id}>
              <RequestText request={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One request in words: the dates, the reason, who asked, and the decision once taken. */
function RequestText({ request: r }: { request: Request }) {
  const { t, i18n } = useTranslation();
  const day = (d: string) => formatDay(d, i18n.language);
  const at = (iso: string) => formatShortDateTime(iso, i18n.language);
  return (
    <div className="ai-ext-entry">
      <p className="ai-ext-line">
        <span className={`ai-ext-status ai-ext-${r.status}`}>{t(`actionItems.extRequest.status.${r.status}`)}</span>{' '}
        <strong>{t('actionItems.extRequest.entry', { to: day(r.to), from: r.from ? day(r.from) : '—' })}</strong>
      </p>
      <p className="ai-text">{t('actionItems.extRequest.entryReason', { reason: r.reason })}</p>
      <p className="muted small">{t('actionItems.extRequest.entryBy', { name: r.by.name, at: at(r.at) })}</p>
      {r.decidedAt && (
        <p className="muted small">
          {t('actionItems.extRequest.decidedBy', { name: r.decidedBy?.name ?? '—', at: at(r.decidedAt) })}
          {r.decisionNote && <> · {t('actionItems.extRequest.decisionNote', { note: r.decisionNote })}</>}
        </p>
      )}
    </div>
  );
}

/** The request waiting for a decision; a supervisor approves or refuses it, after a confirmation. */
function PendingRequest({
  item,
  request,
  decide,
  onDecided,
}: {
  item: ActionItemDetail;
  request: Request;
  decide: ReturnType<typeof useDecideExtension>;
  onDecided: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'approve' | 'refuse' | null>(null);
  const day = (d: string) => formatDay(d, i18n.language);

  const ask = (which: 'approve' | 'refuse') => {
    const parsed = ExtensionDecisionSchema.safeParse({ approve: which === 'approve', note: note.trim() });
    if (!parsed.success) {
      setNoteError(
        which === 'refuse' && note.trim() === ''
          ? t('actionItems.extRequest.noteRequired')
          : t('actionItems.extRequest.noteTooLong'),
      );
      return;
    }
    setNoteError(null);
    setConfirming(which);
  };
  const run = () => {
    const approve = confirming === 'approve';
    decide.mutate(
      { requestId: request.id, approve, note: note.trim() },
      {
        onSuccess: () => {
          setConfirming(null);
          setNote('');
          onDecided(
            approve ? t('actionItems.extRequest.approved', { date: day(request.to) }) : t('actionItems.extRequest.refused'),
          );
        },
      },
    );
  };

  return (
    <div className="ai-ext-pending" data-testid="extension-pending">
      <RequestText request={request} />
      {item.can.decideExtension && (
        <div className="form ai-form">
          <TextField
            id={noteId}
            label={t('actionItems.extRequest.note')}
            hint={t('actionItems.extRequest.noteHint')}
            error={noteError ?? undefined}
          >
            {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
          </TextField>
          <div className="form-actions">
            <button type="button" disabled={decide.isPending} onClick={() => ask('approve')}>
              {t('actionItems.extRequest.approve')}
            </button>
            <button type="button" className="ghost danger" disabled={decide.isPending} onClick={() => ask('refuse')}>
              {t('actionItems.extRequest.refuse')}
            </button>
          </div>
          <ConfirmDialog
            open={confirming !== null}
            tone={confirming === 'refuse' ? 'danger' : 'primary'}
            title={t(
              confirming === 'refuse'
                ? 'actionItems.extRequest.confirmRefuseTitle'
                : 'actionItems.extRequest.confirmApproveTitle',
            )}
            confirmLabel={
              decide.isPending
                ? t('actionItems.extRequest.deciding')
                : t(
                    confirming === 'refuse'
                      ? 'actionItems.extRequest.confirmRefuseButton'
                      : 'actionItems.extRequest.confirmApproveButton',
                  )
            }
            keepLabel={t('actionItems.extRequest.keep')}
            pending={decide.isPending}
            error={decide.isError ? errorMessage(t, decide.error) : null}
            onConfirm={run}
            onClose={() => {
              setConfirming(null);
              decide.reset();
            }}
          >
            <p>
              {confirming === 'refuse'
                ? t('actionItems.extRequest.confirmRefuse', { date: day(item.dueDate) })
                : t('actionItems.extRequest.confirmApprove', { from: day(item.dueDate), to: day(request.to) })}
            </p>
            {note.trim() && <blockquote className="ai-quote">{note.trim()}</blockquote>}
          </ConfirmDialog>
        </div>
      )}
    </div>
  );
}

type FieldErrors = Partial<Record<'to' | 'reason', string>>;

/** The lead unit's request: the same date rules as the server (later than now's deadline, not past). */
function RequestForm({ item, onClose }: { item: ActionItemDetail; onClose: (sent: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const request = useRequestExtension(item.id);
  const heading = useRef<HTMLHeadingElement>(null);
  const today = localDate(new Date());
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => heading.current?.focus(), []);

  const problemText = (problem: 'notLater' | 'past') =>
    problem === 'notLater'
      ? t('actionItems.extRequest.notLater', { date: formatDay(item.dueDate, i18n.language) })
      : t('actionItems.extRequest.past');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const parsed = ExtensionRequestCreateSchema.safeParse({ to, reason });
    const next: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'to') next.to = t('actionItems.extRequest.dateRequired');
        if (issue.path[0] === 'reason') {
          next.reason =
            issue.code === 'too_small'
              ? t('actionItems.extRequest.reasonRequired')
              : t('actionItems.extRequest.reasonTooLong');
        }
      }
    }
    const problem = !next.to && to ? extensionProblem(item.dueDate, to, today) : null;
    if (problem) next.to = problemText(problem);
    if (!parsed.success || problem) {
      setErrors(next);
      return;
    }
    setErrors({});
    request.mutate(parsed.data, {
      onSuccess: () => onClose(true),
      onError: (err) => {
        const p = err instanceof ApiRequestError ? (err.details as { problem?: string } | undefined)?.problem : undefined;
        if (p === 'notLater' || p === 'past') setErrors({ to: problemText(p) });
        else setFormError(errorMessage(t, err));
      },
    });
  };

  return (
    <div className="ai-ext-form" data-testid="extension-request-form">
      <h3 ref={heading} tabIndex={-1} className="ai-subhead">
        {t('actionItems.extRequest.formTitle')}
      </h3>
      <p className="muted small">
        {t('actionItems.extRequest.current', { date: formatDay(item.dueDate, i18n.language) })}
      </p>
      <form className="form ai-form" onSubmit={onSubmit} noValidate>
        <TextField id="ai-extreq-to" label={t('actionItems.extRequest.to')} error={errors.to}>
          {(p) => <input {...p} type="date" className="ai-date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </TextField>
        <TextField id="ai-extreq-reason" label={t('actionItems.extRequest.reason')} error={errors.reason}>
          {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </TextField>
        <div className="form-actions">
          <button type="submit" disabled={request.isPending}>
            {request.isPending ? t('actionItems.extRequest.submitting') : t('actionItems.extRequest.submit')}
          </button>
          <button type="button" className="ghost" onClick={() => onClose(false)}>
            {t('actionItems.extRequest.close')}
          </button>
          {formError && (
            <span role="alert" className="field-error">
              {formError}
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
