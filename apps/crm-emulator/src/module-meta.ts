import type { FieldSpec } from './metadata';
import { metaId, moduleViews, presentField, presentView, profiles } from './metadata';
import { moduleNames, type ModuleSpec } from './modules';

/** Zoho's labels of each module: singular and plural, as its modules list shows them. */
const labels: Record<string, { singular: string; plural: string }> = {
  Accounts: { singular: 'Account', plural: 'Accounts' },
  Contacts: { singular: 'Contact', plural: 'Contacts' },
  Products: { singular: 'Product', plural: 'Products' },
  Deals: { singular: 'Deal', plural: 'Deals' },
  Quotes: { singular: 'Quote', plural: 'Quotes' },
  Sales_Orders: { singular: 'Sales Order', plural: 'Sales Orders' },
  Invoices: { singular: 'Invoice', plural: 'Invoices' },
};

/** Zoho's internal module names (`module_name`) where they differ from the API names. */
const internalNames: Record<string, string> = { Deals: 'Potentials', Sales_Orders: 'SalesOrders' };

const inventory = new Set(['Quotes', 'Sales_Orders', 'Invoices']);

/** A module's id: the same id the fields' lookups and the related lists name. */
export const moduleId = (apiName: string) => metaId(90000 + moduleNames.indexOf(apiName));

/** The id of a module's one layout, "Standard". */
export const layoutId = (apiName: string) => metaId(60000 + moduleNames.indexOf(apiName));

/** The module's field that names a record (Zoho's `display_field`, the recycle bin's name). */
export function displayFieldOf(spec: ModuleSpec): string {
  if (spec.apiName === 'Contacts') return 'Full_Name';
  return spec.duplicateField;
}

const labelsOf = (apiName: string) =>
  labels[apiName] ?? { singular: apiName.replace(/_/g, ' '), plural: apiName.replace(/_/g, ' ') };

/**
 * One module of `GET /settings/modules`: every emulated module is an API-supported,
 * visible standard module the user can view, create, edit and delete; `profiles` are the
 * profiles whose View permission is on.
 */
export function presentModule(spec: ModuleSpec, viewers: readonly string[]) {
  const { singular, plural } = labelsOf(spec.apiName);
  const index = moduleNames.indexOf(spec.apiName);
  return {
    id: moduleId(spec.apiName),
    api_name: spec.apiName,
    module_name: internalNames[spec.apiName] ?? spec.apiName,
    singular_label: singular,
    plural_label: plural,
    description: null,
    generated_type: 'default',
    // Zoho's Home tab comes first; the emulated modules follow it.
    sequence_number: index + 2,
    status: 'visible',
    visibility: 1,
    visible: true,
    show_as_tab: true,
    api_supported: true,
    creatable: true,
    editable: true,
    deletable: true,
    viewable: true,
    convertable: spec.apiName === 'Quotes' || spec.apiName === 'Sales_Orders',
    quick_create: true,
    global_search_supported: true,
    filter_supported: true,
    feeds_required: false,
    scoring_supported: true,
    webform_supported: !inventory.has(spec.apiName),
    triggers_supported: true,
    kanban_view_supported: true,
    kanban_view: false,
    inventory_template_supported: inventory.has(spec.apiName),
    recycle_bin_on_delete: true,
    isBlueprintSupported: true,
    presence_sub_menu: false,
    has_more_profiles: false,
    profile_count: viewers.length,
    profiles: profiles
      .filter((p) => viewers.includes(p.id))
      .map((p) => ({ name: p.name, id: p.id })),
    arguments: [],
    parent_module: {},
    web_link: null,
    modified_time: null,
    modified_by: null,
    activity_badge: null,
  };
}

/** `GET /settings/modules/{api_name}` adds what a module's own page knows. */
export function presentModuleDetail(
  spec: ModuleSpec,
  viewers: readonly string[],
  fields: readonly FieldSpec[],
) {
  const index = moduleNames.indexOf(spec.apiName);
  const display = displayFieldOf(spec);
  const displayIndex = fields.findIndex((f) => f.apiName === display);
  const defaultView = moduleViews(index, spec.apiName)[0];
  return {
    ...presentModule(spec, viewers),
    per_page: 10,
    display_field: {
      api_name: display,
      id: displayIndex < 0 ? null : metaId(index * 1000 + displayIndex),
    },
    related_list_properties: { sort_by: null, fields: [display], sort_order: null },
    $properties: [],
    search_layout_fields: [display],
    custom_view: defaultView ? presentView(defaultView) : null,
    business_card_field_limit: 5,
    business_card_fields: [],
    layouts: [{ id: layoutId(spec.apiName), name: 'Standard' }],
  };
}

/**
 * The module's one layout, "Standard", as `GET /settings/layouts` answers it: one section
 * holding every field of `/settings/fields`, for every profile.
 */
export function presentLayout(spec: ModuleSpec, fields: readonly FieldSpec[]) {
  const index = moduleNames.indexOf(spec.apiName);
  const { singular } = labelsOf(spec.apiName);
  const nobody = null;
  return {
    id: layoutId(spec.apiName),
    name: 'Standard',
    api_name: 'Standard',
    display_label: 'Standard',
    display_type: -1,
    source: 'crm',
    mode: 'default',
    status: 'active',
    visible: true,
    generated_type: 'default',
    has_more_profiles: false,
    show_business_card: false,
    created_time: null,
    modified_time: null,
    created_by: nobody,
    modified_by: nobody,
    created_for: nobody,
    convert_mapping: {},
    subform_properties: { pinned_column: false },
    profiles: profiles.map((p) => ({
      name: p.name,
      id: p.id,
      default: true,
      _default_view: { id: layoutId(spec.apiName), name: 'Standard', type: 'layout' },
    })),
    sections: [
      {
        id: metaId(65000 + index),
        api_name: `${singular.replace(/ /g, '_')}_Information`,
        name: `${singular} Information`,
        display_label: `${singular} Information`,
        sequence_number: 1,
        column_count: 2,
        tab_traversal: 'left_to_right',
        isSubformSection: false,
        generated_type: 'default',
        type: 'used',
        properties: null,
        fields: fields.map((field, i) => presentField(spec, field, i, index)),
      },
    ],
    actions_allowed: {
      edit: true,
      rename: false,
      clone: true,
      downgrade: false,
      delete: false,
      deactivate: false,
      set_layout_permissions: true,
    },
  };
}
