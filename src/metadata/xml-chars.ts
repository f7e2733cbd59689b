/**
 * The characters an XML 1.0 document can carry (the `Char` production, XML 1.0 §2.2): tab, line feed, carriage
 * return, and every code point from U+0020 but the surrogates and U+FFFE, U+FFFF. Metadata source files are XML 1.0,
 * so a value holding any other character can't be written, and a file holding one isn't well-formed, written
 * raw or as a character reference (`&#1;` is XML 1.1 only). The one definition for the profile file check,
 * the writer and the reader.
 */

/** The first character XML 1.0 can't carry: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; a surrogate without its pair. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NOT_XML_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/u;

/** Whether a code point (as a character reference names it) is one XML 1.0 can carry. */
export const isXmlCodePoint = (code: number): boolean =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

/** `U+0001`, as Unicode names a code point. */
export const codePointName = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Where the first character XML 1.0 can't carry is in `text` (a UTF-16 index), and which it is; undefined where there is none. */
export const firstNonXmlChar = (text: string): { index: number; code: number } | undefined => {
  const found = NOT_XML_CHAR.exec(text);
  return found ? { index: found.index, code: text.charCodeAt(found.index) } : undefined;
};
