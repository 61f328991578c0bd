import { useSyncExternalStore } from 'react';
import type { TokenResponse, User } from '@gestco/contract';

/**
 * The signed-in session, kept in memory only: the access token never touches
 * localStorage (XSS could read it there); the refresh token is an httpOnly
 * cookie the browser sends to /api/v1/auth on its own.
 */
export type SessionState =
  | { status: 'pending' }
  | { status: 'anonymous'; reason?: 'expired' }
  | { status: 'authenticated'; accessToken: string; user: User };

let state: SessionState = { status: 'pending' };
const listeners = new Set<() => void>();

function emit(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function getSession(): SessionState {
  return state;
}

export function getAccessToken(): string | null {
  return state.status === 'authenticated' ? state.accessToken : null;
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function startSession(tokens: TokenResponse): void {
  emit({ status: 'authenticated', accessToken: tokens.accessToken, user: tokens.user });
}

export function markSessionPending(): void {
  if (state.status !== 'pending') emit({ status: 'pending' });
}

/** Takes in a fresher copy of the signed-in user (PATCH /auth/me, an admin editing themselves). */
export function updateSessionUser(user: User): void {
  if (state.status === 'authenticated' && state.user.id === user.id) emit({ ...state, user });
}

export function clearSession(reason?: 'expired'): void {
  emit(reason ? { status: 'anonymous', reason } : { status: 'anonymous' });
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeToSession, getSession, getSession);
}

/** The signed-in user; only for components rendered behind the auth guard. */
export function useCurrentUser(): User {
  const session = useSession();
  if (session.status !== 'authenticated')
    throw new Error('useCurrentUser needs a signed-in session');
  return session.user;
}
