import type { ExportFormat, Meeting, Minutes } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { exportUrl } from './queries.js';

const LABEL = { docx: 'minutes.downloadDocx', pdf: 'minutes.downloadPdf', md: 'minutes.downloadMd' } as const;
const ORDER: ExportFormat[] = ['docx', 'pdf', 'md'];

/** The record as files to file away or forward: Word, PDF and Markdown. */
export function Downloads({ meeting, minutes }: { meeting: Meeting; minutes: Minutes }) {
  const { t } = useTranslation();
  const base = t('minutes.fileName', { title: meeting.title });
  return (
    <section className="card" aria-labelledby="minutes-downloads">
      <h2 id="minutes-downloads">{t('minutes.downloads')}</h2>
      {minutes.status === 'draft' && <p className="muted small">{t('minutes.downloadsDraftNote')}</p>}
      <ul className="plain-list minutes-downloads">
        {ORDER.map((format) => (
          <li key={format}>
            <a
              className="minutes-download"
              href={exportUrl(minutes.meeting, format)}
              download={`${base}.${format}`}
              data-format={format}
            >
              {t(LABEL[format])}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
