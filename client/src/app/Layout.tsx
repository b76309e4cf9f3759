import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useMe } from '../features/auth/useMe.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { UserMenu } from './UserMenu.js';

export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            {t('app.mark')}
          </span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </NavLink>
        <nav className="topnav" aria-label={t('nav.main')}>
          {me.data && <NavLink to="/">{t('nav.home')}</NavLink>}
        </nav>
        <UserMenu />
        <LanguageSwitch />
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">{t('app.footer')}</footer>
    </div>
  );
}
