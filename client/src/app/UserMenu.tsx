import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ME_KEY, useMe } from '../features/auth/useMe.js';
import { send } from '../lib/api.js';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => send('POST', '/api/auth/logout'),
    onSettled: () => {
      queryClient.setQueryData(ME_KEY, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      void navigate('/login');
    },
  });
  if (!me.data) return null;
  const { user, unit } = me.data;
  return (
    <div className="user-menu">
      <span className="user-name">
        {user.name}
        <span className="user-unit">{unit ? unit.name : user.isAdmin ? t('user.admin') : t('user.noUnit')}</span>
      </span>
      {!user.mustChangePassword && (
        <Link to="/change-password" className="user-link">
          {t('admin.password.menu')}
        </Link>
      )}
      <button type="button" className="ghost" onClick={() => logout.mutate()} disabled={logout.isPending}>
        {t('user.logout')}
      </button>
    </div>
  );
}
