import type { Tier } from '../profiles/types.js';
import type { PageLine } from './page.js';

/**
 * What governs a line: the heading it sits under and the lead-in sentence ("The following permissions are
 * required for certain extra features:") that introduces its list or table. Tiers and conditions come from
 * these and from the line's own words.
 */
export type LineContext = {
  headings: PageLine[];
  leadIn?: PageLine;
  /** Heading and lead-in say the access comes without configuration ("inherit", "automatically"). */
  inherited: boolean;
  /** Heading and lead-in say these are the admin's own permissions for the setup ("User Permissions Needed"). */
  admin: boolean;
  /** Under a question ("Can I use the System Administrator profile?"): an FAQ answer explains, it doesn't ask for more. */
  faq: boolean;
};

export type TierReading = { tier: Tier; condition?: string };

const CONDITION =
  /\b(?:(?:only\s+)?(?:required|needed|necessary)\s+(?:if|when)\b[^.;|]*|(?:required|needed|necessary)\s+(?:only\s+)?for\s+(?!all\b|any\b|every\b|most\b)(?:the\s+|certain\s+|some\s+)?[^.;|]{0,50}?\b(?:features?|functionality|option|sync|syncing)\b[^.;|]*|(?:only\s+)?(?:if|when|unless)\s+\w[^.;|]*|optional(?:ly)?\b[^.;|]*|for (?:certain|some) (?:extra |additional |optional )?features?[^.;|]*|extra features?[^.;|]*|(?:least[- ]privilege|alternative)\b[^.;|]*|option [a-z0-9]\b[^.;|]*)/i;
const RECOMMENDED = /\b(recommend(?:s|ed)?|strongly encouraged|best practice|suggest(?:s|ed)?)\b/i;
const REQUIRED = /\b(required|requires|must|mandatory|needs?|needed|necessary)\b/i;

/** The tier a piece of the page states, where it states one: a condition ("if you use X", "optional"), a recommendation, a requirement. */
export const tierIn = (text: string): TierReading | undefined => {
  const condition = CONDITION.exec(text);
  if (condition) return { tier: 'recommended', condition: tidy(condition[0]) };
  if (RECOMMENDED.test(text)) return { tier: 'recommended' };
  if (REQUIRED.test(text)) return { tier: 'required' };
  return undefined;
};

const tidy = (text: string): string => {
  let trimmed = text.replace(/\s+/g, ' ').replace(/[\s,(:-]+$/, '').trim();
  if (trimmed.endsWith(')') && !trimmed.includes('(')) trimmed = trimmed.slice(0, -1).trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
};

const INHERITED = /\binherit|\baccessible automatically|\bno additional configuration|\bdo(?:es)? not require (?:manual|any) configuration|\bfor reference only/i;
const ADMIN = /\buser permissions needed\b|\bpermissions? (?:needed|required) (?:by|for) (?:the )?(?:admin|administrator)s?\b|\bthe (?:admin|administrator) (?:who|that) (?:sets|does|performs)/i;

/** Is this line a lead-in: a sentence that introduces the list or table below it? */
const isLeadIn = (line: PageLine): boolean =>
  (line.kind === 'text' && (/:\s*$/.test(line.text) || /\bthe following\b|\bbelow\b|\bas follows\b/i.test(line.text))) || (line.kind === 'item' && /:\s*$/.test(line.text));

/**
 * The context of each line. `isTitle` says whether a line marked as a heading really is one: in plain
 * text a short line alone is taken for a heading, but one that names a permission or an object is a
 * list entry.
 */
export const contexts = (lines: PageLine[], isTitle: (line: PageLine) => boolean): LineContext[] => {
  const result: LineContext[] = [];
  let headings: PageLine[] = [];
  let leadIn: PageLine | undefined;
  for (const line of lines) {
    if (line.kind === 'heading' && isTitle(line)) {
      headings = [...headings.filter((h) => h.depth < line.depth), line];
      leadIn = undefined;
    } else if (leadIn?.kind === 'item' && line.kind === 'item' && line.depth <= leadIn.depth) {
      // A list entry that ends with a colon introduces its sub-entries only.
      leadIn = isLeadIn(line) ? line : undefined;
    } else if (isLeadIn(line)) {
      leadIn = line;
    } else if (line.kind === 'text' && line.text.split(' ').length > 25) {
      leadIn = undefined;
    }
    const scope = [...headings.map((h) => h.text), ...(leadIn ? [leadIn.text] : [])].join(' \n ');
    const faq = /\?\s*$/.test(headings[headings.length - 1]?.text ?? '');
    result.push({ headings, ...(leadIn ? { leadIn } : {}), inherited: INHERITED.test(scope), admin: ADMIN.test(scope), faq });
  }
  return result;
};

/** The tier of an item: its own words first, then its lead-in, then the headings from the nearest up; required where nothing says otherwise. */
export const tierFor = (own: string, context: LineContext): TierReading => {
  const candidates = [own, context.leadIn?.text, ...[...context.headings].reverse().map((h) => h.text)];
  for (const text of candidates) {
    if (!text) continue;
    const reading = tierIn(text);
    if (reading) return reading;
  }
  return { tier: 'required' };
};
