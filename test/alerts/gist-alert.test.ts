import { describe, expect, it } from 'vitest';
import { formatDigest } from '../../functions/domain/alerts/digest';
import { formatAlertMessage, formatSms, smsShape } from '../../functions/domain/alerts/format-alert';
import type { StoryMember } from '../../functions/domain/ports';
import { classification, item, KK_TITLE, RU_TITLE } from './fixtures';

const GIST = 'Call: Kassym-Jomart Tokayev and Donald Trump on Kazakhstan–US relations, 24 Nov 2026 (Astana).';

describe('the English gist in Russian and Kazakh alerts', () => {
  it.each([
    ['ru', 'Токаев и Трамп провели телефонный разговор'],
    ['kk', 'Тоқаев пен Трамп телефон арқылы сөйлесті'],
  ] as const)('shows it under the %s title in the email', (language, title) => {
    const email = formatAlertMessage(
      item({ itemId: `g-${language}`, language, title, gist: GIST }),
    ).email.split('\n');
    expect(email.slice(0, 2)).toEqual([title, `In English: ${GIST}`]);
  });

  it('builds it from the classification for an item stored before gists existed', () => {
    const email = formatAlertMessage(
      item({ itemId: 'g-old', language: 'ru', title: 'Токаев и Трамп' }),
    ).email;
    // fixture: a call, Tokayev and Trump, kz-us, trade and investment, published 2026-11-24 09:30 UTC
    expect(email).toContain(
      'In English: Call: Kassym-Jomart Tokayev and Donald Trump on Kazakhstan–US relations (trade and investment), 24 Nov 2026 (Astana).',
    );
  });

  it('leaves an English alert as it was: its title is English already', () => {
    const message = formatAlertMessage(item({ itemId: 'g-en', gist: GIST }));
    expect(message.email).not.toContain('In English:');
    expect(message.sms).not.toContain(GIST);
  });

  it('adds it to the SMS after the whole title when both fit in two parts', () => {
    const gist = 'Statement: Roman Vassilenko on Kazakhstan–US relations.';
    const sms = formatSms(
      item({ itemId: 'g-sms', language: 'ru', title: 'Заявление МИД', url: 'https://inform.kz/ru/x1', gist }),
    );
    expect(sms).toBe(
      '[KZ-US] Заявление МИД — Statement: Roman Vassilenko on Kazakhstan-US relations. https://inform.kz/ru/x1',
    );
    expect(smsShape(sms).parts).toBe(2);
    // a gist that does not fit beside the whole title is left out, the title never shortened for it
    const long = formatSms(
      item({
        itemId: 'g-sms',
        language: 'ru',
        title: 'Заявление МИД',
        url: 'https://inform.kz/ru/x1',
        gist: GIST,
      }),
    );
    expect(long).toBe('[KZ-US] Заявление МИД https://inform.kz/ru/x1');
  });

  it.each([
    ['ru', RU_TITLE],
    ['kk', KK_TITLE],
  ] as const)(
    'keeps a long %s title SMS as before, within two parts, when the gist does not fit',
    (language, title) => {
      const it = item({
        itemId: `g-long-${language}`,
        language,
        title,
        gist: GIST,
        classification: classification({ categories: ['kz-us', 'c5plus1'] }),
      });
      const sms = formatSms(it);
      expect(sms).toBe(formatSms({ ...it, gist: undefined, language: 'en' }));
      expect(smsShape(sms).parts).toBe(2);
      expect(sms).not.toContain('Call:');
    },
  );

  it('shows it under a Russian or Kazakh story of the daily digest', () => {
    const member = (itemId: string, language: 'ru' | 'en', title: string): StoryMember => ({
      storyId: itemId,
      itemId,
      seq: 1,
      sourceId: `kazinform-${language}`,
      language,
      title,
      url: `https://www.inform.kz/${language}/${itemId}`,
      publishedAt: '2026-11-24T09:30:00Z',
      joinedAt: '2026-11-24T09:35:00Z',
      gist: GIST,
      attributes: {
        categories: ['kz-us'],
        topics: [],
        language,
        score: 0.9,
        sourceId: `kazinform-${language}`,
      },
    });
    const email = formatDigest('desk', '2026-11-24', [
      { storyId: 'd1', copy: member('d1', 'ru', 'Токаев и Трамп провели телефонный разговор'), others: 0 },
      { storyId: 'd2', copy: member('d2', 'en', 'Tokayev and Trump hold a phone call'), others: 0 },
    ]).email.split('\n');
    const ru = email.indexOf('  • Токаев и Трамп провели телефонный разговор');
    expect(email[ru + 1]).toBe(`    In English: ${GIST}`);
    const en = email.indexOf('  • Tokayev and Trump hold a phone call');
    expect(email[en + 1]).not.toContain('In English');
  });
});
