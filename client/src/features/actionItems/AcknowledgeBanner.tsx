import type { ActionItemDetail } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useAcknowledge } from './cycleQueries.js';
import './supervisionCycle.css';

/**
 * 签收: while the lead unit has not acknowledged the item, its people see a banner with the
 * 签收时限 and the button; everyone else sees that it waits. Once acknowledged, one quiet line
 * says when and by whom. Items from before 签收 existed show nothing.
 */
export function AcknowledgeBanner({ item }: { item: ActionItemDetail }) {
  const { t, i18n } = useTranslation();
  const acknowledge = useAcknowledge(item.id);
  const ack = item.acknowledgement;
  const time = (iso: string) => formatShortDateTime(iso, i18n.language);

  if (ack.at) {
    return (
      <p className="ai-ack-done small" data-testid="ack-done">
        {t('actionItems.ack.done', { time: time(ack.at), name: ack.by?.name ?? '—' })}
      </p>
    );
  }
  if (!ack.pending || !ack.dueAt) return null;
  if (!item.can.acknowledge) {
    return (
      <p className={ack.overdue ? 'ai-ack-waiting ai-late' : 'ai-ack-waiting muted'} data-testid="ack-waiting">
        {t(ack.overdue ? 'actionItems.ack.waitingOverdue' : 'actionItems.ack.waiting', { time: time(ack.dueAt) })}
      </p>
    );
  }
  return (
    <section
      className={ack.overdue ? 'ai-ack-banner ai-ack-banner-late' : 'ai-ack-banner'}
      aria-labelledby="ai-ack-title"
      data-testid="ack-banner"
    >
      <div className="ai-ack-text">
        <h2 id="ai-ack-title" className="ai-ack-title">
          {t('actionItems.ack.title')}
        </h2>
        <p>{t('actionItems.ack.lead')}</p>
        <p className="ai-ack-due">
          <time dateTime={ack.dueAt}>{t('actionItems.ack.dueBy', { time: time(ack.dueAt) })}</time>
          {ack.overdue && <span className="ai-overdue">{t('actionItems.ack.overdue')}</span>}
        </p>
        {acknowledge.isError && (
          <p role="alert" className="field-error">
            {errorMessage(t, acknowledge.error)}
          </p>
        )}
      </div>
      <button type="button" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(undefined)}>
        {acknowledge.isPending ? t('actionItems.ack.working') : t('actionItems.ack.button')}
      </button>
    </section>
  );
}
