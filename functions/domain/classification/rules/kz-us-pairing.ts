/**
 * What makes a sentence about Kazakhstan and the US *together*: the two named as a pair, bilateral
 * words, compounds and offices, a visit to or aid for Kazakhstan, and the words that join the two
 * sides as the parties of one meeting or deal.
 */
import { L } from './pattern';

export const KZ_US_PAIRING = {
  /** Adjacent pairings that name the two countries as a pair: "Kazakhstan-US", "between Kazakhstan and the US". */
  pairJoiners: ['\\s*[-–—]\\s*', '\\s+(?:and|и|мен|пен|бен|men|pen|ben|jane|және|with|с|со)\\s+(?:the\\s+)?'],
  /** The same, with a few words between ("Kazakhstan's Ministry of Energy and the US NNSA"), no commas. */
  pairPhraseJoiners: ['and', 'и', 'мен', 'пен', 'бен', 'men', 'pen', 'ben', 'jane', 'және'],
  pairPhraseMaxChars: 40,
  /** What the second body of a pair may be called before its name ("и компанией Boeing", "and company"). */
  pairPhraseBodyWords: [
    'компани\\p{L}*',
    'корпораци\\p{L}*',
    'агентств\\p{L}*',
    'компаниясы\\p{L}*',
    'company',
    'corporation',
    'agency',
  ],
  /** Words that make the phrase a comparison or a list, not two parties: "along with", "ahead of". */
  pairPhraseStopWords: [
    'with',
    'along',
    'among',
    'including',
    'than',
    'like',
    'ahead',
    'after',
    'before',
    'behind',
    'as',
    'such',
    'from',
    'in',
    'to',
    'of',
    'по',
    'в',
    'из',
    'как',
  ],

  /**
   * Words that say a sentence is about the two countries as such. In an item that reports the C5+1,
   * a kz-us sentence without one of these (and without a pairing, compound or office) is most often
   * Kazakhstan's part in the group meeting: it weighs `multilateralKzUsFactor` of its weight.
   */
  bilateralWords: [
    'bilateral',
    'two countries',
    'both countries',
    'two nations',
    'двусторонн' + L,
    'двух стран',
    'обеих стран',
    'екіжақты',
    'екі ел' + L,
    'ekijaqty',
    'eki el' + L,
  ],
  multilateralKzUsFactor: 0.5,

  /** Bilateral compounds that decide kz-us by themselves (weight 0.6). */
  bilateralCompounds: [
    'казахстанско-американск' + L,
    'американо-казахстанск' + L,
    'kazakh-american' + L,
    'american-kazakh' + L,
    'kazakhstani-american' + L,
    'kazakhstan-american' + L,
    'қазақ-америка' + L,
    'америка-қазақ' + L,
    'qazaq-amerika' + L,
    'amerika-qazaq' + L,
  ],
  /** Compounds that are names, not relations (a university, a chamber): matched and ignored. */
  bilateralNonRelations: [
    'kazakh-american (?:free )?universit' + L,
    'казахстанско-американск' + L + ' (?:свободн' + L + ' )?университет' + L,
  ],

  /** Offices that imply the two states deal with each other (weight 0.5). */
  bilateralOffices: [
    '(?:U\\.?S\\.?|American|United States) (?:ambassador|embassy|consul\\p{L}*|charg[eé] d.affaires|mission) (?:to|in) (?:the republic of )?(?:kazakhstan|astana|almaty)',
    '(?:kazakh\\p{L}*|kazakhstan\\p{L}*) (?:ambassador|embassy|consul\\p{L}*|charg[eé] d.affaires) (?:to|in) (?:the )?(?:U\\.?S\\.?A?|united states|washington|new york)',
    "kazakhstan's (?:ambassador|embassy) (?:to|in) (?:the )?(?:U\\.?S\\.?A?|united states|washington)",
    '(?:посол\\p{L}*|посольств\\p{L}*|генконсульств\\p{L}*|генеральн\\p{L}* консульств\\p{L}*|поверенн\\p{L}* в делах) (?:США|Соединенн\\p{L}* Штат\\p{L}*)(?: Америки)? в (?:Казахстане|РК|Республике Казахстан|Астане|Алматы)',
    '(?:посол\\p{L}*|посольств\\p{L}*|генконсульств\\p{L}*) (?:Казахстана|РК|Республики Казахстан) в (?:США|Соединенн\\p{L}* Штат\\p{L}*|Вашингтоне|Нью-Йорке)',
    'АҚШ-(?:тың|та) (?:Қазақстандағы|Алматыдағы|Астанадағы) (?:бас )?(?:елші\\p{L}*|консул\\p{L}*)',
    '(?:Қазақстанның|ҚР-ның|Қазақстан Республикасының) (?:АҚШ|Америка Құрама Штаттарындағы)\\p{L}*(?:-тағы|-дағы)? (?:елші\\p{L}*|консул\\p{L}*)',
    'AQS[Hh]-(?:tyn|ta) Qazaqstandagy (?:elshi\\p{L}*|konsul\\p{L}*)',
    'Qazaqstannyn AQS[Hh]-(?:tagy|dagy) (?:elshi\\p{L}*|konsul\\p{L}*)',
    'AQS[Hh] (?:elshisi|elshiligi)',
    'АҚШ (?:елшісі|елшілігі)',
    '(?:U\\.?S\\.?|American) (?:ambassador|embassy|consul\\p{L}* general|consulate general)',
    '(?:consul general|consulate general|consulate) of the (?:USA|U\\.?S\\.?A?|United States) in (?:almaty|astana)',
    '(?:генконсул\\p{L}*|генеральн\\p{L}* консул\\p{L}*) США',
    'посол\\p{L}* США',
    'посольств\\p{L}* США',
  ],

  /**
   * A visit to Kazakhstan ("visit Kazakhstan", "посетит Казахстан", "Қазақстанға сапар"), or aid given to
   * it ("assistance to Kazakhstan", "to support Kazakhstan's efforts", "помощь Казахстану",
   * "Қазақстанға көмек"): with the US side in the sentence and no third country, the two sides meet as
   * directly as in a pairing.
   */
  visitToKazakhstan: [
    '(?:assistance|aid|support|contribution|grant' +
      L +
      '|donation' +
      L +
      '|funding) (?:to|for) (?:the republic of )?kazakhstan' +
      L,
    '(?:support|assist|help)(?:s|ed|ing)? kazakhstan' + L,
    '(?:помощ|содейств|поддержк|грант|финансирован)' + L + ' (?:для )?(?:республик' + L + ' )?казахстан' + L,
    '(?:помог|поддерж|содейств)' + L + ' казахстан' + L,
    'қазақстан' + L + ' (?:көмек|қолдау|грант)' + L,
    'qazaqstan' + L + ' (?:komek|qoldau|grant)' + L,
    '(?:visit' +
      L +
      '|trip|travel' +
      L +
      '|arriv' +
      L +
      '|came|comes|coming)(?: to| in)? (?:kazakhstan|astana|almaty|nur-sultan)' +
      L,
    '(?:визит' + L + '|поездк' + L + ') в (?:казахстан|астан|алмат|нур-султан)' + L,
    '(?:посет' +
      L +
      '|прибы' +
      L +
      '|приед' +
      L +
      '|прилет' +
      L +
      '|прилет' +
      L +
      ')(?: в)? (?:казахстан|астан|алмат|нур-султан)' +
      L,
    '(?:қазақстан|астана|алматы|нұр-сұлтан)' +
      L +
      ' (?:ресми |жұмыс |мемлекеттік )?(?:сапар' +
      L +
      '|кел' +
      L +
      ')',
    '(?:qazaqstan|astana|almaty|nur-sultan)' + L + ' (?:resmi |jumys )?(?:sapar' + L + '|kel' + L + ')',
  ],

  /**
   * Between a mention of one side and one of the other, words that join them as the two parties of a
   * meeting or call ("USAID ... met with Kazakhstan's KazAID", "Рубио провел переговоры с ... Казахстана"),
   * or of one deal: a buyer and a seller ("Kazakhstan's Air Astana signed a deal to purchase up to 15
   * Boeing", "американская Cove Capital приобрела ... в Казахстане у Казахского фонда").
   */
  meetingJoiners: [
    '(?:met|meets|meeting|talks|spoke|speaks|a call|phone call|conversation|negotiations) with',
    '(?:received|hosted|welcomed)',
    '(?:встрет|переговор|разговор|беседова|беседу)\\p{L}* с',
    'принял(?:а|и)?(?! участи)',
    'кездес\\p{L}*|келіссөз\\p{L}*|сөйлес\\p{L}*|қабылда\\p{L}*',
    'kezdes\\p{L}*|kelissoz\\p{L}*|soiles\\p{L}*|qabylda\\p{L}*',
    '(?:purchas|acquir|order)(?:e|es|ed|ing)|(?:buy|buys|bought)',
    '(?:приобр|купи|купл|закуп|заказ)\\p{L}*',
    'сатып ал\\p{L}*|satyp al\\p{L}*',
  ],
  meetingJoinerMaxChars: 140,
} as const;
