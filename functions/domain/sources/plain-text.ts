import * as cheerio from 'cheerio/slim';

/**
 * Titles and summaries from feeds and the gov.kz API are meant as text, but sometimes carry markup (or
 * markup-looking text after entity decoding). They are stored and alerted as plain text: tags dropped,
 * script and style content dropped, whitespace collapsed. Cheap when there is nothing to strip.
 */
export function plainText(value: string | null | undefined): string | null {
  if (value == null) return null;
  let text = value;
  if (/[<&]/.test(text)) {
    const $ = cheerio.load(`<body>${text}</body>`);
    $('script, style, noscript, template, iframe, object').remove();
    text = $('body').text();
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text || null;
}
