import type { IntegrationUserPlan } from '../resolve/model.js';
import { policyGrants } from '../resolve/user-access-policy.js';
import type { OrgPolicyFilter, OrgUserAccessPolicy } from '../org/user-access-policies.js';
import type { CheckFault } from './faults.js';
import type { Read } from './read.js';

/** A User Access Policy of the org that selects the user by Username, held against what the plan assigns. */
export type CheckPolicy = {
  fullName: string;
  label: string;
  /** As the org has it: Design, Testing, Migrate, Updating, Failed, Active, Completed. */
  status: string;
  /** Only an Active policy runs on its own, when a user is created or updated (its triggerType). */
  active: boolean;
  triggerType?: string;
  order?: number;
  /** yes: its filters select the user whatever else holds; if-other-filters: only where its other filters hold too. */
  selectsUser: 'yes' | 'if-other-filters';
  /** The other filters it needs, as `Type target` or `User.Field operation value`, where selectsUser is if-other-filters. */
  otherFilters: string[];
  /** What the plan assigns (permission set licenses, then permission sets, by API name) that the policy grants. */
  grants: string[];
  /** What the plan assigns that the policy doesn't grant. */
  lacks: string[];
  /** What the plan assigns that the policy revokes. */
  revokes: string[];
  /** An Active policy with a lower order that selects the user too: Salesforce applies only the lowest (Salesforce Help). */
  outrankedBy?: string;
};

/** User Access Policies that select the user, or why they couldn't be read; beside the items, never in the outcome. */
export type CheckPolicies = { read: true; inOrg: number; policies: CheckPolicy[] } | { read: false; fault: CheckFault };

type Truth = boolean | undefined;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const isUsername = (f: OrgPolicyFilter): boolean => same(f.type, 'User') && same(f.columnName ?? '', 'Username');

/** What one filter says of the user: known only for its Username; usernames are unique whatever their case. */
const filterTruth = (f: OrgPolicyFilter, username: string): Truth => {
  if (!isUsername(f)) return undefined;
  const values = (f.value ?? '').split(',').map((v) => v.trim());
  switch (f.operation) {
    case 'equals':
    case 'equalsIgnoreCase':
      return same(f.value ?? '', username);
    case 'in':
      return values.some((v) => same(v, username));
    case 'notEquals':
      return !same(f.value ?? '', username);
    default:
      return undefined;
  }
};

const and = (a: Truth, b: Truth): Truth => (a === false || b === false ? false : a === true && b === true ? true : undefined);
const or = (a: Truth, b: Truth): Truth => (a === true || b === true ? true : a === false && b === false ? false : undefined);
const not = (a: Truth): Truth => (a === undefined ? undefined : !a);

/**
 * A booleanFilter (`1 AND (2 OR NOT 3)`) in three-valued logic: what isn't known of the user stays unknown.
 * Without one, every filter must hold (Salesforce Help: users that meet all of the criteria filters).
 */
export const filterLogic = (booleanFilter: string | undefined, truth: (sortOrder: number) => Truth, sortOrders: number[]): Truth => {
  if (!booleanFilter?.trim()) return sortOrders.map(truth).reduce<Truth>(and, true);
  const tokens = booleanFilter.toUpperCase().match(/\d+|AND|OR|NOT|\(|\)|\S/g) ?? [];
  let at = 0;
  const factor = (): Truth => {
    const token = tokens[at++];
    if (token === 'NOT') return not(factor());
    if (token === '(') {
      const inner = expression();
      if (tokens[at++] !== ')') throw new Error(booleanFilter);
      return inner;
    }
    if (token === undefined || !/^\d+$/.test(token)) throw new Error(booleanFilter);
    return truth(Number(token));
  };
  const term = (): Truth => {
    let value = factor();
    while (tokens[at] === 'AND') {
      at++;
      value = and(value, factor());
    }
    return value;
  };
  const expression = (): Truth => {
    let value = term();
    while (tokens[at] === 'OR') {
      at++;
      value = or(value, term());
    }
    return value;
  };
  try {
    const value = expression();
    return at === tokens.length ? value : undefined;
  } catch {
    // Logic this reading can't follow: the org still can; say it depends.
    return undefined;
  }
};

const describeFilter = (f: OrgPolicyFilter): string =>
  f.columnName ? `${f.target}.${f.columnName} ${f.operation} ${f.value ?? ''}`.trim() : `${f.type} ${f.operation} ${f.target}`;

const byOrder = (a: CheckPolicy, b: CheckPolicy): number => (a.order ?? Infinity) - (b.order ?? Infinity) || a.fullName.localeCompare(b.fullName);

/**
 * The org's policies that name the user in a Username filter and whose filter logic can select it, against what
 * the plan assigns. A policy that selects users by profile, role or another field alone isn't matched: which
 * users it reaches is the org's to evaluate (Setup's Preview Users), not this check's.
 */
export const checkPolicies = (plan: IntegrationUserPlan, read: Read<OrgUserAccessPolicy[]>, username: string): CheckPolicies => {
  if (!read.ok) return { read: false, fault: read.fault };
  const wanted = policyGrants(plan);
  const selected: CheckPolicy[] = [];
  for (const policy of read.value) {
    const named = policy.filters.filter((f) => isUsername(f) && filterTruth(f, username) === true && f.operation !== 'notEquals');
    if (named.length === 0) continue;
    const truths = new Map(policy.filters.map((f) => [f.sortOrder, filterTruth(f, username)]));
    const selects = filterLogic(policy.booleanFilter, (n) => truths.get(n), [...truths.keys()]);
    if (selects === false) continue;
    const has = (action: string, type: string, target: string): boolean =>
      policy.actions.some((a) => same(a.action, action) && same(a.type, type) && same(a.target, target));
    selected.push({
      fullName: policy.fullName,
      label: policy.label,
      status: policy.status,
      active: policy.status === 'Active',
      ...(policy.triggerType ? { triggerType: policy.triggerType } : {}),
      ...(policy.order !== undefined ? { order: policy.order } : {}),
      selectsUser: selects === true ? 'yes' : 'if-other-filters',
      otherFilters: selects === true ? [] : policy.filters.filter((f) => !isUsername(f)).map(describeFilter),
      grants: wanted.filter((g) => has('Grant', g.type, g.target)).map((g) => g.target),
      lacks: wanted.filter((g) => !has('Grant', g.type, g.target)).map((g) => g.target),
      revokes: wanted.filter((g) => has('Revoke', g.type, g.target)).map((g) => g.target),
    });
  }
  // Active first in the order Salesforce weighs them; then the rest by name.
  const active = selected.filter((p) => p.active).sort(byOrder);
  const applied = active.find((p) => p.selectsUser === 'yes');
  const policies = [
    ...active.map((p) => (applied && p !== applied && byOrder(applied, p) < 0 ? { ...p, outrankedBy: applied.fullName } : p)),
    ...selected.filter((p) => !p.active).sort((a, b) => a.fullName.localeCompare(b.fullName)),
  ];
  return { read: true, inOrg: read.value.length, policies };
};
