import type { Connection } from '@salesforce/core';
import type { ObjectAccess } from '../profiles/types.js';
import { queryAll, queryAllIn, soqlString } from './query.js';

/**
 * Read-only SOQL over the objects that say what a user can do (Object Reference for the Salesforce
 * Platform: User, Profile, UserLicense, PermissionSetAssignment, PermissionSetLicenseAssign,
 * PermissionSet, ObjectPermissions, FieldPermissions). Each function is one query (chunked for long
 * IN lists) and returns the rows as plain typed values; what they mean for a vendor is src/check's job.
 */

export type OrgUser = {
  id: string;
  username: string;
  name: string;
  isActive: boolean;
  profileId: string;
  profileName?: string;
  userLicense?: string;
  /** The User fields asked for, as the org returned them. */
  fields: Record<string, unknown>;
};

type UserRow = {
  Id: string;
  Username: string;
  Name: string;
  IsActive: boolean;
  ProfileId: string;
  Profile?: { Name?: string; UserLicense?: { Name?: string } | null } | null;
} & Record<string, unknown>;

/** The user with `username`, with the User fields named (e.g. UserPermissionsMarketingUser); undefined where there is none. */
export const findUser = async (connection: Connection, username: string, userFields: readonly string[]): Promise<OrgUser | undefined> => {
  const fields = ['Id', 'Username', 'Name', 'IsActive', 'ProfileId', 'Profile.Name', 'Profile.UserLicense.Name', ...userFields];
  const [row] = await queryAll<UserRow>(connection, `SELECT ${fields.join(', ')} FROM User WHERE Username = ${soqlString(username)}`);
  if (!row) return undefined;
  return {
    id: row.Id,
    username: row.Username,
    name: row.Name,
    isActive: row.IsActive,
    profileId: row.ProfileId,
    ...(row.Profile?.Name ? { profileName: row.Profile.Name } : {}),
    ...(row.Profile?.UserLicense?.Name ? { userLicense: row.Profile.UserLicense.Name } : {}),
    fields: Object.fromEntries(userFields.map((f) => [f, row[f]])),
  };
};

/** A permission set that applies to the user: assigned, through a permission set group, or owned by the user's profile. */
export type UserPermissionSet = {
  id: string;
  name: string;
  label: string;
  ownedByProfile: boolean;
  /** The profile's name, for the permission set a profile owns. */
  profileName?: string;
  /** The group's developer name, for a group's aggregate permission set. */
  group?: string;
};

type AssignmentRow = {
  PermissionSetId: string;
  PermissionSetGroupId?: string | null;
  PermissionSetGroup?: { DeveloperName?: string } | null;
  PermissionSet: { Name: string; Label: string; IsOwnedByProfile: boolean; Profile?: { Name?: string } | null };
};

/**
 * Every PermissionSetAssignment of the user. The profile's own permission set has one too
 * (`PermissionSet.IsOwnedByProfile`), so this is everything the user's access is the union of.
 */
export const permissionSetAssignments = async (connection: Connection, userId: string): Promise<UserPermissionSet[]> => {
  const rows = await queryAll<AssignmentRow>(
    connection,
    'SELECT PermissionSetId, PermissionSetGroupId, PermissionSetGroup.DeveloperName, PermissionSet.Name, PermissionSet.Label, ' +
      `PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(userId)}`
  );
  return rows.map((row) => ({
    id: row.PermissionSetId,
    name: row.PermissionSet.Name,
    label: row.PermissionSet.Label,
    ownedByProfile: row.PermissionSet.IsOwnedByProfile,
    ...(row.PermissionSet.Profile?.Name ? { profileName: row.PermissionSet.Profile.Name } : {}),
    ...(row.PermissionSetGroup?.DeveloperName ? { group: row.PermissionSetGroup.DeveloperName } : {}),
  }));
};

export type UserPermissionSetLicense = { id: string; developerName: string; label: string };

type LicenseAssignmentRow = { PermissionSetLicenseId: string; PermissionSetLicense: { DeveloperName: string; MasterLabel: string } };

export const permissionSetLicenseAssignments = async (connection: Connection, userId: string): Promise<UserPermissionSetLicense[]> => {
  const rows = await queryAll<LicenseAssignmentRow>(
    connection,
    'SELECT PermissionSetLicenseId, PermissionSetLicense.DeveloperName, PermissionSetLicense.MasterLabel ' +
      `FROM PermissionSetLicenseAssign WHERE AssigneeId = ${soqlString(userId)}`
  );
  return rows.map((row) => ({
    id: row.PermissionSetLicenseId,
    developerName: row.PermissionSetLicense.DeveloperName,
    label: row.PermissionSetLicense.MasterLabel,
  }));
};

