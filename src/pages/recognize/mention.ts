import type { LineContext, TierReading } from '../context.js';
import type { Finding } from '../findings.js';
import type { Page, PageLine } from '../page.js';
import type { Word } from '../words.js';

/** What a recognizer found on a line, before the tier and reason are settled for it. */
export type Mention = Omit<Finding, 'line' | 'quote' | 'tier' | 'reason' | 'condition'> & {
  /** The span of the line's text that names it. */
  from: number;
  to: number;
  /** A tier the recognizer read itself (a table column "Recommended Fields", an "either ... or"). */
  reading?: TierReading;
  /** A reason the recognizer read itself. */
  reason?: string;
  /** Another line, where the item is named there and only explained here. */
  line?: number;
};

/** A line as the recognizers see it, with its words, its context, and the page around it. */
export type LineInput = {
  page: Page;
  index: number;
  line: PageLine;
  words: Word[];
  context: LineContext;
  /** Spans of the line other recognizers have taken (permission names), not to be read again as access words. */
  taken: Array<[number, number]>;
};

export const overlaps = (taken: Array<[number, number]>, from: number, to: number): boolean => taken.some(([a, b]) => from < b && to > a);

/** Does the word start with a capital, or is it written in capitals? */
export const capitalised = (word: Word): boolean => /^[A-Z0-9]/.test(word.raw);
