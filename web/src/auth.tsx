import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler, type Me } from './lib/api.ts';
import { langOfPath } from './lib/lang.ts';

export type AuthState =
  | { status: 'loading'; me: null }
  /** `ended`: the user signed out here (not a lost or absent session). */
  | { status: 'signedOut'; me: null; ended?: boolean }
  | { status: 'signedIn'; me: Me };

interface AuthContextValue {
  state: AuthState;
  /** Record a successful sign-in (the answer of POST /api/v1/session). */
  signedIn(me: Me): void;
  /** End the session (the caller then navigates away). */
  signOut(): Promise<void>;
  /** The page shown after signing out is on screen: protected pages redirect to sign-in again. */
  signOutShown(): void;
  /** May the signed-in user attempt this policy action? (From the server's list, never re-derived.) */
  can(action: string): boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading', me: null });

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'signedIn', me });
  }, []);

  const lost = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'signedOut', me: null });
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(lost);
    const controller = new AbortController();
    api<Me>('/api/v1/me', {
      lang: langOfPath(window.location.pathname),
      signal: controller.signal,
      reportUnauthenticated: false,
    }).then(signedIn, (error: unknown) => {
      if (controller.signal.aborted) return;
      if (!(error instanceof ApiError) || error.status !== 401)
        console.error('Could not check the session', error);
      lost();
    });
    return () => {
      controller.abort();
      setUnauthenticatedHandler(null);
    };
  }, [lost, signedIn]);

  const signOut = useCallback(async () => {
    try {
      await api<void>('/api/v1/session', {
        method: 'DELETE',
        lang: langOfPath(window.location.pathname),
        reportUnauthenticated: false,
      });
    } catch (error) {
      // Signed out already (401) or unreachable: forget the session on this side either way.
      if (!(error instanceof ApiError)) console.error('Could not sign out', error);
    }
    setCsrfToken(null);
    setState({ status: 'signedOut', me: null, ended: true });
  }, []);

  const signOutShown = useCallback(() => {
    setState((s) => (s.status === 'signedOut' && s.ended ? { status: 'signedOut', me: null } : s));
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      signedIn,
      signOut,
      signOutShown,
      can: (action) => state.status === 'signedIn' && state.me.abilities.includes(action),
    }),
    [state, signedIn, signOut, signOutShown],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
