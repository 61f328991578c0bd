import { useMutation } from '@tanstack/react-query';
import type { LoginBody, TokenResponse } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { startSession } from '@/lib/session';

export function login(body: LoginBody): Promise<TokenResponse> {
  return api.post<TokenResponse>('/auth/login', body, { auth: false });
}

export function useLogin() {
  return useMutation({ mutationFn: login, onSuccess: startSession });
}
