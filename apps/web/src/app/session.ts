import { createContext, useContext } from 'react';
import type { SessionAccount } from '../modules/accounts/api/accounts.api.ts';

export interface AuthState {
  /** undefined while the first `me` call is in flight, null when signed out */
  account: SessionAccount | null | undefined;
  /** store the account returned by sign-in / registration / context switch */
  setAccount: (account: SessionAccount | null) => void;
  signOut: () => Promise<void>;
  /** the `me` call failed for another reason than being signed out (e.g. network) */
  loadError: unknown;
  reload: () => void;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new TypeError('useAuth outside AuthProvider');
  return state;
}

export function useSignedInAccount(): SessionAccount {
  const { account } = useAuth();
  if (!account) throw new TypeError('useSignedInAccount outside a guarded route');
  return account;
}

const portalKey = 'hh_portal';

/** Which sign-in page this browser used last, to come back to it when the session ends. */
export function rememberPortal(portal: string): void {
  try {
    localStorage.setItem(portalKey, portal);
  } catch {
    // private mode: nothing to remember
  }
}

export function lastPortal(): string | null {
  try {
    return localStorage.getItem(portalKey);
  } catch {
    return null;
  }
}

/** Where each role lands after signing in. */
export function homePathOf(account: Pick<SessionAccount, 'role' | 'mustChangePassword'>): string {
  if (account.mustChangePassword) return '/password/change';
  switch (account.role) {
    case 'seeker':
      return '/seeker';
    case 'employer':
      return '/employer';
    case 'institution':
      return '/institution';
    case 'school':
    case 'college':
      return '/school';
    case 'admin':
      return '/admin';
  }
}
