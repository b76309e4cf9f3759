import type { VoteView } from '@tongxin/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoomContext } from './roomContext.js';
import './vote.css';

/**
 * Copies to the clipboard. An intranet served over plain http has no `navigator.clipboard`, so the
 * older selection command is the fallback there.
 */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** One value to check: its label, its short form (the whole value on hover and in `data-value`), a copy button. */
function CopyRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return (
    <div className="room-verify-row">
      <dt>{label}</dt>
      <dd>
        <code
          className="room-verify-value"
          title={t('room.vote.verify.full', { value })}
          data-testid={testId}
          data-value={value}
        >
          {value.length > 8 ? t('room.vote.verify.short', { value: value.slice(0, 8) }) : value}
        </code>
        <button
          type="button"
          className="ghost small-button"
          aria-label={t('room.vote.verify.copyLabel', { what: label })}
          onClick={() => void copyText(value).then((done) => setCopied(done ? 'yes' : 'failed'))}
        >
          {t('room.vote.verify.copy')}
        </button>
        <span role="status" className="small muted">
          {copied === 'yes'
            ? t('room.vote.verify.copied', { what: label })
            : copied === 'failed'
              ? t('room.vote.verify.copyFailed')
              : ''}
        </span>
      </dd>
    </div>
  );
}

/** 核验: values to check the record with, collapsed, each short with a copy button. */
export function VerifyDetails({
  items,
  testId,
  footer,
}: {
  items: { label: string; value: string; testId: string }[];
  testId: string;
  /** What follows the values (the vote record's links, see VoteRecordLinks). */
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <details className="room-verify" data-testid={testId}>
      <summary>{t('room.vote.verify.title')}</summary>
      <p className="small muted">{t('room.vote.verify.intro')}</p>
      <dl className="room-verify-list">
        {items.map((i) => (
          <CopyRow key={`${i.testId}-${i.value}`} label={i.label} value={i.value} testId={i.testId} />
        ))}
      </dl>
      {footer}
    </details>
  );
}

/**
 * 核验: the text's SHA-256 and the viewer's receipts, for checking the record afterwards — out of
 * the way of voting, in short form with a copy button, so nothing wraps over lines on a phone.
 */
export function VoteVerify({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const { receipts, unitName, viewer } = useRoomContext();
  const mine = receipts[vote.id] ?? [];
  const voterName = (id: string) => (id === viewer.userId ? viewer.name : unitName(id));
  return (
    <VerifyDetails
      testId="vote-verify"
      items={[
        { label: t('room.vote.verify.textHash'), value: vote.textSha256, testId: 'vote-hash' },
        ...mine.map((r) => ({
          label: t('room.vote.verify.receipt', { voter: voterName(r.voter) }),
          value: r.receipt,
          testId: 'receipt-number',
        })),
        // The ballot's place in the vote's hash chain: what the record is checked against (issue #17).
        ...mine.flatMap((r) =>
          r.record ? [{ label: t('verify.receipt.codeFor', { voter: voterName(r.voter) }), value: r.record.code, testId: 'receipt-code' }] : [],
        ),
        ...(vote.record ? [{ label: t('verify.receipt.head'), value: vote.record.head, testId: 'vote-chain-head' }] : []),
      ]}
      footer={<VoteRecordLinks vote={vote} code={mine.find((r) => r.record)?.record?.code} />}
    />
  );
}

/** Keep the receipt code; once the vote has ended, its record to download and the verifier to open. */
function VoteRecordLinks({ vote, code }: { vote: VoteView; code: string | undefined }) {
  const { t } = useTranslation();
  const verifyUrl = `/verify?vote=${vote.id}${code ? `&receipt=${code}` : ''}`;
  return (
    <>
      {code && <p className="small muted">{t(vote.secret ? 'verify.receipt.keepSecret' : 'verify.receipt.keep')}</p>}
      {vote.record && (
        <p className="small room-verify-links">
          <a href={`/api/votes/${vote.id}/record.json`} download data-testid="vote-record-download">
            {t('verify.receipt.download')}
          </a>
          {' · '}
          <a href={verifyUrl} target="_blank" rel="noopener" data-testid="vote-record-verify">
            {t('verify.receipt.openVerifier')}
          </a>
        </p>
      )}
    </>
  );
}
