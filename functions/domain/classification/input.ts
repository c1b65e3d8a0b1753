/**
 * What the classifier reads of an article: the title, then the lead and the body paragraphs. A lead
 * that the body repeats would be weighed twice (extraction takes the first paragraph as the lead when a
 * page has no separate one; feeds send the first paragraph, sometimes cut short, as the summary), so the
 * repeat is read once.
 */
import type { ClassifierInput, ExtractedArticle, Language } from '../model';

/** For comparing texts: one kind of space, case and a trailing ellipsis ignored. */
function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*(?:…|\.\.\.)$/, '')
    .toLowerCase();
}

/**
 * The lead and the paragraphs as one text, blank-line separated: the lead is left out when the first
 * paragraph holds it (also after a dateline, or the lead cut short), and the first paragraph is left
 * out when the lead holds all of it.
 */
export function leadAndBody(lead: string | null | undefined, paragraphs: readonly string[]): string {
  const parts = paragraphs.filter((p) => p.trim().length > 0);
  const leadKey = lead ? comparable(lead) : '';
  if (!leadKey) return parts.join('\n\n');
  const firstKey = parts.length > 0 ? comparable(parts[0]) : '';
  if (firstKey.includes(leadKey)) return parts.join('\n\n');
  if (firstKey && leadKey.includes(firstKey)) return [lead!, ...parts.slice(1)].join('\n\n');
  return [lead!, ...parts].join('\n\n');
}

/** The classifier's input for an extracted article. */
export function classifierInput(
  article: Pick<ExtractedArticle, 'title' | 'lead' | 'paragraphs' | 'language'>,
  hints: { title?: string | null; language?: Language; url?: string } = {},
): ClassifierInput {
  return {
    title: article.title ?? hints.title ?? null,
    body: leadAndBody(article.lead, article.paragraphs),
    language: article.language ?? hints.language,
    url: hints.url,
  };
}
