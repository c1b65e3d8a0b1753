import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractArticle,
  htmlToParagraphs,
  parseLocalDate,
  stripDateline,
} from '../../functions/domain/extraction/extract-article';

const page = (name: string) => readFileSync(path.resolve(__dirname, '../fixtures/pages', name), 'utf8');

describe('extractArticle: old Kazinform page', () => {
  const a = extractArticle(page('kazinform-old-en.html'), 'https://en.inform.kz/news/x_a3781891/');
  it('reads title, Astana time as UTC, author, tags, canonical', () => {
    expect(a.title).toBe(
      'Active cooperation with Washington to continue in areas of mutual interest for CA countries and US - Aibek Smadiyarov',
    );
    expect(a.publishedAt).toBe('2021-04-28T10:40:00.000Z'); // 15:40 in Astana (UTC+5)
    expect(a.author).toBe('Aigerim Ibrayeva');
    expect(a.tags).toEqual(['Kazakhstan-USA', 'C5+1']);
    expect(a.canonicalUrl).toMatch(/_a3781891\/$/);
    expect(a.language).toBe('en');
  });
  it('keeps the dateline out of the lead, the lead out of the body, and decodes entities', () => {
    expect(a.lead).toMatch(/^Official representative of the Ministry/);
    expect(a.paragraphs.some((p) => p.startsWith('Official representative'))).toBe(false);
    expect(a.paragraphs[0]).toBe(
      'Kazakhstan and the United States are developing an expanded strategic partnership — characterized by multifaceted interaction.',
    );
  });
  it('keeps sibling blocks apart and drops related links, captions, share widgets and scripts', () => {
    expect(a.paragraphs).toContain('Another topic of discussion was the C5+1 dialogue platform.');
    expect(a.paragraphs).toContain('The interlocutors agreed to maintain regular contacts.');
    const all = a.paragraphs.join('\n');
    expect(all).not.toMatch(/Read also|Photo:|Share on|Facebook|trackArticle/);
    expect(a.paragraphs).toHaveLength(3); // the first of the four is the lead
  });
});

describe('extractArticle: oldest Kazinform page (div.article_body p)', () => {
  const a = extractArticle(page('kazinform-oldest-article-body.html'), 'https://www.inform.kz/en/x_a2572945');
  it('reads numeric dates and the dated dateline form', () => {
    expect(a.title).toBe('Kazakh FM meets U.S. Ambassador');
    expect(a.publishedAt).toBe('2017-07-10T06:05:00.000Z');
    expect(a.lead).toBe('Foreign Minister Kairat Abdrakhmanov met with U.S. Ambassador George Krol.');
    expect(a.paragraphs.some((p) => /Read also/.test(p))).toBe(false);
  });
});

