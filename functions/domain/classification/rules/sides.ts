/**
 * Who the two sides are: Kazakhstan and the United States as actors, their abbreviations (some only
 * in upper case, so "us" the pronoun is not the US) and the titles that make a person an official of
 * one side.
 */
import { L } from './pattern';

export const SIDES = {
  /** Mentions of Kazakhstan as an actor (country, capital, president's office, "Kazakh ..."). */
  kazakhstan: [
    // Kazakh state agencies and companies stand for the Kazakh side, as US ones do for the US
    'kazaid',
    'samruk' + L,
    'kazmuna[iy]gas',
    'kazatomprom',
    'самрук' + L,
    'казмунайгаз' + L,
    'казатомпром' + L,
    'kazakhstan' + L,
    'kazakh' + L,
    'qazaqstan' + L,
    'kazakstan' + L,
    'astana' + L,
    'nur-sultan' + L,
    'akorda' + L,
    'казахстан' + L,
    'казахск' + L,
    'астан' + L,
    'нур-султан' + L,
    'акорд' + L,
    'қазақстан' + L,
    'қазақ елі' + L,
    'ақорда' + L,
    'нұр-сұлтан' + L,
    'qazaq eli' + L,
    'aqorda' + L,
    'nur-sultan' + L,
  ],

  /**
   * The Republic's abbreviations, matched in upper case only: РК ("МИД РК"), ҚР ("ҚР Президенті"), and
   * Latin QR when a lower-case word follows ("QR men AQŞ"), so a "QR code" is not Kazakhstan.
   */
  kazakhstanCaseSensitive: ['РК', 'ҚР', 'QR(?= [a-z])'],

  /** Mentions of the United States as an actor, matched case-insensitively. */
  usa: [
    'united states' + L,
    'washington' + L,
    'american' + L,
    'america(?!\\p{L})',
    'state department',
    'department of state',
    'white house',
    'pentagon',
    'u\\.s\\. congress',
    'usaid',
    'us congress',
    'соединенн\\p{L}* штат' + L,
    'вашингтон' + L,
    'американ' + L,
    'америк' + L,
    'госдеп' + L,
    'белого дома',
    'белый дом',
    'белом доме',
    'ақ үй' + L,
    'aq ui' + L,
    'америка құрама штат' + L,
    'америкалық' + L,
    'америка' + L,
    'amerika' + L,
    'amerikalyq' + L,
    'vashington' + L,
    // US companies and agencies stand for the US side (US investment in or aid to Kazakhstan)
    'chevron',
    'exxon' + L,
    'exxonmobil',
    'boeing',
    'wabtec',
    'general electric',
    'citigroup',
    'USGS',
    'geological survey',
    'national nuclear security administration',
    'NNSA',
    'CENTCOM',
    'central command',
    'peace corps',
    'chamber of commerce of the united states',
    'шеврон' + L,
    'эксонмобил' + L,
    'боинг' + L,
  ],

  /**
   * Officials named by their office rather than by name ("the US President", "Президент Казахстана").
   * A sentence with officials of both sides and an interaction word weighs like one naming them.
   */
  officialTitles: {
    US: [
      '(?:U\\.?S\\.?|American|United States) (?:president|vice president|secretary of state|secretary|ambassador|envoy|special envoy|chargé d.affaires|charge d.affaires|delegation|administration|congressm[ae]n|senators?)',
      '(?:president|vice president|secretary|ambassador|envoy) of the united states',
      'secretary of state',
      'state secretary',
      'white house',
      'президент' + L + ' (?:США|Соединенн' + L + ' Штатов(?: Америки)?)',
      'госсекретар' + L,
      'государственн' + L + ' секретар' + L + ' США',
      '(?:посол|послом|посла|послу|посланник' + L + ') США',
      'делегаци' + L + ' США',
      'американск' + L + ' (?:делегаци|сторон|коллег|партнер)' + L,
      'АҚШ (?:Президент|Мемлекеттік хатшы|елші|делегация)' + L,
      'америкалық (?:тарап|әріптес|делегация)' + L,
      'американдық (?:тарап|әріптес|делегация)' + L,
      'AQS[Hh] (?:prezident|memlekettik hatshy|elshi|delegatsi)' + L,
      'amerikalyq (?:tarap|ariptes|delegatsi)' + L,
    ],
    KZ: [
      '(?:kazakh|kazakhstan' +
        L +
        ') (?:president|foreign minister|deputy foreign minister|prime minister|minister|ambassador|delegation|side|counterpart' +
        L +
        ')',
      '(?:president|prime minister|foreign minister|minister of foreign affairs|ambassador) of (?:the republic of )?kazakhstan',
      'президент' + L + ' (?:Казахстана|РК|Республики Казахстан)',
      // Kazakh and Russian-language Kazakh media call the President "the Head of State"
      'глав' + L + ' государства',
      'мемлекет басшы' + L,
      'memleket basshy' + L,
      'казахстанск' + L + ' (?:делегаци|сторон|коллег|партнер)' + L,
      '(?:министр|посол|послом|посла)' + L + ' (?:иностранных дел )?(?:Казахстана|РК)',
      '(?:Қазақстан|ҚР) (?:Президенті|Республикасының Президенті|Сыртқы істер министрі|елшісі)' + L,
      'қазақстандық (?:тарап|делегация)' + L,
      '(?:Qazaqstan|QR) (?:Prezidenti|Respublikasynyn Prezidenti|Syrtqy ister ministri|elshisi)' + L,
      'qazaqstandyq (?:tarap|delegatsi)' + L,
    ],
  },
  /** US abbreviations that must match in upper case (so that "us" the pronoun is not the US). */
  usaCaseSensitive: ['US', 'USG', 'U\\.S\\.?', 'USA', 'U\\.S\\.A\\.?', 'США', 'АҚШ' + L, 'AQS' + L, 'АКШ'],
} as const;
