import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, parseLocalDate } from '../../functions/domain/extraction/extract-article';

const page = (name: string) => readFileSync(path.resolve(__dirname, '../fixtures/pages', name), 'utf8');

describe('2026 Kazinform article pages', () => {
  it('Russian: printed Astana time in time.article__time wins over the teaser cards around it', () => {
    const a = extractArticle(
      page('kazinform-2026-ru.html'),
      'https://www.inform.kz/ru/kazahstan-i-ssha-4f2a9c1e',
    );
    expect(a.title).toBe('Казахстан и США обсудили поставки критических минералов');
    expect(a.publishedAt).toBe('2026-08-18T16:38:00.000Z'); // 21:38 in Astana
    expect(a.lead).toBe('Министр иностранных дел Казахстана провел встречу с заместителем госсекретаря США.');
    expect(a.paragraphs).toEqual([
      'Стороны обсудили поставки критических минералов и совместные проекты в горнодобывающей отрасли.',
      'Особое внимание уделено подготовке саммита С5+1, который пройдет осенью.',
    ]);
    expect(a.tags).toEqual(['США', 'C5+1']);
    expect(a.language).toBe('ru');
  });

  it('Kazakh Latin: "| GMT +5" time, bare first paragraph becomes the lead, tags are not body', () => {
    const a = extractArticle(
      page('kazinform-2026-kk-latin.html'),
      'https://qz.inform.kz/news/toqaev-7c1d2e/',
    );
    expect(a.publishedAt).toBe('2026-01-30T06:17:00.000Z');
    expect(a.lead).toBe('Memleket basshysy Qasym-Jomart Toqaev AQSh-tyń Qazaqstandaǵy elshisin qabyldady.');
    expect(a.paragraphs).toEqual([
      'Taraptar ekijaqty yntymaqtastyqtyń keleshegin talqylady.',
      'Kezdesýde C5+1 formatyndaǵy sammıtke daıyndyq máselesi qozǵaldy.',
    ]);
    expect(a.paragraphs.join(' ')).not.toContain('AQSh ');
    expect(a.language).toBe('kk');
  });

  it('Kazakh Cyrillic: "13:51, 15 Август 2025" is Astana time; a date inside the story is not the publication time', () => {
    const a = extractArticle(
      page('kazinform-2026-kk-cyrillic.html'),
      'https://kaz.inform.kz/news/qazaqstan-aqsh-9a8b7c/',
    );
    expect(a.publishedAt).toBe('2025-08-15T08:51:00.000Z');
    expect(a.lead).toBe('Қазақстан мен АҚШ арасындағы сауда-экономикалық байланыстар талқыланды.');
    expect(a.paragraphs).toHaveLength(2);
  });

  it('JSON-LD datePublished wins over the printed time', () => {
    const a = extractArticle(
      page('kazinform-2026-en-jsonld.html'),
      'https://qazinform.com/news/kazakhstan-us-1b2c3d',
    );
    expect(a.publishedAt).toBe('2026-03-02T04:00:00.000Z');
    expect(a.lead).toBe('Kazakhstan and the United States signed a memorandum on critical minerals.');
    expect(a.paragraphs).toEqual([
      'The document was signed in Washington.',
      'It covers tungsten and rare earth projects.',
    ]);
  });

  it('time[datetime] and meta win over the printed text of the same element', () => {
    const withDatetime = `<html><body><h1 class="article__title">T</h1><time class="article__time" datetime="2026-08-18T21:40:00+05:00">21:38, 18 Августа 2026</time><div class="article__content"><p>Текст.</p></div></body></html>`;
    expect(extractArticle(withDatetime, 'https://www.inform.kz/ru/t-1a2b3c4d').publishedAt).toBe(
      '2026-08-18T16:40:00.000Z',
    );
    const withMeta = withDatetime.replace(
      '<html><body>',
      '<html><head><meta name="article:published_time" content="2026-08-18T10:00:00Z"></head><body>',
    );
    expect(extractArticle(withMeta, 'https://www.inform.kz/ru/t-1a2b3c4d').publishedAt).toBe(
      '2026-08-18T10:00:00.000Z',
    );
  });

  it.each([
    ['21:38, 18 Августа 2026', '2026-08-18T16:38:00.000Z'],
    ['13:51, 15 Август 2025', '2025-08-15T08:51:00.000Z'],
    ['11:17, 30 Qańtar 2026 | GMT +5', '2026-01-30T06:17:00.000Z'],
    ['19 September 2022, 16:14', '2022-09-19T11:14:00.000Z'],
    ['09:05, 2 Қыркүйек 2026', '2026-09-02T04:05:00.000Z'],
    ['23:10, 31 Желтоқсан 2025', '2025-12-31T18:10:00.000Z'],
    ['00:20, 1 Қаңтар 2026', '2025-12-31T19:20:00.000Z'],
  ])('printed time %s is read as Astana time: %s', (input, expected) => {
    expect(parseLocalDate(input)).toBe(expected);
  });
});