describe('extractArticle: new platform', () => {
  it('English: h1 title, description lead without dateline, meta time, author, tags', () => {
    const a = extractArticle(
      page('kazinform-new-en.html'),
      'https://qazinform.com/news/tokayev-trump-3f9a1c',
    );
    expect(a.title).toBe('Tokayev, Trump discuss cooperation by phone');
    expect(a.publishedAt).toBe('2025-08-18T03:32:00.000Z'); // meta time has no offset: Astana
    expect(a.author).toBe('Dana Kuanysheva');
    expect(a.lead).toMatch(/^President Kassym-Jomart Tokayev held a phone talk/);
    expect(a.paragraphs).toEqual([
      'The two presidents discussed trade and investment cooperation.',
      'Tokayev invited Trump to visit Kazakhstan.',
      'The sides agreed to keep in touch.',
      'Energy',
      'Critical minerals',
    ]);
    expect(a.tags).toEqual(['USA', 'Tokayev']);
    expect(a.canonicalUrl).toBe(
      'https://qazinform.com/news/tokayev-trump-discuss-cooperation-by-phone-3f9a1c',
    );
  });
  it('Russian: explicit offset in meta, Cyrillic dateline, caption dropped', () => {
    const a = extractArticle(page('kazinform-new-ru.html'), 'https://www.inform.kz/ru/tokaev-a1b2c3');
    expect(a.language).toBe('ru');
    expect(a.title).toBe('Токаев и Байден обсудили партнерство');
    expect(a.publishedAt).toBe('2024-08-05T09:20:00.000Z');
    expect(a.lead).toBe('Президент Касым-Жомарт Токаев провел телефонный разговор с Президентом США.');
    expect(a.paragraphs).toEqual([
      'Стороны обсудили казахстанско-американское сотрудничество.',
      'Особое внимание уделено энергетике.',
    ]);
  });
  it('Kazakh Latin: Latin month name, language from the text, Qazinform dateline', () => {
    const a = extractArticle(
      page('kazinform-new-kk-latin.html'),
      'https://qz.inform.kz/news/toqaev-aqsh-1a2b3c/',
    );
    expect(a.language).toBe('kk');
    expect(a.publishedAt).toBe('2025-01-14T06:05:00.000Z');
    expect(a.title).toBe('Toqaev AQSh Prezıdentimen telefon arqyly sóılesti');
    expect(a.lead).toMatch(/^Memleket basshysy/);
  });
  it('2026 article__content variant in Kazakh Cyrillic: bare text node, read-also and share dropped', () => {
    const a = extractArticle(
      page('kazinform-kk-cyrillic-2026.html'),
      'https://www.inform.kz/kz/toqaev-9e8d7c',
    );
    expect(a.language).toBe('kk');
    expect(a.title).toBe('Тоқаев Блинкенмен кездесті');
    expect(a.publishedAt).toBe('2026-09-03T11:45:00.000Z');
    expect(a.lead).toBe('Мемлекет басшысы Қасым-Жомарт Тоқаев АҚШ Мемлекеттік хатшысымен кездесті.');
    expect(a.paragraphs).toEqual(['Тараптар екіжақты ынтымақтастықты талқылады.']);
    expect(a.tags).toEqual(['АҚШ']);
  });
});

