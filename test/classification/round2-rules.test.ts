import { describe, expect, it } from 'vitest';
import { classify } from '../../functions/domain/classification/classify';

// Rules drawn from round-2 development misses of the real corpus (classification README). The texts are
// written here, in the shape of the real reports, not copied from them.

describe('a report of US ties with one other Central Asian state', () => {
  it('is not the C5+1 when the format is only the pair’s channel or backdrop', () => {
    const r = classify({
      title: null,
      body:
        'A U.S. Deputy Assistant Secretary of State arrived in Bishkek for United States-Kyrgyz Republic annual consultations. ' +
        'The Kyrgyz deputy foreign minister met with him. ' +
        'The U.S. Embassy said the United States and the Kyrgyz Republic discussed political and security cooperation. ' +
        'Recalling the C5+1 Summit held in New York last year, the Kyrgyz Republic and the United States praised the C5+1 format’s impact on regional cooperation. ' +
        'The sides discussed security cooperation and economic diversification.',
    });
    expect(r.categories).toEqual([]);
  });

  it('reads the lead past a dateline, and a lead naming the format without what it does', () => {
    const r = classify({
      title: null,
      body:
        'Editorial staff\nTASHKENT, 28 October. /Agency/. ' +
        'The President of Uzbekistan will meet U.S. President Donald Trump in Washington next week. ' +
        'As reported earlier, a C5+1 summit of the Central Asian leaders and the US is planned for 6 November.',
    });
    expect(r.categories).toEqual([]);
  });

  it('still reports the format when the lead names it, even from one state’s ministry', () => {
    const r = classify({
      title: null,
      body:
        'The foreign ministers of the C5+1 met in Tashkent on Thursday, the Uzbek foreign ministry said. ' +
        'The U.S. delegation was led by the Deputy Secretary of State. ' +
        'The ministers adopted a joint statement on regional security.',
    });
    expect(r.categories).toContain('c5plus1');
  });
});

describe('the two sides as the parties of one deal, or US aid given to Kazakhstan', () => {
  it('reads a Kazakh buyer and a US seller as a bilateral deal', () => {
    const r = classify({
      title: null,
      body: 'Kazakhstan’s flag carrier Air Astana signed a deal to purchase ten Boeing 787 jets. The aircraft will fly long-haul routes.',
    });
    expect(r.categories).toEqual(['kz-us']);
  });

  it('reads a US company buying a stake from a Kazakh fund the same way, in Russian', () => {
    const r = classify({
      title: null,
      body: 'Американская компания приобрела долю в месторождении в Казахстане у национального фонда. Сделка закрыта в ноябре.',
    });
    expect(r.categories).toEqual(['kz-us']);
  });

  it('reads aid "to support Kazakhstan" as the two sides acting together', () => {
    const r = classify({
      title: null,
      body: 'Astana – The United States Government, through USAID, has committed an additional $500,000 to support Kazakhstan’s efforts against the pandemic.',
    });
    expect(r.categories).toEqual(['kz-us']);
  });

  it('does not pair a deal that has no Kazakh side, or aid given by a third country', () => {
    expect(
      classify({
        title: null,
        body: 'Uzbekistan Airways signed a deal to purchase 14 Boeing 787 Dreamliners in New York.',
      }).categories,
    ).toEqual([]);
    expect(
      classify({
        title: null,
        body: 'China has committed new assistance to Kazakhstan, U.S. analysts said.',
      }).categories,
    ).toEqual([]);
  });
});

describe('the C5+1 told as background', () => {
  const trip =
    'В рамках этой поездки Токаев провел переговоры с Трампом, а также принял участие в саммите С5+1 в Вашингтоне.';
  it('is not the format’s news when a Kazakh official’s part in it is one sentence deep in the body', () => {
    const r = classify({
      title: 'Трамп передал Токаеву символический ключ',
      body: `Американский лидер передал президенту Казахстана ключ от Белого дома. Подарок вручили в Астане. Визит в Вашингтон состоялся в начале ноября. ${trip}`,
    });
    expect(r.categories).not.toContain('c5plus1');
  });

  it('is reported when the same sentence leads the item', () => {
    const r = classify({ title: null, body: `${trip} Лидеры пяти стран обсудили торговлю.` });
    expect(r.categories).toContain('c5plus1');
  });
});

describe('two bodies named with what they are, and an aircraft order as trade', () => {
  it('pairs "между авиакомпанией Air Astana и компанией Boeing" and reads the contract as trade', () => {
    const r = classify({
      title: null,
      body: 'По данным министерства, между авиакомпанией Air Astana и компанией Boeing подписан контракт на покупку 15 самолетов. Поставки начнутся через шесть лет.',
    });
    expect(r.categories).toEqual(['kz-us']);
    expect(r.topics).toContain('trade-investment');
  });

  it('does not pair across a third country named in the phrase', () => {
    const r = classify({
      title: null,
      body: 'Между авиакомпанией Air Astana и китайской компанией COMAC подписан контракт, сообщили в США.',
    });
    expect(r.categories).toEqual([]);
  });
});
