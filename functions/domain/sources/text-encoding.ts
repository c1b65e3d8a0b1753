/** Decoding fetched bytes into text by the character set the document declares (pure, no I/O). */

const CHARSET_ALIASES: Record<string, string> = {
  cp1251: 'windows-1251',
  'win-1251': 'windows-1251',
  win1251: 'windows-1251',
  'x-cp1251': 'windows-1251',
  utf8: 'utf-8',
};

/** The character set a body declares: BOM, then HTTP header, XML prolog, `<meta charset>` (UTF-8 otherwise). */
/** Every charset a document names, strongest first: byte-order mark, HTTP header, XML prolog, meta tag. */
export function declaredCharsets(body: Buffer, contentType?: string | null): string[] {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return ['utf-8'];
  if (body[0] === 0xff && body[1] === 0xfe) return ['utf-16le'];
  if (body[0] === 0xfe && body[1] === 0xff) return ['utf-16be'];
  const head = body.subarray(0, 4096).toString('latin1');
  const named = [
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1],
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1],
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1],
  ]
    .filter((n): n is string => Boolean(n))
    .map((n) => CHARSET_ALIASES[n.toLowerCase()] ?? n.toLowerCase());
  return [...new Set(named)];
}

export function detectCharset(body: Buffer, contentType?: string | null): string {
  return declaredCharsets(body, contentType)[0] ?? 'utf-8';
}

/** A document whose bytes do not fit the character set it declares: refused, never stored garbled. */
export class InvalidEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEncodingError';
  }
}

/**
 * Decodes a body by its declared character set (UTF-8 when none is named). UTF-8 is decoded strictly:
 * bytes that are not valid UTF-8 are either explained by another declaration in the document (a header
 * saying UTF-8 over a page whose meta tag says windows-1251) or refused, so that mojibake never reaches
 * the classifier, the store or an alert.
 */
export function decodeBody(body: Buffer, contentType?: string | null, where = 'the response'): string {
  const declared = declaredCharsets(body, contentType);
  const candidates = declared.length ? declared : ['utf-8'];
  for (const charset of candidates) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset, { fatal: true });
    } catch {
      continue; // an unknown charset name: try the next declaration
    }
    try {
      return decoder.decode(body);
    } catch {
      // not valid in this charset: try the next declaration
    }
  }
  if (!declared.some((c) => isKnownCharset(c)) && candidates[0] !== 'utf-8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      // fall through to the refusal
    }
  }
  const named = declared.length ? `declared ${declared.join(', then ')}` : 'no charset declared, so UTF-8';
  throw new InvalidEncodingError(`${where} is not valid text in its character set (${named}); refused`);
}

function isKnownCharset(name: string): boolean {
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}
