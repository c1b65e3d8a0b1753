import { describe, expect, it } from 'vitest';
import { planListing } from '../../functions/domain/query/listing-plan';
import { BadQueryError, parseItemQuery } from '../../functions/domain/query/query-params';

function rejection(raw: Record<string, string>): string {
  try {
    parseItemQuery(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(BadQueryError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe('parseItemQuery', () => {
  it('reads dates as Astana days (UTC+5) and gives inclusive UTC instants; normalises the text', () => {
    expect(parseItemQuery({ since: '2026-11-30', until: '2026-11-30', q: ' Energy   Ministerial ' })).toEqual({
      since: '2026-11-29T19:00:00.000Z',
      until: '2026-11-30T18:59:59.999Z',
      q: 'energy ministerial',
      limit: 50,
    });
    // A time without an offset is Astana time; an explicit offset or Z is honoured.
    expect(parseItemQuery({ since: '2026-11-01T09:30', until: '2026-11-01T09:30:15Z' })).toMatchObject({
      since: '2026-11-01T04:30:00.000Z',
      until: '2026-11-01T09:30:15.999Z',
    });
    expect(parseItemQuery({ since: '2026-11-01T09:30+03:00' }).since).toBe('2026-11-01T06:30:00.000Z');
  });

  it('accepts category names as people write them, and any case for the fixed names', () => {
    for (const written of ['KZ-US', 'kz-us', 'Kz-Us', 'KZUS']) {
      expect(parseItemQuery({ category: written }).category).toBe('kz-us');
    }
    for (const written of ['C5+1', 'c5+1', 'c5plus1', 'C5PLUS1', 'C5 + 1']) {
      expect(parseItemQuery({ category: written }).category).toBe('c5plus1');
    }
    expect(parseItemQuery({ topic: 'Energy', lang: 'RU', source: 'MFA-RU' })).toMatchObject({
      topic: 'energy',
      lang: 'ru',
      source: 'mfa-ru',
    });
    expect(parseItemQuery({ q: 'C5+1' }).q).toBe('c5+1');
  });

  it('ignores empty parameters and defaults the limit', () => {
    expect(parseItemQuery({ category: '', topic: undefined })).toEqual({ limit: 50 });
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ category: 'c5' }, /^bad parameter category: one of kz-us, c5plus1; KZ-US and C5\+1 work too \(got "c5"\)$/],
    [{ topic: 'oil' }, /^bad parameter topic: one of trade-investment, energy, .*\(got "oil"\)$/],
    [{ lang: 'de' }, /^bad parameter lang: one of en, ru, kk \(got "de"\)$/],
    [{ source: 'MFA RU' }, /^bad parameter source: a source id/],
    [{ category: 'kz us+1' }, /^bad parameter category: one of/],
    [{ since: 'yesterday' }, /^bad parameter since: a date \(2026-11-01, an Astana day\) or an instant/],
    [{ since: '2026-02-30' }, /^bad parameter since: a date/],
    [{ until: '2026-11-01T25:00' }, /^bad parameter until: a date/],
    [{ since: '2026-11-02', until: '2026-11-01' }, /^bad parameter since: must not be after until/],
    [{ q: 'a' }, /^bad parameter q: text of 2 to 200 characters$/],
    [{ q: 'x'.repeat(201) }, /^bad parameter q: text of 2 to 200 characters$/],
    [{ limit: '0' }, /^bad parameter limit: a whole number from 1 to 200$/],
    [{ limit: '201' }, /^bad parameter limit: a whole number from 1 to 200$/],
    [{ limit: '2.5' }, /^bad parameter limit: a whole number from 1 to 200$/],
    [{ limit: 'ten' }, /^bad parameter limit: a whole number from 1 to 200$/],
    [{ cursor: 'x'.repeat(2001) }, /^bad parameter cursor: /],
    [{ categroy: 'kz-us' }, /^bad parameter categroy: not a known parameter; allowed: category, topic, source/],
  ];
  for (const [raw, message] of bad) {
    it(`refuses ${JSON.stringify(raw).slice(0, 60)}`, () => {
      expect(rejection(raw)).toMatch(message);
    });
  }
});

describe('planListing', () => {
  it('queries the exact partition for up to two dimensions, the most selective pair beyond', () => {
    expect(planListing({ limit: 5 }).partition).toBe('ALL');
    expect(planListing({ limit: 5, category: 'c5plus1' })).toMatchObject({ partition: 'CAT#c5plus1', filters: {} });
    expect(planListing({ limit: 5, category: 'c5plus1', lang: 'ru' })).toMatchObject({
      partition: 'CAT#c5plus1#LANG#ru',
      filters: {},
    });
    expect(planListing({ limit: 5, category: 'kz-us', topic: 'energy', lang: 'en' })).toMatchObject({
      partition: 'TOPIC#energy#LANG#en',
      filters: { category: 'kz-us' },
    });
  });

  it('answers a text query from the TEXT partition, whose entries carry the whole text, filtering the rest', () => {
    expect(planListing({ limit: 5, category: 'kz-us', lang: 'en', q: 'oil' })).toMatchObject({
      partition: 'TEXT',
      filters: { category: 'kz-us', lang: 'en' },
      text: 'oil',
    });
  });

  it('treats plain dates given straight to the store as whole Astana days', () => {
    expect(planListing({ limit: 5, since: '2026-11-01', until: '2026-11-01' })).toMatchObject({
      lower: '2026-10-31T19:00:00.000Z#',
      upper: '2026-11-01T18:59:59.999Z#~',
    });
  });
});
