import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { makeOrganization } from '../mutations/test-context';
import {
  MAX_LOGO_BYTES,
  organizationPatchSchema,
  organizationProfileSchema,
  organizationSchema,
} from './organization';

/** A data: URL whose payload decodes to `bytes` bytes starting with the format's magic. */
function logoOf(format: 'png' | 'jpeg', bytes: number): string {
  const magic =
    format === 'png' ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] : [0xff, 0xd8, 0xff];
  const data = new Uint8Array(bytes);
  data.set(magic);
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return `data:image/${format};base64,${btoa(binary)}`;
}

describe('organizationProfileSchema', () => {
  const full = {
    legalName: '株式会社かんじょう',
    address: { postalCode: '100-0001', state: '東京都', city: '千代田区', street: '千代田1-1' },
    phone: '03-1234-5678',
    email: 'billing@kanjo.example',
    website: 'https://kanjo.example',
    registrationNumber: 'T7123456789012',
    logo: logoOf('png', 100),
  };

  it('accepts a full profile and an empty one', () => {
    expect(v.is(organizationProfileSchema, full)).toBe(true);
    expect(v.is(organizationProfileSchema, {})).toBe(true);
  });

  it.each([
    ['a registration number without T', { registrationNumber: '7123456789012' }],
    ['a registration number with a wrong check digit', { registrationNumber: 'T8123456789012' }],
    ['a bad email', { email: 'nope' }],
    ['an unknown field', { fax: '03' }],
    ['an unknown address field', { address: { town: 'x' } }],
    ['a logo that is a link', { logo: 'https://kanjo.example/logo.png' }],
    ['a GIF logo', { logo: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }],
    ['a PNG logo that is not a PNG', { logo: logoOf('jpeg', 100).replace('jpeg', 'png') }],
    ['a logo over 256 KiB', { logo: logoOf('jpeg', MAX_LOGO_BYTES + 1) }],
    ['a logo with broken base64', { logo: 'data:image/png;base64,iVBORw0KGgo=x' }],
  ])('refuses %s', (_, change) => {
    expect(v.is(organizationProfileSchema, { ...full, ...change })).toBe(false);
  });

  it('accepts a logo of exactly 256 KiB', () => {
    expect(v.is(organizationProfileSchema, { logo: logoOf('jpeg', MAX_LOGO_BYTES) })).toBe(true);
  });

  it('explains a mistyped registration number', () => {
    const result = v.safeParse(organizationProfileSchema, { registrationNumber: 'T8123456789012' });
    expect(result.issues?.[0]?.message).toMatch(/check digit/);
  });
});

describe('organization with a profile', () => {
  it('keeps organizations without a profile valid', () => {
    expect(v.is(organizationSchema, makeOrganization())).toBe(true);
  });

  it('stores a profile on the organization and in a patch', () => {
    const profile = { legalName: 'Kanjo KK', registrationNumber: 'T4011001098993' };
    expect(v.is(organizationSchema, makeOrganization({ profile }))).toBe(true);
    expect(v.parse(organizationPatchSchema, { profile })).toEqual({ profile });
    expect(v.is(organizationPatchSchema, { profile: { registrationNumber: 'T1' } })).toBe(false);
  });
});
