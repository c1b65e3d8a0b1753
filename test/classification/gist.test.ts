import { describe, expect, it } from 'vitest';
import { classify } from '../../functions/domain/classification/classify';
import { astanaDate, buildGist, GIST_MAX, itemGist } from '../../functions/domain/classification/gist';

const CALL_EN = {
  title: 'Tileuberdi, Blinken hold phone talk',
  body:
    'Deputy Prime Minister and Foreign Minister of Kazakhstan Mukhtar Tileuberdi held a telephone conversation with ' +
    'U.S. Secretary of State Antony Blinken. The sides discussed Kazakhstan-US relations.',
};
const CALL_RU = {
  title: 'Тлеуберди и Блинкен провели телефонный разговор',
  body:
    'Заместитель Премьер-министра – министр иностранных дел Казахстана Мухтар Тлеуберди провел телефонный разговор ' +
    'с Государственным секретарем США Энтони Блинкеном. Стороны обсудили казахстанско-американское сотрудничество.',
};
const CALL_KK = {
  title: 'Тілеуберді мен Блинкен телефон арқылы сөйлесті',
  body:
    'Премьер-Министрдің орынбасары – Сыртқы істер министрі Мұхтар Тілеуберді АҚШ Мемлекеттік хатшысы Энтони ' +
    'Блинкенмен телефон арқылы сөйлесті. Тараптар Қазақстан мен АҚШ арасындағы ынтымақтастықты талқылады.',
};

const CALL_KK_LATIN = {
  title: 'Tileýberdi men Blınken telefon arqyly sóılesti',
  body:
    'Premer-Mınıstrdiń orynbasary – Syrtqy ister mınıstri Muhtar Tileýberdi AQSh Memlekettik hatshysy Entonı ' +
    'Blınkenmen telefon arqyly sóılesti. Taraptar Qazaqstan men AQSh arasyndaǵy yntymaqtastyqty talqylady.',
};

describe('the English gist', () => {
  it.each([
    ['English', CALL_EN],
    ['Russian', CALL_RU],
    ['Kazakh', CALL_KK],
    ['Kazakh Latin', CALL_KK_LATIN],
  ])(
    'of a %s report of a call names the event, the officials in Latin, the relationship and the Astana date',
    (_, text) => {
      const gist = buildGist(classify(text), '2021-04-27T10:00:00Z');
      expect(gist).toBe(
        'Call: Mukhtar Tileuberdi and Antony Blinken on Kazakhstan–US relations, 27 Apr 2021 (Astana).',
      );
    },
  );

  it('dates by the Astana day, not the UTC one', () => {
    // 20:30 UTC is 01:30 the next morning in Astana (UTC+5)
    expect(astanaDate('2026-11-24T20:30:00Z')).toBe('25 Nov 2026');
    expect(astanaDate('2026-11-24T18:59:00Z')).toBe('24 Nov 2026');
    expect(astanaDate('not a date')).toBeNull();
    expect(buildGist(classify(CALL_EN), null)).toBe(
      'Call: Mukhtar Tileuberdi and Antony Blinken on Kazakhstan–US relations.',
    );
  });

  it('names the format of a C5+1 report, Kazakhstan first, and the topics', () => {
    const c = classify({
      title: 'Саммит C5+1 прошел в Вашингтоне',
      body:
        'Президент Казахстана Касым-Жомарт Токаев принял участие в саммите C5+1 с Президентом США Дональдом Трампом. ' +
        'Лидеры обсудили вопросы безопасности и ситуацию в Афганистане.',
    });
    expect(c.categories).toEqual(['c5plus1']);
    const gist = buildGist(c, '2025-11-06T19:30:00Z');
    expect(gist).toBe(
      'Summit: Kassym-Jomart Tokayev and Donald Trump on the Central Asia–US C5+1 format (security and Afghanistan), 7 Nov 2025 (Astana).',
    );
    expect(gist).not.toMatch(/[\u0400-\u04ff]/); // English only, whatever the item's language
  });

  it('stays one sentence of at most 200 characters, dropping topics and names before cutting', () => {
    const many = {
      categories: ['kz-us', 'c5plus1'] as const,
      topics: ['trade-investment', 'security-afghanistan', 'nuclear-nonproliferation'] as const,
      people: [
        'Gurbanguly Berdimuhamedov',
        'Kassym-Jomart Tokayev',
        'Shavkat Mirziyoyev',
        'Serdar Berdimuhamedov',
        'Antony Blinken',
      ],
      eventType: 'agreement' as const,
    };
    const gist = buildGist(
      { ...many, categories: [...many.categories], topics: [...many.topics] },
      '2025-11-06T18:00:00Z',
    );
    expect(gist.length).toBeLessThanOrEqual(GIST_MAX);
    expect(gist).toMatch(/^Agreement: Kassym-Jomart Tokayev, Antony Blinken/);
    expect(gist).toMatch(/ and others on Kazakhstan–US relations and the C5\+1 format/);
    expect(gist.endsWith('6 Nov 2025 (Astana).')).toBe(true);
    expect(gist.split('. ')).toHaveLength(1);
  });

  it('is the stored one when an item has it, else built from its classification', () => {
    const classification = classify(CALL_EN);
    expect(itemGist({ gist: 'Stored gist.', classification, publishedAt: '2021-04-27T10:00:00Z' })).toBe(
      'Stored gist.',
    );
    expect(itemGist({ classification, publishedAt: '2021-04-27T10:00:00Z' })).toMatch(
      /^Call: Mukhtar Tileuberdi/,
    );
  });
});
