import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, session, setUnauthenticatedHandler, unwrap } from '../api/client';
import type { Principal } from '../api/types';
import { changeLanguage, hasRememberedLanguage, isLanguage } from '../i18n';

interface AuthState {
  principal: Principal | null;
  /** True while a remembered session is being checked. */
  restoring: boolean;
  /** True after the user signed out in this tab (rather than a session expiring). */
  signedOut: boolean;
  signIn: (username: string, password: string) => Promise<Principal>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Holds the signed-in user; restores a session kept in this tab; signs out on an expired token. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(session.token);
  const [signedOut, setSignedOut] = useState(false);
  const me = useQuery({
    queryKey: ['me', token],
    enabled: !!token,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
  });

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setToken(null);
      queryClient.clear();
    });
  }, [queryClient]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = unwrap(await api.POST('/api/v1/auth/login', { body: { username, password } }));
      session.set(result.token);
      queryClient.setQueryData(['me', result.token], result.principal);
      if (!hasRememberedLanguage() && isLanguage(result.principal.locale))
        await changeLanguage(result.principal.locale);
      setToken(result.token);
      setSignedOut(false);
      return result.principal;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    session.set(null);
    setSignedOut(true);
    setToken(null);
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      principal: token ? (me.data ?? null) : null,
      restoring: !!token && me.isPending,
      signedOut,
      signIn,
      signOut,
    }),
    [token, me.data, me.isPending, signedOut, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user (inside the shell, where a user is guaranteed). */
export function usePrincipal(): Principal {
  const { principal } = useAuth();
  if (!principal) throw new Error('usePrincipal without a signed-in user');
  return principal;
}

/** A fixed signed-in user, for component tests and previews of a page without the API. */
export function StaticAuthProvider({ principal, children }: { principal: Principal; children: ReactNode }) {
  const value = useMemo<AuthState>(
    () => ({
      principal,
      restoring: false,
      signedOut: false,
      signIn: () => Promise.resolve(principal),
      signOut: () => Promise.resolve(),
    }),
    [principal],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
