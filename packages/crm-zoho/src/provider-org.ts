import type { CrmChannel, CrmChannelRenewal, CrmProvider } from '@kanjo/core';
import { toActiveUsers, toBaseCurrency, toCurrentUser, toModuleGrants, toOrg } from './answers.js';
import type { WatchChannel, WatchExtension, ZohoClient } from './client.js';
import { probeMissingScopes } from './scope-probes.js';

/** Zoho's `channel_expiry`: ISO 8601 with an offset, whole seconds. */
const zohoTime = (iso: string): string =>
  new Date(Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** The org, its users and the grant, in Zoho's calls. */
export function zohoOrgCalls(
  client: ZohoClient,
): Pick<CrmProvider, 'identity' | 'moduleGrants' | 'missingScopes' | 'activeUsers'> {
  return {
    async identity() {
      const user = toCurrentUser(await client.currentUser());
      const org = toOrg(await client.org());
      if (!org.multiCurrency) return { org, user };
      const base = toBaseCurrency(await client.currencies());
      return { org: { ...org, currency: base ?? org.currency }, user };
    },
    moduleGrants: async (profileId, modules) =>
      toModuleGrants(await client.profile(profileId), modules),
    missingScopes: () => probeMissingScopes(client),
    activeUsers: async () => toActiveUsers(await client.users('ActiveUsers')),
  };
}

/** Notification channels as `/actions/watch` takes them (at most a week ahead). */
export function zohoChannelCalls(
  client: ZohoClient,
): Pick<CrmProvider, 'watch' | 'extendWatch' | 'unwatch'> {
  return {
    watch: (channels) => client.watch(channels.map(toWatchChannel)),
    extendWatch: (channels) => client.extendWatch(channels.map(toWatchExtension)),
    unwatch: (channelIds) => client.unwatch(channelIds),
  };
}

const toWatchChannel = (channel: CrmChannel): WatchChannel => ({
  channel_id: channel.id,
  events: [...channel.events],
  channel_expiry: zohoTime(channel.expiresAt),
  token: channel.token,
  notify_url: channel.notifyUrl,
});

const toWatchExtension = (channel: CrmChannelRenewal): WatchExtension => ({
  channel_id: channel.id,
  channel_expiry: zohoTime(channel.expiresAt),
  notify_url: channel.notifyUrl,
});
