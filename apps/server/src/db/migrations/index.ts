import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_sync';
import * as m0003 from './0003_crm_connection';
import * as m0004 from './0004_crm_settings';
import * as m0005 from './0005_crm_sync';
import * as m0006 from './0006_crm_link_parent';
import * as m0007 from './0007_crm_link_match_key';
import * as m0008 from './0008_crm_inbound_failures';
import * as m0009 from './0009_crm_link_held_crm';
import * as m0010 from './0010_crm_deals_automation';
import * as m0011 from './0011_crm_panel_mail';
import * as m0012 from './0012_crm_connection_audit';
import * as m0013 from './0013_auth_hardening';
import * as m0014 from './0014_crm_setup_view_waits';
import * as m0015 from './0015_crm_holds';
import * as m0017 from './0017_crm_connection_reach';
import * as m0018 from './0018_field_history';
import * as m0019 from './0019_postgres_audit_order';
import * as m0020 from './0020_organization_first_indexes';
import * as m0021 from './0021_sign_in_attempts';

/**
 * Every migration, in order. Forward-only: a migration, once released, is never
 * edited; a change is a new numbered file added here.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_sync': m0002,
  '0003_crm_connection': m0003,
  '0004_crm_settings': m0004,
  '0005_crm_sync': m0005,
  '0006_crm_link_parent': m0006,
  '0007_crm_link_match_key': m0007,
  '0008_crm_inbound_failures': m0008,
  '0009_crm_link_held_crm': m0009,
  '0010_crm_deals_automation': m0010,
  '0011_crm_panel_mail': m0011,
  '0012_crm_connection_audit': m0012,
  '0013_auth_hardening': m0013,
  '0014_crm_setup_view_waits': m0014,
  '0015_crm_holds': m0015,
  '0017_crm_connection_reach': m0017,
  '0018_field_history': m0018,
  '0019_postgres_audit_order': m0019,
  '0020_organization_first_indexes': m0020,
  '0021_sign_in_attempts': m0021,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
