import type { PermissionSet } from '@salesforce/types/metadata';
import { PERMISSION_SET } from '../metadata/schemas.js';
import type { PlannedPermissionSet } from '../resolve/model.js';
import type { PermissionSetText } from '../read/permission-set.js';
import type { MetadataRecord } from './xml.js';
import { renderSourceXml } from './xml.js';

/** A PermissionSet source file's content: the Metadata API type, with every list optional as in a file. */
export type PermissionSetSource = Partial<Omit<PermissionSet, 'fullName' | 'enrichments'>> & { label: string };

/** `viewAllFields` joined objectPermissions in API 63.0; a retrieve at 63.0 or later writes it, false where not granted. */
const VIEW_ALL_FIELDS_SINCE = 63;

/** The permission set a plan describes, as a retrieve at `apiVersion` would write it. */
export const toPermissionSetSource = (planned: PlannedPermissionSet, apiVersion: string): PermissionSetSource => {
  const withViewAllFields = Number.parseFloat(apiVersion) >= VIEW_ALL_FIELDS_SINCE;
  return {
    description: planned.description,
    // A retrieve always writes it; writing it too keeps a retrieve after deploy free of diffs.
    hasActivationRequired: false,
    label: planned.label,
    ...(planned.license ? { license: planned.license } : {}),
    fieldPermissions: planned.fieldPermissions.map((f) => ({ editable: f.editable, field: f.field, readable: f.readable })),
    objectPermissions: planned.objectPermissions.map((o) => ({
      ...o.access,
      object: o.object,
      ...(withViewAllFields ? { viewAllFields: false } : {}),
    })),
    userPermissions: planned.userPermissions.map((p) => ({ enabled: true, name: p.name })),
  };
};

/** The canonical writer for permission sets, generated or read from a file. */
export const renderPermissionSet = (source: PermissionSetSource | PermissionSetText): string => {
  const fields: MetadataRecord = source;
  // An empty list writes no element, as a retrieve shows it.
  const record: MetadataRecord = {};
  for (const [name, value] of Object.entries(fields)) if (!(Array.isArray(value) && value.length === 0)) record[name] = value;
  return renderSourceXml(PERMISSION_SET, record);
};
