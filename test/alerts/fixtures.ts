import type { Classification, StoredItem } from '../../functions/domain/model';

export function classification(over: Partial<Classification> = {}): Classification {
  return {
    relevant: true,
    categories: ['kz-us'],
    scores: { 'kz-us': 0.82, c5plus1: 0 },
    topics: ['trade-investment'],
    people: ['Kassym-Jomart Tokayev', 'Donald Trump'],
    eventType: 'call',
    language: 'en',
    evidence: [
      { label: 'kz-us', text: 'President Tokayev held a phone call with US President Trump.', weight: 3 },
      {
        label: 'kz-us',
        text: 'The sides discussed expanding trade between Kazakhstan and the United States.',
        weight: 2,
      },
      {
        label: 'topic:trade-investment',
        text: 'American companies plan new investments in Kazakhstan.',
        weight: 1,
      },
      { label: 'person:Donald Trump', text: 'Trump thanked Tokayev for the invitation.', weight: 1 },
    ],
    ...over,
  };
}

export function item(over: Partial<StoredItem> & { itemId: string }): StoredItem {
  return {
    sourceId: 'kazinform-en',
    url: `https://www.inform.kz/en/${over.itemId}`,
    canonicalUrl: `https://www.inform.kz/en/${over.itemId}`,
    language: 'en',
    title: 'Tokayev and Trump discuss trade and investment in a phone call',
    lead: 'President Kassym-Jomart Tokayev held a telephone conversation with US President Donald Trump on Tuesday.',
    body: 'Body text.',
    author: null,
    publishedAt: '2026-11-24T09:30:00Z',
    fetchedAt: '2026-11-24T09:35:00Z',
    classification: classification(over.classification),
    storyId: over.itemId,
    ...over,
  } as StoredItem;
}

export const RU_TITLE =
  'Касым-Жомарт Токаев провёл телефонный разговор с Президентом Соединённых Штатов Америки Дональдом Трампом: стороны обсудили торговлю, инвестиции, критически важные минералы и подготовку к саммиту «Центральная Азия + США»';

export const KK_TITLE =
  'Қасым-Жомарт Тоқаев Америка Құрама Штаттарының Президенті Дональд Трамппен телефон арқылы сөйлесті: тараптар сауда, инвестиция, маңызды минералдар және «Орталық Азия – АҚШ» саммитіне дайындық мәселелерін талқылады';
