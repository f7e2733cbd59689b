import { XMLParser } from 'fast-xml-parser';
import type { TypeSchema } from '../../src/metadata/schemas.js';
import { isEntry } from '../../src/metadata/schemas.js';
import type { MetadataRecord } from '../../src/render/xml.js';

/** An independent reader for tests (fast-xml-parser's plain mode, not the plugin's reader): values stay text, trimmed; entities are decoded. */
export const readSourceXml = (schema: TypeSchema, xml: string): MetadataRecord => {
  const lists = new Set(schema.elements.filter(isEntry).map((e) => e.name));
  const parser = new XMLParser({
    ignoreAttributes: true,
    ignoreDeclaration: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name, jpath) => lists.has(name) && String(jpath) === `${schema.root}.${name}`,
  });
  const document = parser.parse(xml) as Record<string, MetadataRecord>;
  return document[schema.root];
};
