import { multilineSchema } from '@tongxin/shared';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './corrections.css';

/** The reason every correction that changes a record asks for; the same rule as the server's schemas. */
const ReasonSchema = multilineSchema(500).min(2);

/**
 * The confirmation step of an irreversible correction (撤回, 取消表决): what will happen, a
 * required reason checked with the shared rule and explained under the field, then confirm or
 * go back. Focus moves to the heading when it opens, and back to nothing is lost on "back".
 */
export function ReasonForm({
  title,
  hint,
  label,
  confirm,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  hint: string;
  label: string;
  confirm: string;
  pending: string | null;
  /** The server's refusal, already in words. */
  error: ReactNode;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ReasonSchema.safeParse(reason);
    if (!parsed.success) {
      setInvalid(parsed.error.issues.some((i) => i.code === 'too_big') ? t('decision.reasonTooLong') : t('decision.reasonRequired'));
      return;
    }
    setInvalid(null);
    onConfirm(parsed.data);
  };

  return (
    <form className="reason-form" role="group" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <p className="muted small">{hint}</p>
      <label htmlFor={`${id}-reason`}>{label}</label>
      <textarea
        id={`${id}-reason`}
        rows={3}
        maxLength={600}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
      />
      <span id={`${id}-hint`} className="muted small">
        {t('decision.reasonHint')}
      </span>
      {invalid && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {invalid}
        </span>
      )}
      <div className="form-actions">
        <button type="submit" className="danger" disabled={pending !== null}>
          {pending ?? confirm}
        </button>
        <button type="button" className="ghost" disabled={pending !== null} onClick={onCancel}>
          {t('decision.keep')}
        </button>
      </div>
      {error}
    </form>
  );
}
