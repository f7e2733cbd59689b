import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { fetchPage } from './fetch.js';
import { htmlLines } from './html.js';
import type { Page, PageFormat } from './page.js';
import { textLines } from './page.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'pages');

export const isUrl = (page: string): boolean => /^https?:\/\//i.test(page);

/** What the bytes are, by their first bytes: formats people save pages as that are not text. */
const binaryKind = (bytes: Buffer): string | undefined => {
  const head = bytes.subarray(0, 8).toString('latin1');
  if (head.startsWith('%PDF-')) return 'PDF';
  if (head.startsWith('PK\u0003\u0004')) return 'ZIP (a Word, Excel or other Office document, or an archive)';
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0')) return 'an Office 97-2003 document';
  if (head.startsWith('{\\rtf')) return 'RTF';
  if (/^(\u0089PNG|GIF8|\u00ff\u00d8\u00ff)/.test(head)) return 'an image';
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return 'binary';
  return undefined;
};

const formatOf = (name: string, contentType: string, text: string): PageFormat | undefined => {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  if (type && type !== 'text/plain' && type !== 'application/octet-stream' && !type.startsWith('text/')) return undefined;
  const extension = extname(name.replace(/[?#].*$/, '')).toLowerCase();
  if (extension === '.html' || extension === '.htm' || extension === '.xhtml') return 'html';
  if (extension === '.md' || extension === '.markdown') return 'markdown';
  // A saved page whose name says nothing: markup at its start is HTML.
  if (/^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)) return 'html';
  return 'text';
};

const charsetOf = (contentType: string): string => /charset="?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';

const decode = (bytes: Buffer, contentType: string): string => {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  }
};

/**
 * Read the page the user names: a file (plain text, Markdown or HTML), or an http(s) URL. Formats that
 * are not text (PDF, Office documents, images) are refused with how to save the page as HTML or text;
 * an empty page is refused too.
 */
export const readPage = async (page: string, options: { cwd?: string; timeoutMs?: number } = {}): Promise<Page> => {
  let bytes: Buffer;
  let contentType = '';
  if (isUrl(page)) {
    const fetched = await fetchPage(page, options.timeoutMs ?? 30_000);
    bytes = fetched.body;
    contentType = fetched.contentType;
    const type = contentType.split(';')[0].trim().toLowerCase();
    if (type === 'application/pdf') throw messages.createError('error.NotText', [page, 'PDF']);
  } else {
    try {
      bytes = await readFile(resolve(options.cwd ?? process.cwd(), page));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') throw messages.createError('error.PageIsDirectory', [page]);
      throw messages.createError('error.UnreadablePage', [page, code ?? (error as Error).message]);
    }
  }
  const binary = binaryKind(bytes);
  if (binary) throw messages.createError('error.NotText', [page, binary]);
  const text = decode(bytes, contentType);
  const format = formatOf(page, contentType, text);
  if (!format) throw messages.createError('error.NotText', [page, contentType]);
  if (text.trim().length === 0) throw messages.createError('error.EmptyPage', [page]);
  if (format === 'html') {
    const { title, lines } = htmlLines(text);
    if (lines.length === 0) throw messages.createError('error.EmptyPage', [page]);
    return { document: page, format, ...(title ? { title } : {}), lines };
  }
  const lines = textLines(text, format);
  return { document: page, format, lines };
};
