import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../functions/domain/classification/classify';
import { TOPICS } from '../../functions/domain/model';
import { evaluate, loadDevSet, TARGETS, TEAM_TUNED_PATH } from '../../scripts/eval';

// The seed as bundled with the demo (a byte-for-byte copy of shared/seeds/000_ac291be8d8bddea2.txt), so
// the suite runs on a clone without the shared folder beside it.
const SEED = readFileSync(path.resolve(__dirname, '../../functions/local/sample/seed-article.txt'), 'utf8');
const SEED_TITLE =
  'Active cooperation with Washington to continue in areas of mutual interest for CA countries and US - Aibek Smadiyarov';

describe('the seed article', () => {
  const r = classify({ title: SEED_TITLE, body: SEED });
  it('is kz-us and c5plus1 with the expected topics and people', () => {
    expect(r.relevant).toBe(true);
    expect(r.categories).toEqual(['kz-us', 'c5plus1']);
    expect(r.topics).toEqual(
      expect.arrayContaining(['climate', 'security-afghanistan', 'trade-investment', 'humanitarian-aid', 'governance-reforms']),
    );
    expect(r.people).toEqual(
      expect.arrayContaining([
        'Mukhtar Tileuberdi',
        'Antony Blinken',
        'Kassym-Jomart Tokayev',
        'John Kerry',
        'Aibek Smadiyarov',
      ]),
    );
    expect(r.language).toBe('en');
  });
  it('gives scores in [0, 1] above one half and evidence sentences for each label', () => {
    for (const c of ['kz-us', 'c5plus1'] as const) {
      expect(r.scores[c]).toBeGreaterThan(0.5);
      expect(r.scores[c]).toBeLessThanOrEqual(1);
    }
    const kzUs = r.evidence.filter((e) => e.label === 'kz-us');
    expect(kzUs.some((e) => e.text.startsWith('Kazakhstan and the United States are developing'))).toBe(true);
    expect(r.evidence.some((e) => e.label === 'c5plus1' && e.text.includes('C5+1'))).toBe(true);
    expect(r.evidence.some((e) => e.label === 'topic:climate')).toBe(true);
    expect(r.topics.every((t) => (TOPICS as readonly string[]).includes(t))).toBe(true);
  });
});

const neg = (title: string, body: string) => classify({ title, body });

