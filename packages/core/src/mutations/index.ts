export {
  MUTATION_NAMES,
  emptyArgsSchema,
  isMutationName,
  mutationArgs,
  quoteConvertArgsSchema,
  salesOrderConvertArgsSchema,
} from './args';
export type { MutationArgs, MutationName } from './args';
export {
  DOMAIN_ERROR_STATUS,
  DomainError,
  fieldError,
  issuesToFields,
  validationError,
} from './errors';
export type { DomainErrorCode, FieldError, ValidationDetails } from './errors';
export { MONEY_BOUND_MESSAGES } from './document-amounts';
export { CREATING_MUTATIONS, newIdIssues } from './new-ids';
export { canRun } from './permissions';
export { rowSchemas } from './rows';
export { runMutation } from './run';
export type {
  EntityName,
  EntityRowMap,
  MutationContext,
  MutationHandler,
  MutationInput,
  Role,
  Write,
} from './types';
