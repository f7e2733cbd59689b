import type { Connection } from '@salesforce/core';

/**
 * The org's Security settings, read with the Metadata API's readMetadata call (type SecuritySettings,
 * full name "Security"; Metadata API Developer Guide, "readMetadata()" and "SecuritySettings"). Read-only:
 * nothing is retrieved to disk and nothing is deployed. Only the boolean fields are kept; jsforce turns
 * the SOAP response's "true"/"false" into booleans for the types it has a schema for.
 */
export const readSecuritySettings = async (connection: Connection): Promise<Record<string, boolean>> => {
  const settings = (await connection.metadata.read('SecuritySettings', 'Security')) as unknown as Record<string, unknown> | undefined;
  const values: Record<string, boolean> = {};
  for (const [field, value] of Object.entries(settings ?? {})) {
    if (typeof value === 'boolean') values[field] = value;
    else if (value === 'true' || value === 'false') values[field] = value === 'true';
  }
  return values;
};
