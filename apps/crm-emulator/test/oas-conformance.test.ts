import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEmulator, serveEmulator, type ServedEmulator } from '../src/index';
import { conform, optional, type Shape } from './oas-shape';
import { setupEmulator } from './support';

/**
 * Zoho CRM v8 operations (method, path under `/crm/v8`, and `file: operationId`), written
 * down from Zoho's OpenAPI files (folder `v8.0`) for the areas the emulator plays.
 */
const zohoOperations: readonly (readonly [string, string, string])[] = [
  ['POST', '/coql', 'coql.json: Get Records'],
  ['GET', '/org/currencies', 'currencies.json: Get Currencies'],
  ['POST', '/org/currencies', 'currencies.json: Add Currencies'],
  ['PUT', '/org/currencies', 'currencies.json: Update Currencies'],
  ['GET', '/org/currencies/{id}', 'currencies.json: Get Currency'],
  ['PUT', '/org/currencies/{id}', 'currencies.json: Update Currency'],
  ['POST', '/org/currencies/actions/enable', 'currencies.json: Enable Base Currency'],
  ['PUT', '/org/currencies/actions/enable', 'currencies.json: Update Base Currency'],
  ['GET', '/settings/custom_views', 'custom_views.json: Get Custom Views'],
  ['GET', '/settings/custom_views/{id}', 'custom_views.json: Get Custom View'],
  [
    'PUT',
    '/settings/custom_views/actions/change_sort',
    'custom_views.json: Change Sort Order of Custom Views',
  ],
  [
    'PUT',
    '/settings/custom_views/{id}/actions/change_sort',
    'custom_views.json: Change Sort Order of Custom View',
  ],
  ['GET', '/settings/fields', 'fields.json: Get Fields'],
  ['POST', '/settings/fields', 'fields.json: Create Field'],
  ['PATCH', '/settings/fields', 'fields.json: Update Fields'],
  ['GET', '/settings/fields/{field}', 'fields.json: Get Field'],
  ['PATCH', '/settings/fields/{field}', 'fields.json: Update Field'],
  ['DELETE', '/settings/fields/{field}', 'fields.json: Delete Field'],
  ['GET', '/settings/layouts', 'layouts.json: Get Layouts'],
  ['PATCH', '/settings/layouts', 'layouts.json: Update Custom Layouts'],
  ['GET', '/settings/layouts/{id}', 'layouts.json: Get Layout'],
  ['PATCH', '/settings/layouts/{id}', 'layouts.json: Update Custom Layout'],
  ['DELETE', '/settings/layouts/{id}', 'layouts.json: Delete Custom Layout'],
  ['POST', '/settings/layouts/{id}/actions/activate', 'layouts.json: Activate Custom Layout'],
  ['DELETE', '/settings/layouts/{id}/actions/activate', 'layouts.json: Deactivate Custom Layout'],
  ['GET', '/{module}/search', 'module_search.json: Search module'],
  ['GET', '/settings/modules', 'modules.json: Get Modules'],
  ['POST', '/settings/modules', 'modules.json: Create Custom Modules'],
  ['PUT', '/settings/modules', 'modules.json: Update Custom Modules'],
  ['GET', '/settings/modules/{api_name}', 'modules.json: Get Module By API Name'],
  ['PUT', '/settings/modules/{api_name}', 'modules.json: Update Module By API Name'],
  ['GET', '/settings/modules/{id}', 'modules.json: Get Module'],
  ['PUT', '/settings/modules/{id}', 'modules.json: Update Module'],
  ['GET', '/actions/watch', 'notifications.json: Get Notifications'],
  ['POST', '/actions/watch', 'notifications.json: Enable Notifications'],
  ['PUT', '/actions/watch', 'notifications.json: Update Notifications'],
  ['PATCH', '/actions/watch', 'notifications.json: Disable Notification'],
  ['DELETE', '/actions/watch', 'notifications.json: Delete Notification'],
  ['GET', '/org', 'org.json: Get Organization'],
  ['GET', '/org/photo', 'org.json: Get Org Photo'],
  ['POST', '/org/photo', 'org.json: Upload Organization Photo'],
  ['DELETE', '/org/photo', 'org.json: Delete Organization Photo'],
  ['GET', '/settings/profiles', 'profiles.json: Get Profiles'],
  ['POST', '/settings/profiles/{id}/actions/clone', 'profiles.json: Clone Profiles'],
  ['PUT', '/settings/profiles/{id}', 'profiles.json: Update Profile'],
  ['GET', '/settings/profiles/{id}', 'profiles.json: Get Profile'],
  ['DELETE', '/settings/profiles/{id}', 'profiles.json: Delete Profile'],
  ['GET', '/{module_api_name}/{id}', 'record.json: Get Record'],
  ['PUT', '/{module_api_name}/{id}', 'record.json: Update Record'],
  ['DELETE', '/{module_api_name}/{id}', 'record.json: Delete Record'],
  ['GET', '/{module_api_name}', 'record.json: Get Records'],
  ['POST', '/{module_api_name}', 'record.json: Create Records'],
  ['PUT', '/{module_api_name}', 'record.json: Update Records'],
  ['DELETE', '/{module_api_name}', 'record.json: Delete Records'],
  ['POST', '/{module_api_name}/upsert', 'record.json: Upsert Records'],
  ['GET', '/{module_api_name}/deleted', 'record.json: Get Deleted Records'],
  ['GET', '/{module_api_name}/search', 'record.json: Search Records'],
  ['GET', '/{module_api_name}/{id}/photo', 'record.json: Get Photo'],
  ['POST', '/{module_api_name}/{id}/photo', 'record.json: Upload Photo'],
  ['DELETE', '/{module_api_name}/{id}/photo', 'record.json: Delete Photo'],
  ['POST', '/{module_api_name}/actions/mass_update', 'record.json: Mass Update Records'],
  ['GET', '/{module_api_name}/actions/mass_update', 'record.json: Get Mass Update Status'],
  [
    'POST',
    '/{module_api_name}/actions/assign_territories',
    'record.json: Assign Territories To Multiple Records',
  ],
  [
    'POST',
    '/{module_api_name}/{id}/actions/assign_territories',
    'record.json: Assign Territory to Record',
  ],
  [
    'POST',
    '/{module_api_name}/actions/remove_territories',
    'record.json: Remove Territories From Multiple Records',
  ],
  [
    'POST',
    '/{module_api_name}/{id}/actions/remove_territories',
    'record.json: Remove Territories From Record',
  ],
  ['GET', '/{module_api_name}/actions/count', 'record.json: Record Count'],
  ['GET', '/{module_api_name}/{external_field_value}', 'record.json: Get Record Using External ID'],
  [
    'PUT',
    '/{module_api_name}/{external_field_value}',
    'record.json: Update Record Using External ID',
  ],
  [
    'DELETE',
    '/{module_api_name}/{external_field_value}',
    'record.json: Delete Record Using External ID',
  ],
  [
    'GET',
    '/{module_api_name}/{id}/actions/fetch_full_data',
    'record.json: Get Full Data For Rich Text',
  ],
  ['GET', '/{module_api_name}/actions/fetch_full_data', 'record.json: Get Rich Text Records'],
  ['POST', '/{module_api_name}/{id}/actions/clone', 'record.json: Clone Record'],
  ['GET', '/{module_api_name}/actions/count', 'record_count.json: Get Count'],
  ['POST', '/{module_api_name}/actions/count', 'record_count.json: Create Count'],
  ['GET', '/settings/related_lists', 'related_lists.json: Get Related Lists'],
  ['GET', '/settings/related_lists/{id}', 'related_lists.json: Get Related List'],
  [
    'GET',
    '/{module_api_name}/{record_id}/{related_list_api_name}',
    'related_records.json: Get Related Records',
  ],
  [
    'PUT',
    '/{module_api_name}/{record_id}/{related_list_api_name}',
    'related_records.json: Update Related Records',
  ],
  [
    'DELETE',
    '/{module_api_name}/{record_id}/{related_list_api_name}',
    'related_records.json: Delink Records',
  ],
  [
    'GET',
    '/{module_api_name}/{external_value}/{related_list_api_name}',
    'related_records.json: Get Related Records Using External ID',
  ],
  [
    'PUT',
    '/{module_api_name}/{external_value}/{related_list_api_name}',
    'related_records.json: Update Related Records Using External ID',
  ],
  [
    'DELETE',
    '/{module_api_name}/{external_value}/{related_list_api_name}',
    'related_records.json: Delete Related Records Using External ID',
  ],
  [
    'GET',
    '/{module_api_name}/{record_id}/{related_list_api_name}/{related_record_id}',
    'related_records.json: Get Related Record',
  ],
  [
    'PUT',
    '/{module_api_name}/{record_id}/{related_list_api_name}/{related_record_id}',
    'related_records.json: Update Related Record',
  ],
  [
    'DELETE',
    '/{module_api_name}/{record_id}/{related_list_api_name}/{related_record_id}',
    'related_records.json: Delink Record',
  ],
  [
    'GET',
    '/{module_api_name}/{external_value}/{related_list_api_name}/{external_field_value}',
    'related_records.json: Get Related Record Using External ID',
  ],
  [
    'PUT',
    '/{module_api_name}/{external_value}/{related_list_api_name}/{external_field_value}',
    'related_records.json: Update Related Record Using External ID',
  ],
  [
    'DELETE',
    '/{module_api_name}/{external_value}/{related_list_api_name}/{external_field_value}',
    'related_records.json: Delete Related Record Using External ID',
  ],
  [
    'GET',
    '/{module_api_name}/deleted/{record_id}/{related_list_api_name}',
    'related_records.json: Get Deleted Parent Records Related Record',
  ],
  ['GET', '/users', 'users.json: Get Users'],
  ['POST', '/users', 'users.json: Create Users'],
  ['PUT', '/users', 'users.json: Update Users'],
  ['GET', '/users/{user}', 'users.json: Get User'],
  ['PUT', '/users/{user}', 'users.json: Update User'],
  ['DELETE', '/users/{user}', 'users.json: Delete User'],
  ['GET', '/users/{user}/actions/associated_groups', 'users.json: Get Associated Groups'],
  ['GET', '/users/actions/count', 'users.json: Users Count'],
];

