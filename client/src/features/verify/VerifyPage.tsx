import {
  checkText,
  RECORD_CHECKS,
  verifyVoteRecord,
  type CheckParams,
  type RecordCheck,
  type RecordReport,
} from '@tongxin/shared';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Field, control } from '../admin/Field.js';
import '../admin/admin.css';
import './verify.css';

/**
 * 表决核验: checks a vote record (record.json) in the browser with the same code as the offline
 * `tongxin-verify` command — nothing is sent anywhere. Opened from a vote's "核验" with
 * `?vote=<id>&receipt=<code>`, it loads that vote's record and the voter's receipt code itself.
 */
export default function VerifyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [text, setText] = useState('');
  const [receipt, setReceipt] = useState(params.get('receipt') ?? '');
  const [report, setReport] = useState<RecordReport | null>(null);
  const [empty, setEmpty] = useState(false);
  const voteId = params.get('vote');

  useEffect(() => {
    if (!voteId || !/^[0-9a-f]{24}$/.test(voteId)) return;
    let live = true;
    void fetch(`/api/votes/${voteId}/record.json`, { credentials: 'same-origin' })
      .then((res) => (res.ok ? res.text() : null))
      .then((body) => {
        if (live && body) setText(JSON.stringify(JSON.parse(body) as unknown, null, 2));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [voteId]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setText(await file.text());
    setReport(null);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') {
      setEmpty(true);
      setReport(null);
      return;
    }
    setEmpty(false);
    setReport(verifyVoteRecord(text, { receipt }));
  };
  const clear = () => {
    setText('');
    setReceipt('');
    setReport(null);
    setEmpty(false);
  };

  return (
    <div className="page">
      <section className="card verify-page" aria-labelledby="verify-title">
        <h1 id="verify-title">{t('verify.title')}</h1>
        <p className="muted">{t('verify.intro')}</p>
        <form className="form" onSubmit={onSubmit} noValidate>
          <Field id="verify-file" label={t('verify.fileLabel')}>
            <input id="verify-file" type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
          </Field>
          <Field id="verify-text" label={t('verify.pasteLabel')}>
            <textarea
              id="verify-text"
              className="verify-text"
              rows={8}
              spellCheck={false}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setReport(null);
              }}
            />
          </Field>
          <Field id="verify-receipt" label={t('verify.receiptLabel')} hint={t('verify.receiptHint')}>
            <input
              className="verify-code"
              spellCheck={false}
              autoComplete="off"
              value={receipt}
              onChange={(e) => {
                setReceipt(e.target.value);
                setReport(null);
              }}
              {...control('verify-receipt', undefined, t('verify.receiptHint'))}
            />
          </Field>
          <div className="form-actions">
            <button type="submit">{t('verify.run')}</button>
            <button type="button" className="button outline" onClick={clear}>
              {t('verify.clear')}
            </button>
          </div>
        </form>
        <div aria-live="polite">
          {empty && <p className="notice">{t('verify.empty')}</p>}
          {report && <ReportView report={report} />}
        </div>
      </section>
    </div>
  );
}

function ReportView({ report }: { report: RecordReport }) {
  const { t } = useTranslation();
  const say = (key: string, params?: CheckParams) => t(key as never, params as never) as unknown as string;
  const done = new Map(report.checks.map((c) => [c.check, c]));
  const r = report.record;
  const rows: RecordCheck[] = report.firstProblem
    ? [...report.checks.map((c) => c.check), ...RECORD_CHECKS.filter((c) => !done.has(c) && c !== 'receipt' && c !== 'openings')]
    : report.checks.map((c) => c.check);
  return (
    <div className="verify-report" data-testid="verify-report" data-ok={report.ok ? 'yes' : 'no'}>
      <p className={report.ok ? 'verify-verdict ok' : 'verify-verdict failed'} role="status">
        <span aria-hidden="true">{report.ok ? '✓' : '✗'}</span>{' '}
        {report.firstProblem ? say('verify.verdictFailed', { problem: checkText(report.firstProblem, say) }) : say('verify.verdictOk')}
      </p>
      {r && <p className="small muted">{say('verify.summary', { title: r.vote.title, n: r.entries.length, head: r.head.slice(0, 12) })}</p>}
      <ul className="verify-checks">
        {rows.map((check) => {
          const c = done.get(check);
          const state = c ? (c.ok ? 'ok' : 'failed') : 'skipped';
          return (
            <li key={check} className={`verify-check ${state}`} data-check={check} data-state={state}>
              <span className="verify-mark" aria-hidden="true">
                {state === 'ok' ? '✓' : state === 'failed' ? '✗' : '·'}
              </span>
              <span>
                <strong>{say(`verify.checks.${check}`)}</strong>
                <span className="verify-detail">{c ? checkText(c, say) : say('verify.notChecked')}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
