import { todayIn } from '@kanjo/core';
import { Hono } from 'hono';
import { loadOrganization } from '../db/organizations';
import { customerReceivables } from '../receivables/customer-receivables';
import type { AppEnv } from './env';
import { notFound } from './errors';
import { documented, errorResponseSchema, jsonResponse } from './openapi-docs';

/**
 * `GET /customers/:id/receivables`: the customer's outstanding, overdue,
 * due in 30 days and paid in 12 months, in the base currency with per-currency
 * detail. Any signed-in member may read it. Mounted at `/api` behind
 * `requireUser`, before the customer resource routes.
 */
export const receivablesRoutes = new Hono<AppEnv>().get(
  '/customers/:id/receivables',
  documented({
    summary: 'A customer’s receivables summary',
    tags: ['Customers'],
    description:
      'Amounts are minor units, sent as decimal integer strings (`"1234"`): a sum over many invoices can pass 2^53, which a JSON number cannot carry exactly. `base` is in the organization’s base currency (each foreign invoice converted at its own `exchangeRate`, rounded once per invoice); `byCurrency` is unconverted; `unconverted` lists foreign invoices without a rate, which `base` leaves out.',
    responses: {
      200: jsonResponse('The summary.'),
      404: jsonResponse('NOT_FOUND', errorResponseSchema),
    },
  }),
  async (c) => {
    const { db, clock } = c.var.deps;
    const organizationId = c.var.user.organizationId;
    const organization = await loadOrganization(db, organizationId);
    if (!organization) throw notFound('Organization');
    const summary = await customerReceivables({
      db,
      organizationId,
      customerId: c.req.param('id'),
      today: todayIn(organization.timezone, clock()),
    });
    if (!summary) throw notFound('Customer');
    return c.json(summary);
  },
);
