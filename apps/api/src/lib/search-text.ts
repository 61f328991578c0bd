/** Lower-case, accents removed, punctuation as spaces: "Élodie D'Argent" → "elodie d argent". */
export function normaliseText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// InnoDB's default FULLTEXT stopwords and minimum token size (3): such words are
// not in the index, so a required `+word*` on them would match nothing.
const STOPWORDS = new Set(
  'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(
    ' ',
  ),
);

/** Words usable in a BOOLEAN MODE prefix query, and the ones too short or common for it. */
export function splitSearchTerms(term: string) {
  const words = normaliseText(term).split(' ').filter(Boolean);
  const indexed = words.filter((w) => w.length >= 3 && !STOPWORDS.has(w));
  const short = words.filter((w) => !indexed.includes(w));
  return { indexed, short };
}

/** A LIKE pattern that matches `s` literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
