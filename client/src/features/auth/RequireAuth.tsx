import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useMe } from './useMe.js';

export const CHANGE_PASSWORD_PATH = '/change-password';

/**
 * Screens behind login; a visitor is sent to the login page and brought back afterwards. Someone
 * with a one-time password goes to the password change first: the server refuses everything
 * else until then.
 */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  return (
    <QueryState query={me}>
      {(data) =>
        !data ? (
          <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
        ) : data.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH ? (
          <Navigate to={CHANGE_PASSWORD_PATH} replace />
        ) : (
          <Outlet />
        )
      }
    </QueryState>
  );
}
