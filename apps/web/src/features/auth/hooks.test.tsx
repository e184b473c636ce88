import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { authApi } from './api';
import { useMe, useUpdateMe } from './hooks';

vi.mock('./api', () => ({ authApi: { me: vi.fn(), updateMe: vi.fn() } }));

const me = (language: 'en' | 'sq') => ({ id: 'u1', email: 'monitor@demo.grants.test', language, script: 'latin' }) as never;

describe('useUpdateMe', () => {
  beforeEach(() => vi.mocked(authApi.me).mockReset());

  it('reads who is signed in again after a change, so the copy the service worker keeps for offline is the new one', async () => {
    vi.mocked(authApi.me).mockResolvedValueOnce(me('sq')).mockResolvedValue(me('en'));
    vi.mocked(authApi.updateMe).mockResolvedValue(me('en'));
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => ({ me: useMe(), update: useUpdateMe() }), { wrapper });
    await waitFor(() => expect(result.current.me.data).toMatchObject({ language: 'sq' }));
    expect(authApi.me).toHaveBeenCalledTimes(1);

    await act(async () => {
      await result.current.update.mutateAsync({ language: 'en', script: 'latin' });
    });
    // the answer of the change at once, then the same read again (renders land after the mutation settles)
    await waitFor(() => expect(result.current.me.data).toMatchObject({ language: 'en' }));
    await waitFor(() => expect(authApi.me).toHaveBeenCalledTimes(2));
  });
});
