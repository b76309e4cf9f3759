import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import './screenLink.css';

/** 投屏: the chair opens the projector view in a new tab, to drag onto the room's wall screen. */
export function ScreenLink({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/meetings/${meetingId}/screen`}
      target="_blank"
      rel="noopener"
      className="room-screen-link"
      aria-label={t('screen.linkLabel')}
      data-testid="screen-link"
    >
      {t('screen.link')}
    </Link>
  );
}