/**
 * Operations on Zoho's API pages that its OpenAPI files leave out: "Taxes" under the
 * organization (`/crm/v8/org/taxes`), which inventory line taxes name.
 */
const documentedOnZohoPagesOnly: readonly (readonly [string, string, string])[] = [
  ['GET', '/org/taxes', 'API page "Get Taxes"'],
];

/**
 * Every route the emulator serves under `/crm/v8` (method and Hono path), with the Zoho
 * operation it follows. A route missing here fails the test, and so does one whose
 * operation Zoho does not have with the same method and path.
 */
const served: Record<string, string> = {
  'GET /:module': 'record.json: Get Records',
  'GET /:module/:id': 'record.json: Get Record',
  'POST /:module': 'record.json: Create Records',
  'PUT /:module': 'record.json: Update Records',
  'PUT /:module/:id': 'record.json: Update Record',
  'DELETE /:module': 'record.json: Delete Records',
  'DELETE /:module/:id': 'record.json: Delete Record',
  'POST /:module/upsert': 'record.json: Upsert Records',
  'GET /:module/deleted': 'record.json: Get Deleted Records',
  'GET /:module/search': 'record.json: Search Records',
  'GET /:module/actions/count': 'record.json: Record Count',
  'GET /:module/:id/:related': 'related_records.json: Get Related Records',
  'POST /coql': 'coql.json: Get Records',
  'GET /settings/modules': 'modules.json: Get Modules',
  'GET /settings/modules/:key': 'modules.json: Get Module By API Name',
  'GET /settings/fields': 'fields.json: Get Fields',
  'GET /settings/fields/:id': 'fields.json: Get Field',
  'GET /settings/layouts': 'layouts.json: Get Layouts',
  'GET /settings/layouts/:id': 'layouts.json: Get Layout',
  'GET /settings/related_lists': 'related_lists.json: Get Related Lists',
  'GET /settings/custom_views': 'custom_views.json: Get Custom Views',
  'GET /settings/custom_views/:id': 'custom_views.json: Get Custom View',
  'GET /settings/profiles': 'profiles.json: Get Profiles',
  'GET /settings/profiles/:id': 'profiles.json: Get Profile',
  'GET /users': 'users.json: Get Users',
  'GET /users/:id': 'users.json: Get User',
  'GET /org': 'org.json: Get Organization',
  'GET /org/currencies': 'currencies.json: Get Currencies',
  'GET /org/currencies/:id': 'currencies.json: Get Currency',
  'GET /org/taxes': 'API page "Get Taxes"',
  'POST /actions/watch': 'notifications.json: Enable Notifications',
  'GET /actions/watch': 'notifications.json: Get Notifications',
  'PUT /actions/watch': 'notifications.json: Update Notifications',
  'PATCH /actions/watch': 'notifications.json: Disable Notification',
  'DELETE /actions/watch': 'notifications.json: Delete Notification',
};

