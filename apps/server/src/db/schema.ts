import type {
  OrganizationTable,
  UserTable,
  SessionTable,
  InvitationTable,
  KnownDeviceTable,
  PasswordResetTable,
  SignInAttemptTable,
} from './schema/accounts';
import type { NumberSequenceTable, ChangeLogTable, EntityTable } from './schema/records';
import type { SyncClientTable, SyncResultTable, ConflictTable } from './schema/sync';
import type {
  CrmConnectionTable,
  CrmSettingsTable,
  CrmViewWaitTable,
  CrmApiUsageTable,
  CrmConnectionAuditTable,
} from './schema/crm-connection';
import type {
  CrmHoldTable,
  CrmInboundFailureTable,
  CrmLinkTable,
  CrmOutboxTable,
  CrmCursorTable,
  CrmRunTable,
  CrmRunItemTable,
} from './schema/crm-sync';
import type {
  DealTable,
  CrmAutomationDoneTable,
  CrmAutomationLogTable,
  CrmAutomationSettingsTable,
  CrmChannelTable,
  CrmPanelTable,
  CrmProfilePermissionsTable,
} from './schema/crm-features';
import type { MailOutboxTable } from './schema/mail';

export type * from './schema/accounts';
export type * from './schema/records';
export type * from './schema/sync';
export type * from './schema/crm-connection';
export type * from './schema/crm-sync';
export type * from './schema/crm-features';
export type * from './schema/mail';

/** Tables of the server database. Column names are snake_case; the API is camelCase. */
export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  known_devices: KnownDeviceTable;
  password_resets: PasswordResetTable;
  sign_in_attempts: SignInAttemptTable;
  number_sequences: NumberSequenceTable;
  change_log: ChangeLogTable;
  customers: EntityTable;
  items: EntityTable;
  quotes: EntityTable;
  sales_orders: EntityTable;
  invoices: EntityTable;
  payments: EntityTable;
  sync_clients: SyncClientTable;
  sync_results: SyncResultTable;
  conflicts: ConflictTable;
  crm_connections: CrmConnectionTable;
  crm_settings: CrmSettingsTable;
  crm_view_waits: CrmViewWaitTable;
  crm_api_usage: CrmApiUsageTable;
  crm_links: CrmLinkTable;
  crm_inbound_failures: CrmInboundFailureTable;
  crm_holds: CrmHoldTable;
  crm_outbox: CrmOutboxTable;
  crm_cursors: CrmCursorTable;
  crm_runs: CrmRunTable;
  crm_run_items: CrmRunItemTable;
  deals: DealTable;
  crm_automation_done: CrmAutomationDoneTable;
  crm_automation_log: CrmAutomationLogTable;
  crm_automation_settings: CrmAutomationSettingsTable;
  crm_channels: CrmChannelTable;
  crm_panel: CrmPanelTable;
  crm_profile_permissions: CrmProfilePermissionsTable;
  mail_outbox: MailOutboxTable;
  crm_connection_audit: CrmConnectionAuditTable;
}
