import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Messages } from '@salesforce/core';
import { checkObjectName } from '../resolve/objects.js';
import { nameJudge } from '../resolve/names.js';
import type { DocumentPath, Problem } from './file-document.js';
import { pointerToPath } from './file-document.js';
import { BUILT_IN_PROFILES } from './index.js';
import { bundledCatalog, createCatalog, describePermission } from '../resolve/catalog.js';
import { codePointName, firstNonXmlChar } from '../metadata/xml-chars.js';
import { defaultDescription } from './from-file.js';
import { validate as validateProfileFile } from './file-validator.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'profile-file');

/** The JSON Schema of a profile file, shipped in the package for editors and used here to validate. */
export const PROFILE_FILE_SCHEMA = fileURLToPath(new URL('../../schemas/vendor-profile-file.json', import.meta.url));

/** Compiled by `npm run schemas` from PROFILE_FILE_SCHEMA (scripts/schemas.ts says with which options; a test keeps the two in step). */
const validator = validateProfileFile as unknown as ValidateFunction;
const validate = (data: unknown): ErrorObject[] => (validator(data) ? [] : [...(validator.errors ?? [])]);

/** A problem at `path`; `key` names a key of the mapping there, for problems about a key rather than a value. */
export type Finding = Omit<Problem, 'line' | 'column'> & {
  key?: string;
  /** A required key that is missing, or the allowed key an unknown one is closest to. */
  missing?: string;
  guess?: string;
};

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`);
const expected = (type: string): string => type.split(',').map((t) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : t)).join(' or ');
const keysOf = (schema: unknown): string[] => Object.keys((schema as { properties?: object }).properties ?? {});
const requiredOf = (schema: unknown): string[] => (schema as { required?: string[] }).required ?? [];

/** One finding per schema error, in the file's words. */
const schemaFinding = (error: ErrorObject): Finding => {
  const path = pointerToPath(error.instancePath);
  const last = path[path.length - 1];
  const value = String(error.data);
  switch (error.keyword) {
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return { path, missing: key, message: messages.getMessage('problem.Required', [key, requiredOf(error.parentSchema).join(', ')]) };
    }
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = keysOf(error.parentSchema);
      // The permission catalog's matching (case, separators, near misses) serves keys as well as permission names.
      const [guess] = createCatalog(allowed.map((name) => ({ name, label: name }))).suggest(key, 1);
      return {
        path,
        key,
        ...(guess ? { guess } : {}),
        message: guess
          ? messages.getMessage('problem.UnknownKey', [key, guess, allowed.join(', ')])
          : messages.getMessage('problem.UnknownKeyNoSuggestion', [key, allowed.join(', ')]),
      };
    }
    case 'type':
      return { path, message: messages.getMessage('problem.Type', [expected(String((error.params as { type: string }).type)), typeOf(error.data)]) };
    case 'enum':
      return { path, message: messages.getMessage('problem.Enum', [value, (error.params as { allowedValues: string[] }).allowedValues.join(', ')]) };
    case 'minLength':
      return { path, message: messages.getMessage('problem.EmptyText') };
    case 'minItems':
      return { path, message: messages.getMessage('problem.EmptyList') };
    case 'maxLength':
      return { path, message: messages.getMessage('problem.TooLong', [value.length, (error.params as { limit: number }).limit]) };
    case 'minimum':
      return { path, message: messages.getMessage('problem.LineNumber', [value]) };
    case 'uniqueItems': {
      const { j } = error.params as { i: number; j: number };
      return { path: [...path, j], message: messages.getMessage('problem.DuplicateItem', [String((error.data as unknown[])[j])]) };
    }
    case 'pattern':
      if (last === 'name' && path[path.length - 2] === 'permissionSet') return { path, message: messages.getMessage('problem.PermissionSetName', [value]) };
      if (last === 'field') return { path, message: messages.getMessage('problem.FieldName', [value]) };
      return { path, message: messages.getMessage('problem.VendorId', [value]) };
    default:
      return { path, message: messages.getMessage('problem.Schema', [error.message ?? error.keyword]) };
  }
};

/** Where a key is misspelled, "missing the key" it stands for says the same thing again: keep the misspelling. */
const withoutEchoes = (findings: Finding[]): Finding[] => {
  const at = (f: Finding): string => JSON.stringify(f.path);
  return findings.filter((f) => !f.missing || !findings.some((other) => other.guess === f.missing && at(other) === at(f)));
};

type Item = Record<string, unknown>;
const list = (value: unknown): Item[] => (Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'object' && v !== null ? (v as Item) : {})) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** A PermissionSet's Description holds 255 characters (PermissionSet object reference), counted as the schema counts. */
const DESCRIPTION_MAX = 255;

/**
 * Every text in the file that XML 1.0 can't carry: any of them may end up in a metadata file, or on a terminal.
 * One path is kept up to date on the way down and copied only for a finding: a large file has a value per field.
 */
const nonXmlFindings = (data: unknown): Finding[] => {
  const findings: Finding[] = [];
  const path: DocumentPath = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const bad = firstNonXmlChar(value);
      if (bad) findings.push({ path: [...path], message: messages.getMessage('problem.NotXmlChar', [codePointName(bad.code), bad.index + 1]) });
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      walk((value as Item)[key]);
      path.pop();
    }
  };
  walk(data);
  return findings;
};

/** What the schema cannot say: names that must exist, ids that must be unique or not taken, patterns that must compile. */
const meaningFindings = (data: Item, options: CheckOptions): Finding[] => {
  const findings: Finding[] = nonXmlFindings(data);
  const permissionSet = typeof data.permissionSet === 'object' && data.permissionSet !== null ? (data.permissionSet as Item) : {};
  const name = text(data.name);
  if (name && options.fileName && permissionSet.description === undefined) {
    const length = defaultDescription(name, options.fileName).length;
    if (length > DESCRIPTION_MAX) findings.push({ path: ['name'], message: messages.getMessage('problem.DefaultDescriptionTooLong', [length, DESCRIPTION_MAX]) });
  }
  const vendor = text(data.vendor);
  const builtIn = BUILT_IN_PROFILES.find((p) => p.id === vendor);
  if (vendor && builtIn) findings.push({ path: ['vendor'], message: messages.getMessage('problem.BuiltInVendor', [vendor, builtIn.vendor, vendor]) });

  const scopes: Array<{ prefix: DocumentPath; items: Item }> = [
    { prefix: [], items: data },
    ...list(data.variants).map((variant, i) => ({ prefix: ['variants', i], items: variant })),
  ];
  const judge = nameJudge();
  for (const { prefix, items } of scopes) {
    list(items.userPermissions).forEach((item, i) => {
      const name = text(item.name);
      if (!name || bundledCatalog().has(name) || options.orgDecidesPermissions) return;
      const guesses = bundledCatalog().suggest(name);
      findings.push({
        path: [...prefix, 'userPermissions', i, 'name'],
        message: guesses.length
          ? messages.getMessage('problem.UnknownPermission', [name, guesses.map((g) => describePermission(g)).join(', ')])
          : messages.getMessage('problem.UnknownPermissionNoSuggestion', [name]),
        actions: messages.getMessages('problem.UnknownPermission.actions'),
      });
    });
    list(items.objectPermissions).forEach((item, i) => {
      const object = text(item.object);
      if (!object) return;
      try {
        checkObjectName(object);
      } catch (error) {
        findings.push({ path: [...prefix, 'objectPermissions', i, 'object'], message: messages.getMessage('problem.Object', [(error as Error).message]) });
        return;
      }
      const verdict = options.orgDecidesPermissions ? undefined : judge.object(object);
      if (verdict && !verdict.ok) findings.push({ path: [...prefix, 'objectPermissions', i, 'object'], message: verdict.problem });
    });
    list(items.fieldPermissions).forEach((item, i) => {
      const field = text(item.field);
      const verdict = field && field.includes('.') && !options.orgDecidesPermissions ? judge.field(field) : undefined;
      if (verdict && !verdict.ok) findings.push({ path: [...prefix, 'fieldPermissions', i, 'field'], message: verdict.problem });
    });
  }

  const uniqueIds = (path: DocumentPath, items: Item[]): string[] => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const id = text(item.id);
      if (id && seen.has(id)) findings.push({ path: [...path, i, 'id'], message: messages.getMessage('problem.DuplicateId', [id]) });
      if (id) seen.add(id);
    });
    return [...seen];
  };
  const variants = uniqueIds(['variants'], list(data.variants));
  const defaultVariant = text(data.defaultVariant);
  if (defaultVariant && !variants.includes(defaultVariant)) {
    findings.push({ path: ['defaultVariant'], message: messages.getMessage('problem.UnknownVariant', [defaultVariant, variants.join(', ') || '(none)']) });
  }
  const chosen = typeof data.chosenObjects === 'object' && data.chosenObjects !== null ? (data.chosenObjects as Item) : {};
  const tasks = uniqueIds(['chosenObjects', 'tasks'], list(chosen.tasks));
  const defaultTask = text(chosen.defaultTask);
  if (defaultTask && !tasks.includes(defaultTask)) {
    findings.push({ path: ['chosenObjects', 'defaultTask'], message: messages.getMessage('problem.UnknownTask', [defaultTask, tasks.join(', ') || '(none)']) });
  }
  list(chosen.unsupported).forEach((rule, i) => {
    const pattern = text(rule.pattern);
    if (!pattern) return;
    try {
      new RegExp(pattern, 'i');
    } catch (error) {
      findings.push({ path: ['chosenObjects', 'unsupported', i, 'pattern'], message: messages.getMessage('problem.BadPattern', [pattern, (error as Error).message]) });
    }
  });
  return findings;
};

export type CheckOptions = {
  /**
   * An org is at hand (`--target-org`): its PermissionSet describe, not the bundled catalog, decides which
   * permission names exist, and object names are left for the plan to check against what the org gives.
   */
  orgDecidesPermissions?: boolean;
  /** The file's name, which the default permission set description holds. */
  fileName?: string;
};

/** Everything wrong with a parsed profile file; none means it is a `VendorProfileFile`. */
export const checkProfileFile = (data: unknown, options: CheckOptions = {}): Finding[] => {
  if (data === null || data === undefined) return [{ path: [], message: messages.getMessage('problem.EmptyDocument') }];
  const findings = withoutEchoes(validate(data).map(schemaFinding));
  return typeof data === 'object' && !Array.isArray(data) ? [...findings, ...meaningFindings(data as Item, options)] : findings;
};
