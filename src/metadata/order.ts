/** Plain code-unit order, as Salesforce sorts metadata entries: `MSRP__c` before `Material__c`, not locale order. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