/** `/Accounts/{id}` and `/:module/:id` alike become `/{}/{}`. */
const template = (path: string) => path.replace(/\{[^}]+\}/g, '{}').replace(/:[A-Za-z_]+/g, '{}');

describe("the emulator's routes are Zoho's", () => {
  it('serves under /crm/v8 only operations Zoho has, each with its method and path', async () => {
    const { app } = await setupEmulator();
    // Handlers only: middleware and the INVALID_URL_PATTERN answers are registered for ALL.
    const routes = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/crm/v8/'))
          .map((r) => `${r.method} ${r.path.slice('/crm/v8'.length)}`),
      ),
    ].sort();
    expect(routes).toEqual(Object.keys(served).sort());
    const known = [...zohoOperations, ...documentedOnZohoPagesOnly];
    const departures = Object.entries(served).flatMap(([route, operation]) => {
      const [method = '', path = ''] = route.split(' ');
      const zoho = known.find(([, , name]) => name === operation);
      if (!zoho) return [`${route}: no Zoho operation ${operation}`];
      return zoho[0] === method && template(zoho[1]) === template(path)
        ? []
        : [`${route}: Zoho's ${operation} is ${zoho[0]} ${zoho[1]}`];
    });
    expect(departures).toEqual([]);
  });
});

// Shapes written by hand from the response schemas of Zoho's OpenAPI files.
const user: Shape = { name: 'string', id: 'string' };
const record: Shape = {
  id: 'string',
  Created_Time: 'datetime',
  Modified_Time: 'datetime',
  Created_By: user,
  Modified_By: user,
  Owner: { ...user, email: 'string' },
};
const pageInfo: Shape = {
  per_page: 'integer',
  count: 'integer',
  page: 'integer',
  more_records: 'boolean',
};
const listInfo: Shape = {
  ...pageInfo,
  sort_by: 'string',
  sort_order: 'string',
  next_page_token: 'string?',
  previous_page_token: 'string?',
  page_token_expiry: 'datetime?',
};
const written: Shape = {
  code: 'string',
  status: 'string',
  message: 'string',
  details: {
    id: 'string',
    Created_Time: 'datetime',
    Modified_Time: 'datetime',
    Created_By: user,
    Modified_By: user,
  },
};
const field: Shape = {
  id: 'string',
  api_name: 'string',
  field_label: 'string',
  display_label: 'string',
  data_type: 'string',
  json_type: 'string?',
  custom_field: 'boolean',
  // Zoho leaves it out of a subform field (seen in its answers), elsewhere an integer.
  length: optional('integer'),
  decimal_place: 'integer?',
  read_only: 'boolean',
  system_mandatory: 'boolean',
  lookup: 'object?',
  unique: 'object?',
  pick_list_values: [
    { id: 'string', display_value: 'string', actual_value: 'string', sequence_number: 'integer' },
  ],
};
const moduleMeta: Shape = {
  id: 'string',
  api_name: 'string?',
  module_name: 'string',
  singular_label: 'string?',
  plural_label: 'string?',
  generated_type: 'string',
  sequence_number: 'integer',
  visibility: 'integer',
  visible: 'boolean',
  show_as_tab: 'boolean',
  api_supported: 'boolean',
  creatable: 'boolean',
  editable: 'boolean',
  deletable: 'boolean',
  viewable: 'boolean',
  convertable: 'boolean',
  quick_create: 'boolean',
  feeds_required: 'boolean',
  scoring_supported: 'boolean',
  webform_supported: 'boolean',
  triggers_supported: 'boolean',
  filter_supported: 'boolean',
  inventory_template_supported: 'boolean',
  recycle_bin_on_delete: 'boolean',
  isBlueprintSupported: 'boolean',
  presence_sub_menu: 'boolean',
  profile_count: 'integer',
  profiles: [{ id: 'string?', name: 'string' }],
  arguments: 'array',
  description: 'string?',
  web_link: 'string?',
  modified_time: 'datetime?',
};
const layout: Shape = {
  id: 'string?',
  name: 'string?',
  display_label: 'string?',
  status: 'string?',
  visible: 'boolean?',
  source: 'string?',
  mode: 'string?',
  generated_type: 'string?',
  has_more_profiles: 'boolean?',
  show_business_card: 'boolean?',
  created_time: 'datetime?',
  modified_time: 'datetime?',
  subform_properties: { pinned_column: 'boolean?' },
  profiles: [{ id: 'string?', name: 'string', default: 'boolean' }],
  sections: [
    {
      id: 'string?',
      api_name: 'string?',
      name: 'string?',
      display_label: 'string?',
      sequence_number: 'integer?',
      column_count: 'integer?',
      tab_traversal: 'string?',
      isSubformSection: 'boolean?',
      generated_type: 'string?',
      type: 'string?',
      fields: [field],
    },
  ],
  actions_allowed: {
    edit: 'boolean?',
    rename: 'boolean?',
    clone: 'boolean?',
    downgrade: 'boolean?',
    delete: 'boolean?',
    deactivate: 'boolean?',
    set_layout_permissions: 'boolean?',
  },
};
const view: Shape = {
  id: 'string',
  name: 'string',
  display_value: 'string',
  system_name: 'string?',
  system_defined: 'boolean',
  default: 'boolean',
  criteria: 'object?',
};
const viewInfo: Shape = {
  ...pageInfo,
  default: 'string?',
  translation: {
    public_views: 'string?',
    other_users_views: 'string?',
    shared_with_me: 'string?',
    created_by_me: 'string?',
  },
};
const crmUser: Shape = {
  id: 'string?',
  full_name: 'string',
  last_name: 'string?',
  email: 'string',
  status: 'string',
  confirm: 'boolean',
  profile: { id: 'string?', name: 'string' },
  role: { id: 'string?', name: 'string' },
};
const currency: Shape = {
  id: 'string',
  name: 'string',
  iso_code: 'string',
  symbol: 'string',
  exchange_rate: 'string',
  is_base: 'boolean',
  is_active: 'boolean?',
  prefix_symbol: 'boolean?',
  format: { decimal_separator: 'string', thousand_separator: 'string', decimal_places: 'string' },
  created_time: 'datetime',
  modified_time: 'datetime',
  created_by: user,
  modified_by: user,
};
const zohoError: Shape = { code: 'string', details: 'object', message: 'string', status: 'string' };

