/**
 * Messages of link repair on a customer's or item's CRM panel: the linked CRM
 * record, unlinking, linking to another record from ranked candidates, and
 * settling an ambiguous match. Spread into `en`; `crm-link-repair.ja.ts` must
 * have every key.
 */
export const crmLinkRepairEn = {
  'crmHistory.action.held': 'Held for a choice',
  'crmHistory.action.released': 'Released',
  'crmHistory.trigger.link': 'Link change',

  'crmLink.record': 'CRM record',
  'crmLink.open': 'Open in the CRM',
  'crmLink.openLabel': 'Open in the CRM: {record} (new tab)',
  'crmLink.readOnly': 'Only owners and admins can change the link.',
  'crmLink.offline': 'Changing the link needs the network.',

  'crmLink.choice.heading': 'Choose the matching CRM record',
  'crmLink.choice.intro':
    'The CRM record {crm} matches {count} records in Kanjo ({reason}). Until you choose, none of them is linked or sent to the CRM, so no duplicate is made.',
  'crmLink.choice.introPerson':
    'The CRM contact {crm} matches {count} contact persons of this customer ({reason}). None of them is linked or sent to the CRM until only one matches: rename or remove the others here, or change the contact in the CRM, and the next sync links it.',
  'crmLink.choice.candidates': 'Records in Kanjo that match',
  'crmLink.choice.this': 'This record',
  'crmLink.choice.linkedSince': 'Linked since; the next sync settles the rest',
  'crmLink.choice.choose': 'Link this one',
  'crmLink.choice.chooseLabel': 'Link this one: {name} to {crm}',
  'crmLink.choice.chosen': 'Linked. The other records stay unlinked and are not sent to the CRM.',

  'crmLink.rivals.intro':
    '{count} CRM records match this record. Until you choose one, none of them is linked or imported and this record is not sent to the CRM, so no duplicate is made.',
  'crmLink.rivals.candidates': 'CRM records that match',
  'crmLink.rivals.chooseLabel': 'Link this one: {crm}',
  'crmLink.rivals.chosen':
    'Linked. The other CRM records come in as records of their own, or match another record.',

  'crmLink.kept.heading': 'Kept out of sync',
  'crmLink.kept.text':
    '{by} kept this record apart from the CRM record {crm} ({when}). Neither is matched, linked or sent to the CRM until you link it or release it.',
  'crmLink.kept.someone': 'Someone',
  'crmLink.kept.release': 'Release',
  'crmLink.kept.releaseHint':
    'The next sync treats it as never linked: it may be matched again or sent to the CRM as a new record.',
  'crmLink.kept.released': 'Released. The next sync matches it or sends it to the CRM.',

  'crmLink.unlink': 'Unlink',
  'crmLink.unlink.title': 'Unlink from the CRM record?',
  'crmLink.unlink.body':
    'This record and {crm} stop syncing. Neither is matched or sent as new until you link it again or release it.',
  'crmLink.unlink.cancel': 'Keep the link',
  'crmLink.unlinked': 'Unlinked. Nothing syncs until you link it again or release it.',

  'crmLink.pick.openLinked': 'Link to another CRM record',
  'crmLink.pick.open': 'Link to a CRM record',
  'crmLink.pick.heading': 'Link to a CRM record',
  'crmLink.pick.intro': 'Candidates in {module}, best first, each with why it is listed.',
  'crmLink.pick.search': 'Search the CRM by name',
  'crmLink.pick.searchButton': 'Search',
  'crmLink.pick.close': 'Close',
  'crmLink.pick.loading': 'Looking for candidates in the CRM…',
  'crmLink.pick.empty': 'No candidate found. Try another name.',
  'crmLink.pick.candidates': 'Candidates',
  'crmLink.pick.link': 'Link',
  'crmLink.pick.linkLabel': 'Link to {crm}',
  'crmLink.pick.current': 'Linked now',
  'crmLink.pick.linkedTo': 'Already linked to {name} in Kanjo',
  'crmLink.pick.linkedToOther': 'Already linked to another record in Kanjo',
  'crmLink.pick.linked': 'Linked to {crm}.',
  'crmLink.pick.why': 'Why',
  'crmLink.details.email': 'Email',
  'crmLink.details.phone': 'Phone',
  'crmLink.details.sku': 'SKU',
  'crmLink.details.city': 'City',

  'crmLink.reason.sku': 'Same SKU',
  'crmLink.reason.email': 'Same email',
  'crmLink.reason.phone': 'Same phone number',
  'crmLink.reason.name': 'Same name',
  'crmLink.reason.similarName': 'Similar name',
  'crmLink.reason.held': 'Waiting for this choice',
  'crmLink.reason.search': 'Found by your search',

  'crmLink.error.alreadyLinked':
    'That CRM record is already linked to another record in Kanjo. Unlink it there first.',
  'crmLink.error.notFound': 'The CRM does not have that record any more.',
  'crmLink.error.notSynced': 'Under the current sync rules this record does not sync with the CRM.',
  'crmLink.error.nothingKept': 'Nothing is kept apart from this record any more.',
  'crmLink.error.notLinked': 'This record is not linked any more.',
  'crmLink.error.offline':
    'The Kanjo server could not be reached. Nothing was changed; try again when you are online.',
} satisfies Record<string, string>;

export type CrmLinkRepairMessageKey = keyof typeof crmLinkRepairEn;
