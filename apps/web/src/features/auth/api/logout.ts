import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { clearSession } from '@/lib/session';

export function logout(): Promise<void> {
  // The server revokes the refresh token and clears its cookie; a 401 here means it is already gone.
  return api.post<void>('/auth/logout', undefined, { refreshOnUnauthorized: false });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => logout().catch(() => undefined), // leaving must work even offline
    onSettled: () => clearSession(),
  });
}