describe("the emulator's answers carry the fields and types of Zoho's", () => {
  let crm: ServedEmulator;
  let token = '';
  const db = new Database(':memory:');

  beforeAll(async () => {
    seedEmulator({ db, clock: () => new Date(), seed: 'demo' });
    crm = await serveEmulator({ db, port: 0 });
    const created = await fetch(`${crm.url}/__emulator/clients`, { method: 'POST' });
    const creds = (await created.json()) as Record<string, string>;
    const refreshed = await fetch(`${crm.url}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: creds.client_id ?? '',
        client_secret: creds.client_secret ?? '',
        refresh_token: creds.refresh_token ?? '',
      }),
    });
    token = ((await refreshed.json()) as { access_token: string }).access_token;
  });
  afterAll(async () => {
    await crm.close();
  });

  /** One request over the network, with the status and the parsed JSON. */
  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${crm.url}/crm/v8${path}`, {
      method,
      headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as any };
  }

  /** Asserts the status and that the answer conforms; returns the answer's JSON. */
  async function expectShape(
    method: string,
    path: string,
    status: number,
    shape: Shape,
    body?: unknown,
  ) {
    const res = await call(method, path, body);
    expect({
      route: `${method} ${path}`,
      status: res.status,
      departures: conform(res.json, shape),
    }).toEqual({
      route: `${method} ${path}`,
      status,
      departures: [],
    });
    return res.json;
  }

  it('records: list, get, search, count, related, and COQL', async () => {
    const list = await expectShape(
      'GET',
      '/Accounts?fields=Account_Name,Owner,Created_Time,Modified_Time,Created_By,Modified_By&per_page=2',
      200,
      {
        data: [record],
        info: listInfo,
      },
    );
    const id = String(list.data[0].id);
    await expectShape('GET', `/Accounts/${id}`, 200, { data: [record] });
    const name = String(list.data[0].Account_Name);
    await expectShape('GET', `/Accounts/search?word=${encodeURIComponent(name)}`, 200, {
      data: [{ id: 'string' }],
      info: pageInfo,
    });
    // record.json types `count` as a string; Zoho's API pages answer a number, and they win.
    await expectShape('GET', '/Accounts/actions/count', 200, { count: 'integer' });
    await expectShape(
      'POST',
      '/coql',
      200,
      { data: [{ id: 'string' }], info: { count: 'integer', more_records: 'boolean' } },
      {
        select_query: 'select Account_Name from Accounts where Account_Name is not null limit 2',
      },
    );
    const contacts = await call('GET', `/Accounts/${id}/Contacts?fields=Last_Name`);
    if (contacts.status === 200)
      expect(conform(contacts.json, { data: [{ id: 'string' }], info: pageInfo })).toEqual([]);
    else expect(contacts.status).toBe(204);
  });

  it('records: insert, update, upsert, delete and the deleted list', async () => {
    const inserted = await expectShape(
      'POST',
      '/Accounts',
      201,
      { data: [written] },
      {
        data: [{ Account_Name: 'OAS Conformance K.K.' }],
      },
    );
    const id = String(inserted.data[0].details.id);
    await expectShape(
      'PUT',
      `/Accounts/${id}`,
      200,
      { data: [written] },
      { data: [{ Phone: '03-1234-5678' }] },
    );
    await expectShape(
      'PUT',
      '/Accounts',
      200,
      { data: [written] },
      { data: [{ id, Phone: '03-1234-0000' }] },
    );
    await expectShape(
      'POST',
      '/Accounts/upsert',
      200,
      {
        data: [
          { ...(written as Record<string, Shape>), action: 'string', duplicate_field: 'string?' },
        ],
      },
      { data: [{ Account_Name: 'OAS Conformance K.K.', Website: 'https://oas.example' }] },
    );
    await expectShape('DELETE', `/Accounts/${id}`, 200, {
      data: [{ code: 'string', status: 'string', message: 'string', details: { id: 'string' } }],
    });
    await expectShape('GET', '/Accounts/deleted', 200, {
      data: [
        {
          id: 'string',
          display_name: 'string',
          type: 'string',
          deleted_by: user,
          created_by: user,
          deleted_time: 'datetime',
        },
      ],
      info: pageInfo,
    });
  });

  it('metadata: modules, fields, layouts, related lists, views, profiles', async () => {
    await expectShape('GET', '/settings/modules', 200, { modules: [moduleMeta] });
    await expectShape('GET', '/settings/modules/Deals', 200, { modules: [moduleMeta] });
    const fields = await expectShape('GET', '/settings/fields?module=Deals', 200, {
      fields: [field],
    });
    await expectShape('GET', `/settings/fields/${String(fields.fields[0].id)}?module=Deals`, 200, {
      fields: [field],
    });
    for (const module of [
      'Accounts',
      'Contacts',
      'Products',
      'Quotes',
      'Sales_Orders',
      'Invoices',
    ]) {
      await expectShape('GET', `/settings/fields?module=${module}`, 200, { fields: [field] });
    }
    const layouts = await expectShape('GET', '/settings/layouts?module=Deals', 200, {
      layouts: [layout],
    });
    await expectShape(
      'GET',
      `/settings/layouts/${String(layouts.layouts[0].id)}?module=Deals`,
      200,
      { layouts: [layout] },
    );
    await expectShape('GET', '/settings/related_lists?module=Accounts', 200, {
      related_lists: [
        {
          id: 'string',
          sequence_number: 'string?',
          display_label: 'string?',
          api_name: 'string?',
          module: { api_name: 'string?', id: 'string?' },
          name: 'string?',
          type: 'string?',
          href: 'string?',
          action: 'string?',
          status: 'string',
        },
      ],
    });
    const views = await expectShape('GET', '/settings/custom_views?module=Accounts', 200, {
      custom_views: [view],
      info: viewInfo,
    });
    await expectShape(
      'GET',
      `/settings/custom_views/${String(views.custom_views[0].id)}?module=Accounts`,
      200,
      {
        custom_views: [
          {
            ...(view as Record<string, Shape>),
            category: 'string',
            module: 'object',
            offline: 'boolean',
            access_type: 'string',
            shared_to: 'array',
            fields: 'array',
            created_time: 'datetime?',
            modified_time: 'datetime?',
            last_accessed_time: 'datetime?',
          },
        ],
        info: viewInfo,
      },
    );
    const profiles = await expectShape('GET', '/settings/profiles', 200, {
      profiles: [
        {
          id: 'string?',
          name: 'string?',
          display_label: 'string',
          default: 'boolean',
          description: 'string',
        },
      ],
    });
    // Zoho's own profiles have no creator or creation time: null, as in its answers.
    await expectShape('GET', `/settings/profiles/${String(profiles.profiles[0].id)}`, 200, {
      profiles: [
        {
          id: 'string?',
          name: 'string?',
          display_label: 'string',
          description: 'string',
          custom: 'boolean',
          type: 'string',
          created_time: 'datetime?',
          modified_time: 'datetime?',
          permissions_details: [
            {
              id: 'string',
              name: 'string',
              display_label: 'string',
              module: 'string',
              enabled: 'boolean',
              customizable: 'boolean',
              parent_permissions: 'array?',
            },
          ],
          sections: [{ name: 'string?', categories: 'array' }],
        },
      ],
    });
  });

  it('users, org, currencies', async () => {
    const users = await expectShape('GET', '/users?type=CurrentUser', 200, {
      users: [crmUser],
      info: pageInfo,
    });
    await expectShape('GET', `/users/${String(users.users[0].id)}`, 200, {
      users: [crmUser],
      info: pageInfo,
    });
    await expectShape('GET', '/org', 200, {
      org: [
        {
          id: 'string',
          company_name: 'string',
          currency: 'string',
          iso_code: 'string',
          currency_symbol: 'string',
          mc_status: 'boolean',
          time_zone: 'string',
          zgid: 'string',
          primary_zuid: 'string',
          domain_name: 'string',
          country_code: 'string',
          max_per_page: 'integer',
          license_details: 'object',
        },
      ],
    });
    const currencies = await expectShape('GET', '/org/currencies', 200, { currencies: [currency] });
    await expectShape('GET', `/org/currencies/${String(currencies.currencies[0].id)}`, 200, {
      currencies: [currency],
    });
  });

  it('notifications: subscribe and list', async () => {
    const expiry = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, '+00:00');
    const event: Shape = {
      channel_id: 'string',
      resource_name: 'string',
      resource_id: 'string',
      resource_uri: 'string',
      channel_expiry: 'datetime?',
    };
    await expectShape(
      'POST',
      '/actions/watch',
      201,
      {
        watch: [
          { code: 'string', status: 'string', message: 'string', details: { events: [event] } },
        ],
      },
      {
        watch: [
          {
            channel_id: '1000000068001',
            events: ['Accounts.all'],
            channel_expiry: expiry,
            token: 'oas-conformance',
            notify_url: 'https://kanjo.example/crm/notify',
          },
        ],
      },
    );
    await expectShape('GET', '/actions/watch', 200, {
      watch: [
        {
          channel_id: 'any',
          notify_url: 'string',
          events: ['string'],
          token: 'string?',
          resource_name: 'string',
          resource_id: 'string',
          resource_uri: 'string',
          channel_expiry: 'datetime?',
          return_affected_field_values: 'boolean?',
          notify_on_related_action: 'boolean?',
        },
      ],
      info: pageInfo,
    });
  });

  it("errors: Zoho's envelope for an unknown module, path, parameter and id", async () => {
    for (const [path, status, code] of [
      ['/Leadz?fields=id', 400, 'INVALID_MODULE'],
      ['/settings/nothing', 404, 'INVALID_URL_PATTERN'],
      ['/settings/fields', 400, 'REQUIRED_PARAM_MISSING'],
      ['/settings/custom_views/1?module=Accounts', 400, 'INVALID_DATA'],
    ] as const) {
      const body = await expectShape('GET', path, status, zohoError);
      expect(body.code).toBe(code);
    }
  });
});
