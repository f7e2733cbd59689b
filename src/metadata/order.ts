/** Plain code-unit order, as Salesforce sorts metadata entries: `MSRP__c` before `Material__c`, not locale order. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Whether items are already in `compareKeys` order of their keys (`strict`: and no key twice): one pass, which
 * spares a sort where lists nearly always arrive sorted.
 */
export const isInKeyOrder = <T>(items: readonly T[], key: (item: T) => string, strict = false): boolean => {
  for (let i = 1; i < items.length; i++) {
    const order = compareKeys(key(items[i - 1]), key(items[i]));
    if (order > 0 || (strict && order === 0)) return false;
  }
  return true;
};
