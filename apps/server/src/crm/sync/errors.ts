import { CrmError, DomainError } from '@kanjo/core';
import { ServiceError } from '../../errors';

/** A failure as a run item records it: Kanjo's or the CRM's code, and a message. */
export function errorInfo(error: unknown): { code: string; message: string } {
  if (error instanceof CrmError) {
    return { code: error.providerCode ?? error.code, message: error.message };
  }
  if (error instanceof DomainError || error instanceof ServiceError) {
    return { code: error.code, message: error.message };
  }
  return { code: 'INTERNAL', message: String(error) };
}