/** For each permission set, the user permissions named (without the `Permissions` prefix) that it enables. */
export const enabledUserPermissions = async (
  connection: Connection,
  permissionSetIds: readonly string[],
  permissions: readonly string[]
): Promise<Map<string, Set<string>>> => {
  const enabled = new Map<string, Set<string>>(permissionSetIds.map((id) => [id, new Set<string>()]));
  if (permissions.length === 0 || permissionSetIds.length === 0) return enabled;
  const select = ['Id', ...permissions.map((p) => `Permissions${p}`)].join(', ');
  const rows = await queryAllIn<{ Id: string } & Record<string, unknown>>(connection, permissionSetIds, (ids) => `SELECT ${select} FROM PermissionSet WHERE Id IN ${ids}`);
  for (const row of rows) {
    const set = enabled.get(row.Id) ?? new Set<string>();
    for (const p of permissions) if (row[`Permissions${p}`] === true) set.add(p);
    enabled.set(row.Id, set);
  }
  return enabled;
};

export type ObjectPermissionRow = { parentId: string; object: string; access: Record<ObjectAccess, boolean>; viewAllFields: boolean };

type ObjectPermissionsRow = {
  ParentId: string;
  SobjectType: string;
  PermissionsRead: boolean;
  PermissionsCreate: boolean;
  PermissionsEdit: boolean;
  PermissionsDelete: boolean;
  PermissionsViewAllRecords: boolean;
  PermissionsModifyAllRecords: boolean;
  PermissionsViewAllFields?: boolean;
};

/** ObjectPermissions gained PermissionsViewAllFields ("View All Fields") in API 63.0. */
const VIEW_ALL_FIELDS_SINCE = 63;

/** ObjectPermissions rows of the permission sets on the objects named. */
export const objectPermissions = async (
  connection: Connection,
  permissionSetIds: readonly string[],
  objects: readonly string[]
): Promise<ObjectPermissionRow[]> => {
  if (permissionSetIds.length === 0 || objects.length === 0) return [];
  const withViewAllFields = Number.parseFloat(connection.getApiVersion()) >= VIEW_ALL_FIELDS_SINCE;
  const select =
    'ParentId, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete, PermissionsViewAllRecords, PermissionsModifyAllRecords' +
    (withViewAllFields ? ', PermissionsViewAllFields' : '');
  const ids = [...permissionSetIds];
  const rows = await queryAllIn<ObjectPermissionsRow>(connection, objects, (list) => `SELECT ${select} FROM ObjectPermissions WHERE ParentId IN (${ids.map(soqlString).join(', ')}) AND SobjectType IN ${list}`);
  return rows.map((row) => ({
    parentId: row.ParentId,
    object: row.SobjectType,
    access: {
      allowCreate: row.PermissionsCreate,
      allowDelete: row.PermissionsDelete,
      allowEdit: row.PermissionsEdit,
      allowRead: row.PermissionsRead,
      modifyAllRecords: row.PermissionsModifyAllRecords,
      viewAllRecords: row.PermissionsViewAllRecords,
    },
    viewAllFields: row.PermissionsViewAllFields === true,
  }));
};

export type FieldPermissionRow = { parentId: string; object: string; field: string; readable: boolean; editable: boolean };

type FieldPermissionsRow = { ParentId: string; SobjectType: string; Field: string; PermissionsRead: boolean; PermissionsEdit: boolean };

/** FieldPermissions rows of the permission sets on the objects named; `field` is `Object.Field`, as the org writes it. */
export const fieldPermissions = async (
  connection: Connection,
  permissionSetIds: readonly string[],
  objects: readonly string[]
): Promise<FieldPermissionRow[]> => {
  if (permissionSetIds.length === 0 || objects.length === 0) return [];
  const ids = [...permissionSetIds];
  const rows = await queryAllIn<FieldPermissionsRow>(
    connection,
    objects,
    (list) => `SELECT ParentId, SobjectType, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId IN (${ids.map(soqlString).join(', ')}) AND SobjectType IN ${list}`
  );
  return rows.map((row) => ({ parentId: row.ParentId, object: row.SobjectType, field: row.Field, readable: row.PermissionsRead, editable: row.PermissionsEdit }));
};

