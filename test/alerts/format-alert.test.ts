import { describe, expect, it } from 'vitest';
import {
  SUBJECT_MAX,
  formatAlertMessage,
  formatSms,
  isGsm7,
  smsShape,
} from '../../functions/domain/alerts/format-alert';
import { KK_TITLE, RU_TITLE, classification, item } from './fixtures';

describe('SMS form', () => {
  it('keeps a short English alert in one GSM-7 part with the category tag and the link', () => {
    const sms = formatSms(item({ itemId: 'a1', title: 'Tokayev, Trump discuss trade' }));
    expect(sms).toBe('[KZ-US] Tokayev, Trump discuss trade https://www.inform.kz/en/a1');
    // The tag's brackets are GSM-7 extension characters: two septets each.
    expect(smsShape(sms)).toEqual({ units: sms.length + 2, gsm7: true, parts: 1 });
  });

  it('turns typographic quotes and dashes into GSM-7 so an English title keeps 160 characters', () => {
    const sms = formatSms(
      item({ itemId: 'a2', title: 'Kazakhstan’s “C5+1” ministers meet — talks on minerals…' }),
    );
    expect(isGsm7(sms)).toBe(true);
    expect(sms).toContain(`Kazakhstan's "C5+1" ministers meet - talks on minerals...`);
    expect(smsShape(sms).parts).toBe(1);
  });

  it.each([
    ['Russian', RU_TITLE, 'ru'],
    ['Kazakh', KK_TITLE, 'kk'],
  ] as const)(
    'shortens a long %s title to fit two UCS-2 parts (134 characters), link intact',
    (_name, title, lang) => {
      const url = `https://www.inform.kz/${lang}/tokaev-trump-phone-call-4b7c2a`;
      const sms = formatSms(
        item({
          itemId: 'r1',
          title,
          url,
          canonicalUrl: url,
          language: lang,
          classification: classification({ categories: ['kz-us', 'c5plus1'] }),
        }),
      );
      const shape = smsShape(sms);
      expect(shape.gsm7).toBe(false);
      expect(shape.units).toBeLessThanOrEqual(134);
      expect(shape.units).toBeGreaterThan(120); // the room is used, not thrown away
      expect(shape.parts).toBe(2);
      expect(sms.startsWith('[KZ-US/C5+1] ')).toBe(true);
      expect(sms.endsWith(` ${url}`)).toBe(true);
      expect(sms).toContain('…');
      expect(sms).toContain(title.slice(0, 20));
    },
  );

  it('fits a Russian title in one 70-character part when it is short', () => {
    const sms = formatSms(item({ itemId: 'r2', title: 'Токаев и Трамп', url: 'https://inform.kz/ru/x1' }));
    expect(smsShape(sms)).toEqual({ units: [...sms].length, gsm7: false, parts: 1 });
    expect(sms).toBe('[KZ-US] Токаев и Трамп https://inform.kz/ru/x1');
  });

  it('counts GSM-7 extension characters twice when deciding the length', () => {
    const title = `${'[Trade] '.repeat(30)}`.trim();
    const sms = formatSms(item({ itemId: 'e1', title }));
    const shape = smsShape(sms);
    expect(shape.gsm7).toBe(true);
    expect(shape.units).toBeLessThanOrEqual(306);
    expect(shape.units).toBeGreaterThan(sms.length); // the brackets cost two septets each
    expect(sms).toMatch(/\.\.\. https:\/\/www\.inform\.kz\/en\/e1$/);
  });

  it('uses the canonical URL when it is shorter', () => {
    const sms = formatSms({
      ...item({ itemId: 'c1', title: 'Short' }),
      url: 'https://www.inform.kz/en/some-very-long-slug-with-tracking?utm_source=rss&utm_medium=feed',
      canonicalUrl: 'https://www.inform.kz/en/c1',
    });
    expect(sms).toBe('[KZ-US] Short https://www.inform.kz/en/c1');
  });
});

describe('email form', () => {
  it('has a one-line subject of at most 99 characters and every part of the body a reader needs', () => {
    const m = formatAlertMessage(
      item({ itemId: 'm1', title: `${RU_TITLE}\nвторая строка`, language: 'ru' }),
      { alertId: 'm1' },
    );
    expect([...m.emailSubject].length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(m.emailSubject).not.toMatch(/[\n\r]/);
    expect(m.emailSubject.startsWith('[KZ-US] Касым-Жомарт Токаев')).toBe(true);
    expect(m.email).toContain('Source:     kazinform-en (ru)');
    expect(m.email).toContain('Published:  2026-11-24 14:30 Astana (UTC+5) / 2026-11-24 09:30 UTC');
    expect(m.email).toContain('Categories: KZ-US');
    expect(m.email).toContain('Topics:     trade-investment');
    expect(m.email).toContain('Officials:  Kassym-Jomart Tokayev, Donald Trump');
    expect(m.email).toContain('  • President Tokayev held a phone call with US President Trump.');
    expect(m.email).toContain(
      '  • The sides discussed expanding trade between Kazakhstan and the United States.',
    );
    expect(m.email.match(/^ {2}• /gm)).toHaveLength(3);
    expect(m.email).toContain('Read it: https://www.inform.kz/en/m1');
    expect(m.email).toMatch(/To unsubscribe/);
  });

  it('carries the routing attributes SNS filters on, within the ten-attribute limit', () => {
    const m = formatAlertMessage(item({ itemId: 'm2', storyId: 's9' }), { alertId: 'm2' });
    expect(m.attributes).toEqual({
      categories: ['kz-us'],
      topics: ['trade-investment'],
      language: 'en',
      score: 0.82,
      sourceId: 'kazinform-en',
      storyId: 's9',
      delivery: 'instant',
      alertId: 'm2',
    });
  });
});
