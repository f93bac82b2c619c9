import { useCallback, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchMe, signOut as signOutCall } from '../modules/accounts/api/accounts.api.ts';
import type { SessionAccount } from '../modules/accounts/api/accounts.api.ts';
import { AuthContext, type AuthState } from './session.ts';

export const meQueryKey = ['auth', 'me'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });

  const setAccount = useCallback(
    (account: SessionAccount | null) => queryClient.setQueryData(meQueryKey, account),
    [queryClient],
  );
  const signOut = useCallback(async () => {
    try {
      await signOutCall();
    } finally {
      // Drop everything of the old account but keep the `me` query itself: after
      // `queryClient.clear()` this provider's observer stayed on the removed query, so the
      // next sign-in in the same tab still showed the previous account.
      await queryClient.cancelQueries();
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({
        predicate: (query) => query.queryKey[0] !== meQueryKey[0] || query.queryKey[1] !== 'me',
      });
    }
  }, [queryClient]);

  const state = useMemo<AuthState>(
    () => ({
      account: me.isError ? null : me.data,
      setAccount,
      signOut,
      loadError: me.error,
      reload: () => void me.refetch(),
    }),
    [me, setAccount, signOut],
  );
  return <AuthContext value={state}>{children}</AuthContext>;
}