describe('hard negatives', () => {
  it.each([
    ['en currency', 'Tenge strengthens against US dollar', 'The tenge rose to 470 per US dollar at KASE as the U.S. Federal Reserve cut rates. Kazakhstan National Bank kept its base rate.'],
    ['ru currency', 'Курс доллара США на бирже', 'Курс тенге к доллару США укрепился. Казахстанская биржа зафиксировала рост объема торгов после решения ФРС США.'],
    ['kk currency', 'Теңге бағамы', 'Теңгенің АҚШ долларына шаққандағы бағамы нығайды. Қазақстан қор биржасында сауда көлемі өсті.'],
    ['kk-latin currency', 'Teńge baǵamy', 'Teńgeniń AQSh dollaryna shaqqandaǵy baǵamy nyǵaıdy. Qazaqstan qor bırjasynda saýda kólemi ósti.'],
    ['en hockey', 'Kazakhstan loses to USA at hockey worlds', 'Kazakhstan lost to the United States 2:6 at the Ice Hockey World Championship. The American team dominated the match.'],
    ['ru boxing', 'Казахстанский боксер победил американца', 'Казахстанский боксер нокаутировал американского соперника в Лас-Вегасе. Поединок прошел в США.'],
    ['en Davis Cup', 'Kazakhstan meets US in Davis Cup', 'Kazakhstan will host the United States in the Davis Cup qualifiers. Bublik leads the team.'],
    ['en China trade with US figure', 'Kazakhstan-China trade grows', 'Trade between Kazakhstan and China rose to 40 billion dollars, while Kazakhstan-US trade was 4 billion, according to US statistics.'],
    ['ru Russia trade with US mention', 'Казахстан и Россия обсудили торговлю', 'Казахстан и Россия обсудили торговлю зерном. Цены на пшеницу снижаются из-за урожая в США.'],
    ['en UNGA', 'Tokayev speaks at UN General Assembly', 'Tokayev addressed the UN General Assembly in New York. Leaders of the United States, China and France also spoke at the session.'],
    ['en US-Uzbekistan', 'Uzbekistan, US sign deals', 'Uzbekistan and the United States signed agreements worth 5 billion dollars during Mirziyoyev visit to Washington.'],
  ])('%s is not kz-us', (_, title, body) => {
    expect(neg(title, body).categories).not.toContain('kz-us');
  });

  it.each([
    ['en C5+Japan', 'Central Asia + Japan Dialogue meets', 'Foreign ministers of Central Asia and Japan met in the Central Asia + Japan format in Tokyo. Kazakhstan called it a model format.'],
    ['en EU', 'Central Asia-EU summit held', 'Leaders of Central Asia and the European Union held a summit in Samarkand.'],
    ['ru China', 'Саммит «Центральная Азия — Китай»', 'В Астане прошел саммит «Центральная Азия — Китай» с участием лидеров пяти государств.'],
    ['en Korea 5+1', 'Korea-Central Asia 5+1 summit', 'The Korea-Central Asia summit, also called 5+1, will focus on minerals.'],
    ['en Germany Z5', 'Z5 meets in Berlin', 'The Central Asia-Germany Z5 format met in Berlin with the five leaders.'],
    ['kk Russia', '«Орталық Азия – Ресей» саммиті', '«Орталық Азия – Ресей» саммиті Душанбеде өтті.'],
    ['en US-Kyrgyzstan alone', 'US Ambassador to Kyrgyzstan visits Osh', 'The U.S. Ambassador to Kyrgyzstan visited Osh to inspect USAID projects. Japarov thanked the United States.'],
  ])('%s is not c5plus1', (_, title, body) => {
    const r = neg(title, body);
    expect(r.categories).not.toContain('c5plus1');
    expect(r.relevant).toBe(r.categories.length > 0);
  });

  it('a non-relevant item has no topics and eventType other', () => {
    const r = neg('Tenge weakens', 'The tenge weakened against the US dollar.');
    expect(r).toMatchObject({ relevant: false, categories: [], topics: [], eventType: 'other' });
  });
});

describe('inflection, scripts and spellings', () => {
  it.each([
    ['ru instrumental/genitive', 'Переговоры в Вашингтоне', 'Министр иностранных дел Казахстана встретился с Государственным секретарем Соединённых Штатов. Между Казахстаном и Соединенными Штатами подписан меморандум.'],
    ['ru adjective compound', 'Казахстанско-американские консультации', 'Прошли консультации по вопросам сотрудничества.'],
    ['kk genitive', 'Қазақстанның АҚШ-тағы елшісі кездесу өткізді', 'Елші америкалық сенаторлармен кездесті.'],
    ['kk-latin', 'Qazaqstan men AQSh kelisimge qol qoıdy', 'Qazaqstan men AQSh ınvestıtsııa týraly kelisimge qol qoıdy.'],
    ['en Kazakh-U.S.', 'Kazakh-U.S. talks held in Astana', 'The talks focused on energy.'],
  ])('%s -> kz-us', (_, title, body) => {
    expect(classify({ title, body }).categories).toContain('kz-us');
  });

  it.each([
    ['Cyrillic С5+1', 'Министры С5+1 встретились', 'Состоялась встреча в формате С5+1.'],
    ['spaced C 5 + 1', 'C 5 + 1 ministers meet', 'Ministers met in the C 5 + 1 format.'],
    ['Central Asia + USA', 'Central Asia + USA summit', 'Leaders met in New York.'],
    ['Центральная Азия + США', 'Саммит «Центральная Азия + США»', 'Лидеры встретились.'],
    ['Орталық Азия + АҚШ', '«Орталық Азия + АҚШ» кездесуі', 'Министрлер кездесті.'],
    ['Ortalyq Azııa + AQSh', '«Ortalyq Azııa + AQSh» kezdesýi', 'Mınıstrler kezdesti.'],
    ['unnamed group', 'Blinken meets Central Asian foreign ministers', 'Blinken met the foreign ministers of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan.'],
  ])('%s -> c5plus1', (_, title, body) => {
    expect(classify({ title, body }).categories).toContain('c5plus1');
  });

  it('canonical people whatever the script or case', () => {
    const r = classify({
      title: 'Тоқаев Блинкенмен кездесті',
      body: 'Нұртлеу мен BLINKEN, Блинкена, Blinken. Токаев провел встречу с Блинкеном. Toqaev men Rubio.',
    });
    expect(r.people).toEqual(['Kassym-Jomart Tokayev', 'Antony Blinken', 'Murat Nurtleu', 'Marco Rubio']);
    expect(r.language).toBe('kk');
  });

  it('event type from the headline', () => {
    expect(classify({ title: 'Tokayev, Biden hold phone talk', body: 'Kazakhstan and the US discussed energy.' }).eventType).toBe('call');
    expect(classify({ title: 'Kazakhstan, US sign memorandum', body: 'Kazakhstan and the US signed a memorandum on minerals.' }).eventType).toBe('agreement');
    expect(classify({ title: 'Blinken visits Astana', body: 'Blinken arrived in Kazakhstan on a visit to discuss cooperation.' }).eventType).toBe('visit');
  });
});

