import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { SW_CONTROLLED_EVENT } from '../features/monitoring/offline/register-sw';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { cssVariablesResolver, theme } from '../ui/theme';
import { createQueryClient } from './queryClient';
import { routes } from './routes';

export function AppProviders({ children, queryClient }: { children: ReactNode; queryClient: QueryClient }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <ErrorBoundary>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  // when the service worker first takes the page, the reads on screen are made again through it, so that it keeps
  // them (the visit a monitor opened right after signing in is there on the road)
  useEffect(() => {
    const again = () => void queryClient.refetchQueries({ type: 'active' });
    window.addEventListener(SW_CONTROLLED_EVENT, again);
    return () => window.removeEventListener(SW_CONTROLLED_EVENT, again);
  }, [queryClient]);
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
