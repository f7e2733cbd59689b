import { compareKeys } from '../metadata/order.js';

/** The org shape format this plugin writes and reads; a file of another version is refused, never guessed at. */
export const ORG_SHAPE_FORMAT_VERSION = 1;

/**
 * A row of the org's Tooling PermissionDependency object: enabling `permission` requires `requiredPermission`.
 * The types are the row's PermissionType and RequiredPermissionType; where absent, "User Permission".
 */
export type OrgShapeDependency = {
  /** A user permission's Metadata API name (ModifyAllData), or an object permission as the org names it (Account<read>). */
  permission: string;
  requiredPermission: string;
  /** "User Permission" where absent; "Object Permission" for rows such as Account<edit> → Account<read>. */
  permissionType?: string;
  requiredPermissionType?: string;
};

/** Where and when a shape was read: no secrets, no record data. */
export type OrgShapeSource = {
  /** The org's 18-character Id. */
  orgId: string;
  /** The instance URL the read went to. */
  instanceUrl: string;
  /** The API version of the reads. */
  apiVersion: string;
  /** ISO 8601 time the reads finished. */
  retrievedAt: string;
};

/**
 * What closure and validation need from one org, read once (`sf integration-user retrieve org-shape`) and
 * committed, so `--org-shape` closes and checks offline exactly as `--target-org` would. The hand-written
 * form needs only `userPermissions`, `permissionDependencies` and `objects`.
 */
export type OrgShapeFile = {
  /** This file's format; absent means the current one. */
  formatVersion?: number;
  retrievedFrom?: OrgShapeSource;
  /** Every user permission the org's PermissionSet describe has (its `Permissions*` fields, without the prefix). */
  userPermissions: string[];
  /** The DeveloperName of each permission set license the org has (PermissionSetLicense). */
  permissionSetLicenses?: string[];
  /** Every object of the org's global describe. */
  objects: string[];
  /** Every PermissionDependency row closure can use (user and object permissions). */
  permissionDependencies: OrgShapeDependency[];
};

/** A shape as the plugin works with it: types filled in, and which file it came from. */
export type OrgShape = {
  retrievedFrom?: OrgShapeSource;
  userPermissions: string[];
  permissionSetLicenses: string[];
  objects: string[];
  permissionDependencies: Array<Required<OrgShapeDependency>>;
  /** The file, as the user named it. */
  file: string;
};

export const USER_PERMISSION = 'User Permission';

const sorted = (names: readonly string[]): string[] => [...new Set(names)].sort(compareKeys);

const rowKey = (row: Required<OrgShapeDependency>): string =>
  `${row.permissionType}\u0000${row.permission}\u0000${row.requiredPermissionType}\u0000${row.requiredPermission}`;

/**
 * The file text: keys in a fixed order, lists sorted and without repeats, user-permission rows without their
 * default types, two-space indent and a final newline, so a second retrieve of an unchanged org differs only
 * in `retrievedAt`, and a change shows as the lines it adds or removes.
 */
export const serializeOrgShape = (shape: Omit<OrgShape, 'file'>): string => {
  const rows = new Map<string, Required<OrgShapeDependency>>();
  for (const row of shape.permissionDependencies) rows.set(rowKey(row), row);
  const dependencies = [...rows.keys()].sort(compareKeys).map((key) => {
    const row = rows.get(key)!;
    return {
      permission: row.permission,
      requiredPermission: row.requiredPermission,
      ...(row.permissionType === USER_PERMISSION ? {} : { permissionType: row.permissionType }),
      ...(row.requiredPermissionType === USER_PERMISSION ? {} : { requiredPermissionType: row.requiredPermissionType }),
    };
  });
  const file: OrgShapeFile = {
    formatVersion: ORG_SHAPE_FORMAT_VERSION,
    ...(shape.retrievedFrom
      ? {
          retrievedFrom: {
            orgId: shape.retrievedFrom.orgId,
            instanceUrl: shape.retrievedFrom.instanceUrl,
            apiVersion: shape.retrievedFrom.apiVersion,
            retrievedAt: shape.retrievedFrom.retrievedAt,
          },
        }
      : {}),
    userPermissions: sorted(shape.userPermissions),
    permissionSetLicenses: sorted(shape.permissionSetLicenses),
    objects: sorted(shape.objects),
    permissionDependencies: dependencies,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
};