describe('development set', () => {
  it(`meets F1 >= ${TARGETS.categoryF1} per category and topics micro-F1 >= ${TARGETS.topicsMicroF1}`, () => {
    const r = evaluate();
    expect(r.items).toBeGreaterThanOrEqual(120);
    expect(r.negatives / r.items).toBeGreaterThanOrEqual(0.4);
    expect(r.categories['kz-us'].f1).toBeGreaterThanOrEqual(TARGETS.categoryF1);
    expect(r.categories.c5plus1.f1).toBeGreaterThanOrEqual(TARGETS.categoryF1);
    expect(r.topics.f1).toBeGreaterThanOrEqual(TARGETS.topicsMicroF1);
  });
});

describe('team-written tuned set (full-length articles the team wrote; tuned on, so not a held-out measure)', () => {
  it(`meets the same targets in all four scripts`, () => {
    const items = loadDevSet(TEAM_TUNED_PATH);
    const r = evaluate(items);
    expect(r.items).toBeGreaterThanOrEqual(120);
    expect(r.negatives / r.items).toBeGreaterThanOrEqual(0.4);
    expect(items.some((i) => /[ғқңүұһә]/i.test(i.body))).toBe(true); // Kazakh Cyrillic
    expect(items.some((i) => /[ǵńúýı]/.test(i.body))).toBe(true); // Kazakh Latin
    expect(r.categories['kz-us'].f1).toBeGreaterThanOrEqual(TARGETS.categoryF1);
    expect(r.categories.c5plus1.f1).toBeGreaterThanOrEqual(TARGETS.categoryF1);
    expect(r.topics.f1).toBeGreaterThanOrEqual(TARGETS.topicsMicroF1);
  });

  it('reads officials named by office, US companies, and both Kazakh Latin spellings of ия', () => {
    const call = classify({ title: null, body: 'On the sidelines of the summit, Tokayev held a separate meeting with the US President.' });
    expect(call.categories).toContain('kz-us');
    const company = classify({
      title: 'Tokayev receives Chevron Chairman and CEO',
      body: 'President Kassym-Jomart Tokayev met with the head of Chevron. They discussed investment in Kazakhstan.',
    });
    expect(company.categories).toContain('kz-us');
    for (const spelling of ['Ortalyq Azıa + AQSh', 'Ortalyq Aziia + AQSh'])
      expect(classify({ title: null, body: `${spelling} formatyndaǵy bıznes forým ótti.` }).categories).toEqual(['c5plus1']);
  });
});
