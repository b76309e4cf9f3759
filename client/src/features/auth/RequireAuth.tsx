import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useMe } from './useMe.js';

/** Screens behind login; a visitor is sent to the login page and brought back afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  return (
    <QueryState query={me}>
      {(data) =>
        data ? (
          <Outlet />
        ) : (
          <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
        )
      }
    </QueryState>
  );
}
