import { useQuery } from '@tanstack/react-query';
import type { Mailbox } from './types';
import { mailboxApi } from './api';

export const mailboxKey = ['mailbox'] as const;

/** The demo mailbox; a 404 or any failure means "not enabled". */
export function useMailbox(options: { poll?: boolean } = {}) {
  return useQuery<Mailbox>({
    queryKey: mailboxKey,
    queryFn: async () => {
      try {
        return await mailboxApi.list();
      } catch {
        return { enabled: false, items: [] };
      }
    },
    staleTime: 30_000,
    refetchInterval: options.poll ? 5_000 : false,
    retry: false,
  });
}

export function useMailboxEnabled(): boolean {
  return useMailbox().data?.enabled === true;
}
