/**
 * Signing up, in and out, and the signed-in user: the session lives in an
 * HttpOnly cookie the server sets.
 */
import type { Organization, Role } from '@kanjo/core';
import { ApiError, request } from '$lib/http/client';
import type { Locale } from '$lib/i18n/locale.svelte';

export type { Organization };

export interface User {
  id: string;
  organizationId: string;
  email: string;
  name?: string;
  role: Role;
  locale?: Locale;
}

export interface Me {
  user: User;
  organization: Organization;
}

export interface SignupInput {
  organizationName: string;
  email: string;
  password: string;
  baseCurrency: string;
  locale?: Locale;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface MePatch {
  locale?: Locale;
  name?: string;
}

/** @example const me = await signup({ organizationName: 'Acme', email, password, baseCurrency: 'JPY' }); */
export const signup = (input: SignupInput) =>
  request<Me>({ method: 'POST', path: '/api/auth/signup', body: input });

export const login = (input: LoginInput) =>
  request<Me>({ method: 'POST', path: '/api/auth/login', body: input });

export const logout = () => request<void>({ method: 'POST', path: '/api/auth/logout' });

export const updateMe = (patch: MePatch) =>
  request<Me>({ method: 'PATCH', path: '/api/me', body: patch });

/** The signed-in user and organization, or `null` when nobody is signed in. */
export async function getMe(): Promise<Me | null> {
  try {
    return await request<Me>({ method: 'GET', path: '/api/me' });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
