import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Full screen on and off, by the button or the F key; nothing where the browser cannot do it. */
export function FullscreenButton() {
  const { t } = useTranslation();
  const [on, setOn] = useState(() => document.fullscreenElement !== null);
  const toggle = useCallback(() => {
    const done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    // Refused (no user gesture, a policy): the screen simply stays as it is.
    void done?.catch(() => undefined);
  }, []);

  useEffect(() => {
    const onChange = () => setOn(document.fullscreenElement !== null);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'f' && e.key !== 'F') return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      e.preventDefault();
      toggle();
    };
    document.addEventListener('fullscreenchange', onChange);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      window.removeEventListener('keydown', onKey);
    };
  }, [toggle]);

  if (!document.fullscreenEnabled) return null;
  return (
    <button type="button" className={`screen-fs${on ? ' is-on' : ''}`} onClick={toggle}>
      {on ? t('screen.exitFullscreen') : t('screen.fullscreen')}
    </button>
  );
}