describe('extractArticle: AMP, gov.kz, generic', () => {
  it('AMP: "19 September 2022, 16:14" date line, amp widgets dropped', () => {
    const a = extractArticle(page('kazinform-amp.html'), 'https://www.inform.kz/en/x_a3980616/amp');
    expect(a.title).toBe('Kazakhstan, U.S. hold consular consultations');
    expect(a.publishedAt).toBe('2022-09-19T11:14:00.000Z');
    expect(a.lead).toBe(
      'Consular consultations between Kazakhstan and the United States took place in Washington.',
    );
    expect(a.paragraphs).toEqual(['The delegations discussed visa facilitation for Kazakh citizens.']);
  });
  it('gov.kz fragment: <br><br> splits, double-escaped entities decoded, empty paragraphs dropped', () => {
    const html = page('govkz-body-fragment.html');
    expect(htmlToParagraphs(html)).toEqual([
      'On September 25, 2026, Deputy Foreign Minister of Kazakhstan Alibek Bakayev met with U.S. Deputy Assistant Secretary of State.',
      'The parties discussed the agenda of the C5+1 format and bilateral cooperation.',
      'Special attention was paid to "critical minerals".',
    ]);
    const a = extractArticle(html, 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1?lang=en');
    expect([a.lead, ...a.paragraphs]).toEqual(htmlToParagraphs(html));
    expect(a.language).toBe('en');
  });
  it('gov.kz whole-document body: style dropped, div and p kept apart, language detected', () => {
    const html = page('govkz-body-document.html');
    expect(htmlToParagraphs(html)).toEqual([
      'Министр иностранных дел Казахстана Мурат Нуртлеу провел встречу с Послом США.',
      'Стороны обсудили двустороннее сотрудничество.',
    ]);
    expect(extractArticle(html, 'https://www.gov.kz/x').language).toBe('ru');
  });
  it('generic page: JSON-LD @graph time and author, og:title without site name, densest block only', () => {
    const a = extractArticle(page('generic-news.html'), 'https://example.com/news/1');
    expect(a.title).toBe('Kazakhstan and US expand minerals ties');
    expect(a.publishedAt).toBe('2025-11-06T10:00:00.000Z');
    expect(a.author).toBe('Jane Roe');
    expect(a.lead).toMatch(/^Kazakhstan and the United States agreed on Thursday/);
    expect(a.paragraphs).toHaveLength(2);
    expect(a.paragraphs.join(' ')).not.toMatch(/Most read|Copyright|Related:/);
  });
  it('hints override the declared language', () => {
    expect(
      extractArticle(page('kazinform-new-en.html'), 'https://qazinform.com/news/x', { language: 'kk' })
        .language,
    ).toBe('kk');
  });
});

describe('parseLocalDate', () => {
  it.each([
    ['08:32, 18 Августа 2026', '2026-08-18T03:32:00.000Z'],
    ['08:32, 18 Август 2026', '2026-08-18T03:32:00.000Z'],
    ['19 September 2022, 16:14', '2022-09-19T11:14:00.000Z'],
    ['10:00, 5 мая 2023', '2023-05-05T05:00:00.000Z'],
    ['10:00, 5 Мамыр 2023', '2023-05-05T05:00:00.000Z'],
    ['10:00, 5 Маусым 2023', '2023-06-05T05:00:00.000Z'],
    ['09:15, 1 Qańtar 2025', '2025-01-01T04:15:00.000Z'],
    ['09:15, 1 Naýryz 2025', '2025-03-01T04:15:00.000Z'],
    ['09:15, 1 Nauryz 2025', '2025-03-01T04:15:00.000Z'],
    ['09:15, 1 Sáýir 2025', '2025-04-01T04:15:00.000Z'],
    ['09:15, 1 Maýsym 2025', '2025-06-01T04:15:00.000Z'],
    ['09:15, 1 Qyrkúiek 2025', '2025-09-01T04:15:00.000Z'],
    ['09:15, 1 Jeltoqsan 2025', '2025-12-01T04:15:00.000Z'],
    ['12:00, 31 желтоқсан 2024', '2024-12-31T07:00:00.000Z'],
    ['2024 жылғы 3 қазан, 12:00', '2024-10-03T07:00:00.000Z'],
    ['14:00, 1 March 2024 GMT +6', '2024-03-01T08:00:00.000Z'],
    ['2026-09-25T18:59:00.000+00:00', '2026-09-25T18:59:00.000Z'],
    ['2024-08-05T14:20:00', '2024-08-05T09:20:00.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(parseLocalDate(input)).toBe(expected);
  });
  it('returns null for text without a date and for impossible dates', () => {
    expect(parseLocalDate('no date here')).toBeNull();
    expect(parseLocalDate('10:00, 31 February 2024')).toBeNull();
  });
});

describe('stripDateline', () => {
  it.each([
    ['ASTANA. KAZINFORM – The text.', 'The text.'],
    ['NUR-SULTAN. KAZINFORM - The text.', 'The text.'],
    ['ASTANA. July 10. KAZINFORM — The text.', 'The text.'],
    ['НҰР-СҰЛТАН. ҚазАқпарат - Мәтін.', 'Мәтін.'],
    ['АСТАНА. КАЗИНФОРМ — Текст.', 'Текст.'],
    ['ASTANA. QAZINFORM – The text.', 'The text.'],
  ])('%s', (input, expected) => {
    expect(stripDateline(input)).toBe(expected);
  });
  it('leaves text without a dateline alone', () => {
    expect(stripDateline('Kazinform reports that talks were held.')).toBe(
      'Kazinform reports that talks were held.',
    );
  });
});
