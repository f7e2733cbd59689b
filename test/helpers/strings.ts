import { serialize } from 'node:v8';

/**
 * Whether V8 holds a string one byte per character, read from its serialized form (tag '"'; a two-byte string is
 * 'c', after a padding byte). A permission set built from two-byte pieces is twice the memory and slower to write.
 */
export const isOneByteString = (text: string): boolean => serialize(text)[2] === 0x22;
