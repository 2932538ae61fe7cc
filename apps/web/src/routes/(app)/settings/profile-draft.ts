import {
  MAX_LOGO_BYTES,
  normalizeRegistrationNumber,
  registrationNumberIssue,
  type OrganizationProfile,
  type RegistrationNumberIssue,
} from '@kanjo/core';

const ADDRESS_KEYS = ['street', 'city', 'state', 'postalCode', 'country'] as const;
const TEXT_KEYS = ['legalName', 'phone', 'email', 'website', 'registrationNumber'] as const;

export type AddressDraft = Record<(typeof ADDRESS_KEYS)[number], string>;

/** The printable details as the form edits them: every text a string, the logo a data: URL or ''. */
export type ProfileDraft = Record<(typeof TEXT_KEYS)[number], string> & {
  address: AddressDraft;
  logo: string;
};

export function toDraft(profile: OrganizationProfile | undefined): ProfileDraft {
  const address = profile?.address ?? {};
  return {
    legalName: profile?.legalName ?? '',
    phone: profile?.phone ?? '',
    email: profile?.email ?? '',
    website: profile?.website ?? '',
    registrationNumber: profile?.registrationNumber ?? '',
    address: Object.fromEntries(
      ADDRESS_KEYS.map((key) => [key, address[key] ?? '']),
    ) as AddressDraft,
    logo: profile?.logo ?? '',
  };
}

/** The profile to send: blanks left out, the registration number in its stored form. */
export function fromDraft(draft: ProfileDraft): OrganizationProfile {
  const profile: Record<string, unknown> = {};
  for (const key of TEXT_KEYS) {
    const value =
      key === 'registrationNumber' ? normalizeRegistrationNumber(draft[key]) : draft[key];
    if (value.trim()) profile[key] = value.trim();
  }
  const address = Object.fromEntries(
    ADDRESS_KEYS.filter((key) => draft.address[key].trim()).map((key) => [
      key,
      draft.address[key].trim(),
    ]),
  );
  if (Object.keys(address).length > 0) profile.address = address;
  if (draft.logo) profile.logo = draft.logo;
  return profile as OrganizationProfile;
}

/**
 * What is wrong with a typed registration number (the same check the server
 * runs, after the same normalizing), or undefined when it is fine or blank.
 */
export function registrationNumberProblem(text: string): RegistrationNumberIssue | undefined {
  const value = normalizeRegistrationNumber(text);
  return value ? registrationNumberIssue(value) : undefined;
}

export type LogoProblem = { code: 'TYPE' } | { code: 'SIZE'; kilobytes: number };

/** Why a chosen file cannot be the logo, or undefined when it can. */
export function logoFileProblem(file: { type: string; size: number }): LogoProblem | undefined {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') return { code: 'TYPE' };
  if (file.size > MAX_LOGO_BYTES) return { code: 'SIZE', kilobytes: Math.ceil(file.size / 1024) };
  return undefined;
}
