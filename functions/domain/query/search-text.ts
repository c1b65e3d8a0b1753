/**
 * The one normal form of text that `q` searches, used when an item is stored and when a query is read,
 * so both sides agree: lower case, Russian ё read as е, every run of white space one space.
 */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}
