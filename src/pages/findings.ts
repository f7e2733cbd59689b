import type { ObjectAccess, Tier } from '../profiles/types.js';

/** The kinds of thing a vendor's page asks for, as the draft and its review name them. */
export type FindingKind =
  | 'userPermission'
  | 'objectPermission'
  | 'fieldPermission'
  | 'userField'
  | 'license'
  | 'profile'
  | 'permissionSet'
  | 'orgSetting'
  | 'apexClass';

/** Where on the page: its line, and the words found there. */
export type PageSource = { line: number; quote: string };

/** One thing the page asks for, as read from it. */
export type Finding = PageSource & {
  kind: FindingKind;
  /** API name where it is known (`ApiEnabled`, `Account`, `Lead.OwnerId`); otherwise the page's words. */
  name: string;
  /** The page's own label, where it names the item in words. */
  label?: string;
  /** Object permissions: the access the page states; absent when it gives no level ("full access"). */
  access?: ObjectAccess[];
  /** Field permissions: edit access rather than read. */
  editable?: boolean;
  tier: Tier;
  condition?: string;
  /** The page's words for why. */
  reason: string;
  /** How the name was read: an earlier label, a label run together, a permission another one turns on. */
  note?: string;
  /** A license the page says not to use. */
  off?: boolean;
  /** A permission set the page asks to create (rather than assign as it is). */
  create?: boolean;
  /** A field the page says comes without configuration: a note in the draft (`inheritedFields`), not a grant. */
  inherited?: boolean;
  /** Why this can't be a valid item of a profile file: it goes to the review list, never into the draft. */
  review?: string;
};
