import { auditProse, type AuditEvent, type Locale } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** One event as a sentence, with what changed under it. */
export function AuditEntry({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  // The words from i18next's own resources, so the log reads exactly like the rest of the screen.
  const prose = auditProse(event, locale, {
    strings: (key) => {
      const s: unknown = i18n.getResource(locale, 'translation', key);
      return typeof s === 'string' ? s : undefined;
    },
  });
  return (
    <li className="audit-entry">
      <p className="audit-sentence">
        {prose.sentence.map((s, i) => {
          switch (s.kind) {
            case 'time':
              return (
                <time key={i} dateTime={s.dateTime} className="audit-time">
                  {s.text}
                </time>
              );
            case 'actor':
              return <strong key={i}>{s.text}</strong>;
            case 'target':
              return s.path ? (
                <Link key={i} to={s.path}>
                  {s.text}
                </Link>
              ) : (
                <span key={i} className="audit-target">
                  {s.text}
                </span>
              );
            default:
              return <span key={i}>{s.text}</span>;
          }
        })}
      </p>
      {(prose.changes.length > 0 || event.note) && (
        <ul className="audit-changes" aria-label={t('audit.changes')}>
          {prose.changes.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
          {event.note && <li>{event.note}</li>}
        </ul>
      )}
      {event.ip && <p className="audit-ip muted">{t('audit.ip', { ip: event.ip })}</p>}
    </li>
  );
}
