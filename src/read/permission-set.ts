import type { PermissionSet } from '@salesforce/types/metadata';
import { PERMISSION_SET } from '../metadata/schemas.js';
import type { MetadataRecord, XmlEntry } from '../render/xml.js';
import { readSourceXml } from './source-xml.js';

/** A type's fields as the file holds them: text, so nothing is coerced (`1`, `true ` and `TRUE` stay as written). */
type AsText<T> = { [K in keyof T]: NonNullable<T[K]> extends ReadonlyArray<infer E> ? Array<AsText<E> & XmlEntry> : string };

/**
 * A permission set source file as read: every element of the Metadata API 67.0 PermissionSet, as text,
 * plus the elements and fields a newer API version has (UnknownElements under their own names).
 */
export type PermissionSetText = Partial<AsText<Omit<PermissionSet, 'fullName' | 'enrichments'>>> & MetadataRecord;

export type PermissionSetDocument = { permissionSet: PermissionSetText; comments: number };

/** Read a `*.permissionset-meta.xml`; `path` names the file in errors. */
export const readPermissionSet = (xml: string, path: string): PermissionSetDocument => {
  const { record, comments } = readSourceXml(PERMISSION_SET, xml, path);
  return { permissionSet: record, comments };
};
