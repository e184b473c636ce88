import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useMe } from '../hooks';

/**
 * Renders its children only with a session that is through its second factor; otherwise sends the visitor to
 * /login?next=…, to the login's second step, or to the enrolment of a second factor.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <CenteredLoader />;
  if (error) return <ErrorAlert error={error} />;
  const next = `${location.pathname}${location.search}`;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  // a second factor to give (login's second step) or, for a role that requires one, to set up first (issue 14)
  const state = me.secondFactor?.state;
  if (state === 'challenge') return <Navigate to={`/login/second-factor?next=${encodeURIComponent(next)}`} replace />;
  if (state === 'enrol') return <Navigate to={`/account/security/enrol?next=${encodeURIComponent(next)}`} replace />;
  return <>{children}</>;
}
