import { SfCommand } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import { BUILT_IN_PROFILES } from '../../../profiles/index.js';
import { variantName } from '../../../display/variant.js';
import { printTable } from '../../../display/table.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.list.vendors');

export type VendorSummary = {
  id: string;
  vendor: string;
  summary: string;
  variants: Array<{ id: string; summary: string; default: boolean }>;
  /** The vendor's pages the profile cites: title, the plugin's copy (document) and where the vendor publishes it (url). */
  pages: Array<{ title: string; document: string; url?: string }>;
};

export type IntegrationUserListVendorsResult = VendorSummary[];

export default class IntegrationUserListVendors extends SfCommand<IntegrationUserListVendorsResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public async run(): Promise<IntegrationUserListVendorsResult> {
    await this.parse(IntegrationUserListVendors);
    const vendors = BUILT_IN_PROFILES.map((p) => ({
      id: p.id,
      vendor: p.vendor,
      summary: p.summary,
      variants: (p.variants ?? []).map((v) => ({ id: v.id, summary: v.summary, default: v.id === p.defaultVariant })),
      pages: p.pages.map((page) => ({ title: page.title, document: page.document, ...(page.url ? { url: page.url } : {}) })),
    }));
    printTable(this, vendors.map((v) => ({
        id: v.id,
        vendor: v.vendor,
        variants: v.variants.map((variant) => variantName(variant.id, variant.default)).join(', '),
        summary: v.summary,
      })), [
        { key: 'id', name: messages.getMessage('column.id') },
        { key: 'vendor', name: messages.getMessage('column.vendor') },
        { key: 'variants', name: messages.getMessage('column.variants') },
        { key: 'summary', name: messages.getMessage('column.summary') },
      ]);
    return vendors;
  }
}
