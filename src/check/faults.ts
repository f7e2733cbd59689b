import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'check');

/** Something the check could not read from the org, and what to do about it. */
export type CheckFault = {
  /** What was being read: "permission set assignments", "Security settings", ... */
  step: string;
  /** Salesforce's error code (INSUFFICIENT_ACCESS, INVALID_TYPE, ...), or the error's name. */
  errorCode: string;
  message: string;
  action: string;
};

/** The API's error code: jsforce names its errors after `errorCode` (REST) or `faultcode` (SOAP, with an `sf:` prefix). */
const errorCodeOf = (error: unknown): string => {
  const e = error as { errorCode?: unknown; name?: unknown };
  const code = typeof e.errorCode === 'string' ? e.errorCode : typeof e.name === 'string' ? e.name : 'UnknownError';
  return code.replace(/^sf:/, '');
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Error codes whose cause and fix are the same: the key of their message in messages/check.md. */
const KNOWN: ReadonlyArray<[RegExp, string]> = [
  [/^(INVALID_SESSION_ID|INVALID_AUTH_HEADER|invalid_grant|RefreshTokenAuthError|expired access\/refresh token)$/i, 'expiredAuth'],
  [/^(INSUFFICIENT_ACCESS|INSUFFICIENT_ACCESS_OR_READONLY|INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY)$/, 'insufficientAccess'],
  [/^INVALID_TYPE$/, 'invalidType'],
  [/^(API_DISABLED_FOR_ORG|API_CURRENTLY_DISABLED|FUNCTIONALITY_NOT_ENABLED)$/, 'apiDisabled'],
  [/^REQUEST_LIMIT_EXCEEDED$/, 'requestLimit'],
  [/^INVALID_FIELD$/, 'invalidField'],
];

/**
 * What went wrong reading `step`, in words that say what to do. `special` gives a step its own message key for an
 * error code whose cause differs there (INVALID_TYPE of a metadata type is the edition, not View Setup).
 */
export const toFault = (step: string, error: unknown, special: Readonly<Record<string, string>> = {}): CheckFault => {
  const errorCode = errorCodeOf(error);
  const key = special[errorCode] ?? KNOWN.find(([pattern]) => pattern.test(errorCode))?.[1] ?? 'other';
  return {
    step,
    errorCode,
    message: messages.getMessage(`fault.${key}`, [step, messageOf(error)]),
    action: messages.getMessage(`fault.${key}.action`),
  };
};

/** Faults after which nothing else can be read: stop, and say so, rather than report every step as failed. */
export const isFatal = (fault: CheckFault): boolean => KNOWN[0][0].test(fault.errorCode);

/** A fault as the command's error, for the faults that stop the check before anything could be checked. */
export const faultError = (fault: CheckFault): SfError =>
  new SfError(fault.message, fault.errorCode === 'UnknownError' ? 'CheckFailed' : fault.errorCode, [fault.action]);
