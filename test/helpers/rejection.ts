import type { SfError } from '@salesforce/core';

/** The error a promise rejects with; fails the test when it resolves. */
export const rejection = async (promise: Promise<unknown>): Promise<SfError> => {
  try {
    await promise;
  } catch (error) {
    return error as SfError;
  }
  throw new Error('expected a rejection');
};
