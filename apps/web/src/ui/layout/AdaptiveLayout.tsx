import { Outlet } from 'react-router-dom';
import { useMe } from '../../features/auth/hooks';
import { CenteredLoader } from '../CenteredLoader';
import { AppLayout } from './AppLayout';
import { PublicLayout } from './PublicLayout';

/** For pages open to everyone (mailbox, 404): the app shell when signed in, the public one otherwise. */
export function AdaptiveLayout() {
  const { data: me, isPending } = useMe();
  if (isPending) return <CenteredLoader />;
  return me ? (
    <AppLayout>
      <Outlet />
    </AppLayout>
  ) : (
    <PublicLayout>
      <Outlet />
    </PublicLayout>
  );
}
