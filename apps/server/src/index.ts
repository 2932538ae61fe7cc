export { createApp } from './app';
export { openDatabase, writeTransaction, type Db } from './db/database';
export { LoginThrottle } from './auth/throttle';
export { applyMutation, applyMutationIn } from './mutations/apply-mutation';
export { uuidv7 } from './ids';
export type { AppDeps } from './http/env';
export { createSecretBox } from './crm/secret-box';
export { CrmClients, crmClientFor } from './crm/crm-clients';
export { runCrmSync } from './crm/sync/run';
