/**
 * Words of a line, as the recognizers compare them with Salesforce's vocabulary: case, plurals and
 * punctuation don't matter ("Opportunities" is "opportunity", "Read/Write" is "read write"), and words a
 * copied page runs together are told apart ("API EnabledRequired for login", "Manage Internal UsersManage").
 */

export type Word = {
  /** Compared form: lower case, singular. */
  norm: string;
  /** As on the page. */
  raw: string;
  /** Offsets in the line's text. */
  start: number;
  end: number;
  /** Index of the whole token (letters and digits between separators) the word was cut from. */
  token: number;
};

/** Singular, lower case: "Opportunities" → "opportunity", "Statuses" → "status", "Leads" → "lead", "Access" stays. */
export const normWord = (word: string): string => {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(ss|x|z|ch|sh|us)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
};

const TOKEN = /[A-Za-z0-9][A-Za-z0-9_'’]*/g;
/** Where a lower-case letter meets an upper-case one inside a token: a boundary the copy lost. */
const CAMEL = /(?<=[a-z])(?=[A-Z])/g;

export const wordsOf = (text: string): Word[] => {
  const words: Word[] = [];
  let token = 0;
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0].replace(/['’]$/, '');
    let offset = match.index;
    for (const part of raw.split(CAMEL)) {
      if (part) words.push({ norm: normWord(part), raw: part, start: offset, end: offset + part.length, token });
      offset += part.length;
    }
    token += 1;
  }
  return words;
};

/** The compared form of a phrase: its words, normalised, joined by spaces ("&" reads "and"). */
export const phraseKey = (phrase: string): string =>
  wordsOf(phrase.replace(/&/g, ' and '))
    .map((w) => w.norm)
    .join(' ');

export type PhraseMatch<T> = { value: T; from: number; to: number; first: number; last: number };

/**
 * Phrases looked up by their words, longest first: "View All Data" before "View All", "Modify Metadata
 * Through Metadata API Functions" before "Modify Metadata".
 */
export class PhraseIndex<T> {
  private readonly byKey = new Map<string, T[]>();
  private longest = 1;

  public add(phrase: string, value: T): void {
    const key = phraseKey(phrase);
    if (!key) return;
    const list = this.byKey.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    this.byKey.set(key, list);
    this.longest = Math.max(this.longest, key.split(' ').length);
  }

  public get(phrase: string): T[] {
    return this.byKey.get(phraseKey(phrase)) ?? [];
  }

  /** Every phrase in the words, longest match first, never overlapping; `accept` may refuse a match (then shorter ones are tried). */
  public find(words: Word[], accept: (values: T[], first: number, last: number) => boolean = () => true): Array<PhraseMatch<T[]>> {
    const found: Array<PhraseMatch<T[]>> = [];
    for (let i = 0; i < words.length; ) {
      let matched = false;
      for (let n = Math.min(this.longest, words.length - i); n >= 1; n--) {
        const key = words
          .slice(i, i + n)
          .map((w) => w.norm)
          .join(' ');
        const values = this.byKey.get(key);
        if (values && accept(values, i, i + n - 1)) {
          found.push({ value: values, from: words[i].start, to: words[i + n - 1].end, first: i, last: i + n - 1 });
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) i += 1;
    }
    return found;
  }
}
