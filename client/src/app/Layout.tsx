import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useMe } from '../features/auth/useMe.js';
import { Bell } from '../features/notifications/Bell.js';
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
          {me.data && !me.data.user.mustChangePassword && <NavLink to="/">{t('nav.home')}</NavLink>}
          {me.data && !me.data.user.mustChangePassword && me.data.setup.createUnits && (
            <NavLink to="/admin/units">{t('nav.units')}</NavLink>
          )}
          {me.data && !me.data.user.mustChangePassword && me.data.setup.people && (
            <NavLink to="/admin/people">{t('nav.people')}</NavLink>
          )}
          {me.data && !me.data.user.mustChangePassword && me.data.user.isAdmin && (
            <NavLink to="/admin/audit">{t('audit.nav')}</NavLink>
          )}
        </nav>
        <Bell />
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
