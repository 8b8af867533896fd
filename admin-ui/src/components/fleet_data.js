// Data helpers of the fleet pages: whole lists across pages, the departments as a tree, plate numbers as
// people write them, id tags per owner and values for date inputs.
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';

const PAGE_LIMIT = 1000; // the API's largest page
const MAX_ITEMS = 20000; // a safety stop; no institution's fleet comes near it

// Every item of a list endpoint (departments for the tree, vehicles and drivers for the selects).
export async function loadAll(path, query = {}) {
  const items = [];
  for (;;) {
    const page = await api.get(path, { ...query, limit: PAGE_LIMIT, offset: items.length });
    items.push(...page.items);
    if (!page.items.length || items.length >= (page.total ?? 0) || items.length >= MAX_ITEMS) return items;
  }
}

// Plates are stored without separators ("京AD12345") but written with a dot or a space ("京A·D12345").
// Only the separators are removed: anything else wrong is the server's to explain at the field.
export function normalisePlate(text) {
  return text ? text.replace(/[\s·•.．・-]/g, '') : text;
}

export function formatPlate(plate) {
  return plate && plate.length >= 7 ? `${plate.slice(0, 2)}·${plate.slice(2)}` : (plate ?? '');
}

export const VEHICLE_KINDS = ['BEV', 'PHEV', 'petrol', 'diesel'];
export const TAG_STATUSES = ['Accepted', 'Blocked', 'Expired', 'Invalid'];

// The departments of `institutionId` (all when null) in tree order, each with its depth and its path of
// names ("行政车队 › 机要车队").
export function departmentTree(departments, institutionId = null) {
  const inScope = departments.filter((d) => institutionId === null || d.institutionId === institutionId);
  const ids = new Set(inScope.map((d) => d.id));
  const children = new Map();
  for (const department of inScope) {
    const parent = ids.has(department.parentId) ? department.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(department);
  }
  const ordered = [];
  const visit = (parentId, depth, path) => {
    const list = (children.get(parentId) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const department of list) {
      const names = [...path, department.name];
      ordered.push({ ...department, depth, path: names.join(' › '), children: children.get(department.id) ?? [] });
      visit(department.id, depth + 1, names);
    }
  };
  visit(null, 0, []);
  return ordered;
}

// The ids of a department and everything below it (a department cannot move under one of these).
export function subtreeIds(departments, rootId) {
  const result = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const department of departments) {
      if (!result.has(department.id) && result.has(department.parentId)) {
        result.add(department.id);
        grew = true;
      }
    }
  }
  return result;
}

// Select options: departments of one institution, indented by depth, after "none".
export function departmentOptions(departments, institutionId, exclude = new Set()) {
  return [
    { value: '', label: t('fleet.department.none') },
    ...departmentTree(departments, institutionId)
      .filter((d) => !exclude.has(d.id))
      .map((d) => ({ value: d.id, label: `${'　'.repeat(d.depth)}${d.name}` })),
  ];
}

// The id tags of each of `rows` (vehicles or drivers): Map id -> tags. One request per row keeps it
// proportional to the page shown, not to the fleet.
export async function tagsByOwner(ownerField, rows) {
  const lists = await Promise.all(rows.map((row) => api.get('/id-tags', { [ownerField]: row.id, limit: 100 })));
  return new Map(rows.map((row, i) => [row.id, lists[i].items]));
}

