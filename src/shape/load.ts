import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { SfError } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { DocumentPath, Position, ProfileDocument } from '../profiles/file-document.js';
import { parseProfileDocument, pointerToPath } from '../profiles/file-document.js';
import { readJsonDocument } from '../profiles/json-document.js';
import { AUDIT_FIELDS_PREFERENCE } from '../profiles/org-preferences.js';
import type { OrgShape, OrgShapeFile } from './format.js';
import { ORG_SHAPE_FORMAT_VERSION, USER_PERMISSION } from './format.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'org-shape');

/** The JSON Schema of an org shape file (generated from OrgShapeFile), shipped for editors and used here to validate. */
export const ORG_SHAPE_SCHEMA = fileURLToPath(new URL('../../schemas/org-shape.json', import.meta.url));

let validator: ValidateFunction | undefined;
const validate = (data: unknown): ErrorObject[] => {
  validator ??= new Ajv({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(ORG_SHAPE_SCHEMA, 'utf8')) as object);
  return validator(data) ? [] : [...(validator.errors ?? [])];
};

type ShapeProblem = { path: DocumentPath; key?: string; message: string; at?: Position };

const keyPath = (path: DocumentPath, key?: string): string =>
  [...path, ...(key === undefined ? [] : [key])].map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') ||
  messages.getMessage('location.top');

const schemaProblem = (error: ErrorObject): ShapeProblem => {
  const path = pointerToPath(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return { path, key: (error.params as { missingProperty: string }).missingProperty, message: messages.getMessage('problem.Required') };
    case 'additionalProperties':
      return { path, key: (error.params as { additionalProperty: string }).additionalProperty, message: messages.getMessage('problem.UnknownKey') };
    default:
      return { path, message: messages.getMessage('problem.Schema', [error.message ?? error.keyword]) };
  }
};

/** Rows that name a user permission the shape's own list lacks (the audit-fields pair exists once its preference is on). */
const dependencyProblems = (shape: OrgShapeFile): ShapeProblem[] => {
  const known = new Set([...shape.userPermissions, ...AUDIT_FIELDS_PREFERENCE.permissions.map((p) => p.name)]);
  const problems: ShapeProblem[] = [];
  shape.permissionDependencies.forEach((row, i) => {
    if ((row.permissionType ?? USER_PERMISSION) === USER_PERMISSION && !known.has(row.permission)) {
      problems.push({ path: ['permissionDependencies', i], key: 'permission', message: messages.getMessage('problem.UnlistedPermission', [row.permission]) });
    }
  });
  return problems;
};

const invalid = (file: string, document: ProfileDocument | undefined, problems: ShapeProblem[]): SfError => {
  const located = problems.map((p) => ({ ...p, at: p.at ?? document?.positionOf(p.path, p.key) }));
  located.sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.column ?? 0) - (b.at?.column ?? 0));
  const where = (at: Position | undefined): string => (at ? `:${at.line}:${at.column}` : '');
  const lines = located.map((p) => `  ${file}${where(p.at)} ${keyPath(p.path, p.key)}: ${p.message}`);
  const error = messages.createError('error.InvalidShape', [file, lines.join('\n')], [ORG_SHAPE_SCHEMA]);
  error.setData({ file, problems: located.map((p) => ({ key: keyPath(p.path, p.key), line: p.at?.line, column: p.at?.column, message: p.message })) });
  return error;
};

/**
 * Read an org shape file (`--org-shape`): JSON, the current format, every required key, and no dependency
 * row whose permission the shape's own user permissions lack. Every problem is named with its key and line;
 * nothing downstream runs on a shape that has one.
 */
export const loadOrgShape = (file: string, cwd = process.cwd()): OrgShape => {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw messages.createError('error.UnreadableShape', [file, (error as NodeJS.ErrnoException).code ?? (error as Error).message]);
  }
  const document =
    readJsonDocument(text) ??
    parseProfileDocument(text, 'json', {
      duplicateKey: (key) => messages.getMessage('problem.DuplicateKey', [key]),
      syntax: (detail) => messages.getMessage('problem.NotJson', [detail]),
      notJson: (detail) => messages.getMessage('problem.NotJson', [detail]),
    });
  if (document.problems.length > 0) {
    const at = (p: (typeof document.problems)[number]): Position | undefined => (p.line ? { line: p.line, column: p.column ?? 1 } : undefined);
    throw invalid(file, document, document.problems.map((p) => ({ path: p.path, message: p.message, at: at(p) })));
  }
  const data = document.data as Partial<OrgShapeFile> | null;
  const version = data && typeof data === 'object' ? data.formatVersion : undefined;
  if (version !== undefined && version !== ORG_SHAPE_FORMAT_VERSION) {
    const which = typeof version === 'number' && version > ORG_SHAPE_FORMAT_VERSION ? 'problem.NewerFormat' : 'problem.OlderFormat';
    throw invalid(file, document, [{ path: [], key: 'formatVersion', message: messages.getMessage(which, [String(version), ORG_SHAPE_FORMAT_VERSION]) }]);
  }
  const schemaProblems = validate(data).map(schemaProblem);
  if (schemaProblems.length > 0) throw invalid(file, document, schemaProblems);
  const shape = data as OrgShapeFile;
  const rowProblems = dependencyProblems(shape);
  if (rowProblems.length > 0) throw invalid(file, document, rowProblems);
  return {
    file,
    ...(shape.retrievedFrom ? { retrievedFrom: shape.retrievedFrom } : {}),
    userPermissions: shape.userPermissions,
    permissionSetLicenses: shape.permissionSetLicenses ?? [],
    objects: shape.objects,
    permissionDependencies: shape.permissionDependencies.map((row) => ({
      permission: row.permission,
      requiredPermission: row.requiredPermission,
      permissionType: row.permissionType ?? USER_PERMISSION,
      requiredPermissionType: row.requiredPermissionType ?? USER_PERMISSION,
    })),
  };
};

/** Whether the text is an org shape file this plugin wrote or can read: a retrieve may replace it. */
export const isOrgShapeText = (text: string): boolean => {
  try {
    const data = JSON.parse(text) as unknown;
    return validate(data).length === 0;
  } catch {
    return false;
  }
};
