import { meetingOrdinal } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';

/**
 * 第二次联席会议 / Joint meeting no. 2: one numbering style everywhere, in Chinese numerals as
 * meeting titles and the minutes write it.
 */
export function useMeetingSeq(): (seq: number) => string {
  const { t, i18n } = useTranslation();
  return (seq) => t('meeting.seq', { seq: meetingOrdinal(seq, i18n.language) });
}
