/**
 * The classifier's knowledge, as data. Every pattern is a regular-expression *source* (no flags, no
 * slashes) matched case-insensitively (unless listed under a `caseSensitive` key) against text that
 * has been folded: Latin diacritics removed (á→a, ý→u, ı→i, ǵ→g, ń→n; Cyrillic letters kept, ё→е,
 * й→и). So write Kazakh Latin in plain ASCII (`qazaqstan`, `aqsh`, `ortalyq aziia`) and Russian with
 * `е` for `ё` and `и` for `й`. Word stems take inflection: `казахстан\p{L}*` covers Казахстана,
 * Казахстаном; `блинкен\p{L}*` covers Блинкенмен. Every pattern is wrapped in letter boundaries.
 * See README.md in this folder for how the rules combine.
 */
import type { EventType, Topic } from '../model';

/** A weighted pattern: when it matches a sentence, `weight` is added to the label's evidence. */
export interface WeightedPattern {
  pattern: string;
  weight: number;
  note?: string;
}

export interface PersonRule {
  canonical: string;
  country: 'KZ' | 'US' | 'C5' | 'OTHER';
  /** Name stems in every script; inflectional endings are allowed after each. */
  patterns: string[];
}

const L = '\\p{L}*'; // any inflectional ending

export const RULES = {
  /** Mentions of Kazakhstan as an actor (country, capital, president's office, "Kazakh ..."). */
  kazakhstan: [
    'kazakhstan' + L, 'kazakh' + L, 'qazaqstan' + L, 'kazakstan' + L, 'astana' + L, 'nur-sultan' + L,
    'akorda' + L, 'казахстан' + L, 'казахск' + L, 'астан' + L, 'нур-султан' + L, 'акорд' + L,
    'қазақстан' + L, 'қазақ елі' + L, 'ақорда' + L, 'нұр-сұлтан' + L, 'qazaq eli' + L, 'aqorda' + L,
    'nur-sultan' + L,
  ],

  /**
   * The Republic's abbreviations, matched in upper case only: РК ("МИД РК"), ҚР ("ҚР Президенті"), and
   * Latin QR when a lower-case word follows ("QR men AQŞ"), so a "QR code" is not Kazakhstan.
   */
  kazakhstanCaseSensitive: ['РК', 'ҚР', 'QR(?= [a-z])'],

  /** Mentions of the United States as an actor, matched case-insensitively. */
  usa: [
    'united states' + L, 'washington' + L, 'american' + L, 'america(?!\\p{L})', 'state department',
    'department of state', 'white house', 'pentagon', 'u\\.s\\. congress', 'usaid', 'us congress',
    'соединенн\\p{L}* штат' + L, 'вашингтон' + L, 'американ' + L, 'америк' + L, 'госдеп' + L, 'белого дома',
    'белый дом', 'белом доме', 'ақ үй' + L, 'aq ui' + L, 'америка құрама штат' + L, 'америкалық' + L, 'америка' + L, 'amerika' + L,
    'amerikalyq' + L, 'vashington' + L,
    // US companies and agencies stand for the US side (US investment in or aid to Kazakhstan)
    'chevron', 'exxon' + L, 'exxonmobil', 'boeing', 'wabtec', 'general electric', 'citigroup', 'USGS',
    'geological survey', 'national nuclear security administration', 'NNSA', 'CENTCOM', 'central command',
    'peace corps', 'chamber of commerce of the united states', 'шеврон' + L, 'эксонмобил' + L, 'боинг' + L,
  ],

  /**
   * Officials named by their office rather than by name ("the US President", "Президент Казахстана").
   * A sentence with officials of both sides and an interaction word weighs like one naming them.
   */
  officialTitles: {
    US: [
      '(?:U\\.?S\\.?|American|United States) (?:president|vice president|secretary of state|secretary|ambassador|envoy|special envoy|chargé d.affaires|charge d.affaires|delegation|administration|congressm[ae]n|senators?)',
      '(?:president|vice president|secretary|ambassador|envoy) of the united states',
      'secretary of state', 'state secretary', 'white house',
      'президент' + L + ' (?:США|Соединенн' + L + ' Штатов(?: Америки)?)', 'госсекретар' + L,
      'государственн' + L + ' секретар' + L + ' США', '(?:посол|послом|посла|послу|посланник' + L + ') США', 'делегаци' + L + ' США', 'американск' + L + ' (?:делегаци|сторон|коллег|партнер)' + L,
      'АҚШ (?:Президент|Мемлекеттік хатшы|елші|делегация)' + L, 'америкалық (?:тарап|әріптес|делегация)' + L, 'американдық (?:тарап|әріптес|делегация)' + L,
      'AQS[Hh] (?:prezident|memlekettik hatshy|elshi|delegatsi)' + L, 'amerikalyq (?:tarap|ariptes|delegatsi)' + L,
    ],
    KZ: [
      '(?:kazakh|kazakhstan' + L + ') (?:president|foreign minister|deputy foreign minister|prime minister|minister|ambassador|delegation|side|counterpart' + L + ')',
      '(?:president|prime minister|foreign minister|minister of foreign affairs|ambassador) of (?:the republic of )?kazakhstan',
      'президент' + L + ' (?:Казахстана|РК|Республики Казахстан)', 'казахстанск' + L + ' (?:делегаци|сторон|коллег|партнер)' + L,
      '(?:министр|посол|послом|посла)' + L + ' (?:иностранных дел )?(?:Казахстана|РК)',
      '(?:Қазақстан|ҚР) (?:Президенті|Республикасының Президенті|Сыртқы істер министрі|елшісі)' + L, 'қазақстандық (?:тарап|делегация)' + L,
      '(?:Qazaqstan|QR) (?:Prezidenti|Respublikasynyn Prezidenti|Syrtqy ister ministri|elshisi)' + L, 'qazaqstandyq (?:tarap|delegatsi)' + L,
    ],
  },
  /** US abbreviations that must match in upper case (so that "us" the pronoun is not the US). */
  usaCaseSensitive: ['US', 'U\\.S\\.?', 'USA', 'U\\.S\\.A\\.?', 'США', 'АҚШ' + L, 'AQS' + L, 'АКШ'],

  /**
   * Phrases where the US is a currency unit, not an actor. They are blanked before matching, so the
   * tenge against the US dollar never counts as the two countries meeting.
   */
  currencyMasks: [
    'U\\.?S\\.? ?\\$', 'US dollar' + L, 'U\\.S\\. dollar' + L, 'United States dollar' + L, 'american dollar' + L,
    'доллар' + L + ' США', 'долл\\. США', 'американск' + L + ' доллар' + L, 'АҚШ доллар' + L,
    'AQS\\p{L}* dollar' + L, 'Amerika dollar' + L, 'US-dollar' + L,
  ],

  /** Adjacent pairings that name the two countries as a pair: "Kazakhstan-US", "between Kazakhstan and the US". */
  pairJoiners: ['\\s*[-–—]\\s*', '\\s+(?:and|и|мен|пен|бен|men|pen|ben|jane|және|with|с|со)\\s+(?:the\\s+)?'],
  /** The same, with a few words between ("Kazakhstan's Ministry of Energy and the US NNSA"), no commas. */
  pairPhraseJoiners: ['and', 'и', 'мен', 'пен', 'бен', 'men', 'pen', 'ben', 'jane', 'және'],
  pairPhraseMaxChars: 40,
  /** Words that make the phrase a comparison or a list, not two parties: "along with", "ahead of". */
  pairPhraseStopWords: ['with', 'along', 'among', 'including', 'than', 'like', 'ahead', 'after', 'before', 'behind', 'as', 'such', 'from', 'in', 'to', 'of', 'по', 'в', 'из', 'как'],

  /**
   * Words that say a sentence is about the two countries as such. In an item that reports the C5+1,
   * a kz-us sentence without one of these (and without a pairing, compound or office) is most often
   * Kazakhstan's part in the group meeting: it weighs `multilateralKzUsFactor` of its weight.
   */
  bilateralWords: [
    'bilateral', 'two countries', 'both countries', 'two nations', 'двусторонн' + L, 'двух стран', 'обеих стран',
    'екіжақты', 'екі ел' + L, 'ekijaqty', 'eki el' + L,
  ],
  multilateralKzUsFactor: 0.5,

  /** Bilateral compounds that decide kz-us by themselves (weight 0.6). */
  bilateralCompounds: [
    'казахстанско-американск' + L, 'американо-казахстанск' + L, 'kazakh-american' + L, 'american-kazakh' + L,
    'kazakhstani-american' + L, 'kazakhstan-american' + L,
    'қазақ-америка' + L, 'америка-қазақ' + L, 'qazaq-amerika' + L, 'amerika-qazaq' + L,
  ],
  /** Compounds that are names, not relations (a university, a chamber): matched and ignored. */
  bilateralNonRelations: ['kazakh-american (?:free )?universit' + L, 'казахстанско-американск' + L + ' (?:свободн' + L + ' )?университет' + L],

  /** Offices that imply the two states deal with each other (weight 0.5). */
  bilateralOffices: [
    '(?:U\\.?S\\.?|American|United States) (?:ambassador|embassy|consul\\p{L}*|charg[eé] d.affaires|mission) (?:to|in) (?:the republic of )?(?:kazakhstan|astana|almaty)',
    '(?:kazakh\\p{L}*|kazakhstan\\p{L}*) (?:ambassador|embassy|consul\\p{L}*|charg[eé] d.affaires) (?:to|in) (?:the )?(?:U\\.?S\\.?A?|united states|washington|new york)',
    "kazakhstan's (?:ambassador|embassy) (?:to|in) (?:the )?(?:U\\.?S\\.?A?|united states|washington)",
    '(?:посол\\p{L}*|посольств\\p{L}*|генконсульств\\p{L}*|генеральн\\p{L}* консульств\\p{L}*|поверенн\\p{L}* в делах) (?:США|Соединенн\\p{L}* Штат\\p{L}*)(?: Америки)? в (?:Казахстане|РК|Республике Казахстан|Астане|Алматы)',
    '(?:посол\\p{L}*|посольств\\p{L}*|генконсульств\\p{L}*) (?:Казахстана|РК|Республики Казахстан) в (?:США|Соединенн\\p{L}* Штат\\p{L}*|Вашингтоне|Нью-Йорке)',
    'АҚШ-(?:тың|та) Қазақстандағы (?:елші\\p{L}*|консул\\p{L}*)',
    "(?:Қазақстанның|ҚР-ның|Қазақстан Республикасының) (?:АҚШ|Америка Құрама Штаттарындағы)\\p{L}*(?:-тағы|-дағы)? (?:елші\\p{L}*|консул\\p{L}*)",
    'AQS[Hh]-(?:tyn|ta) Qazaqstandagy (?:elshi\\p{L}*|konsul\\p{L}*)',
    "Qazaqstannyn AQS[Hh]-(?:tagy|dagy) (?:elshi\\p{L}*|konsul\\p{L}*)",
    'AQS[Hh] (?:elshisi|elshiligi)',
    'АҚШ (?:елшісі|елшілігі)',
    '(?:U\\.?S\\.?|American) (?:ambassador|embassy|consul\\p{L}* general|consulate general)',
    '(?:consul general|consulate general|consulate) of the (?:USA|U\\.?S\\.?A?|United States) in (?:almaty|astana)',
    '(?:генконсул\\p{L}*|генеральн\\p{L}* консул\\p{L}*) США',
    'посол\\p{L}* США',
    'посольств\\p{L}* США',
  ],

  /**
   * Words of interaction or shared agenda. A sentence naming both countries with one of these gives
   * kz-us evidence (0.35); naming both without one gives 0.1.
   */
  interaction: [
    // en
    'met', 'meet' + L, 'talks', 'discuss' + L, 'phone', 'call', 'telephone', 'conversation', 'visit' + L, 'arriv' + L,
    'received', 'receiv' + L, 'host' + L, 'signed', 'sign' + L, 'agreement', 'memorandum', 'cooperat' + L,
    'partner' + L, 'bilateral', 'relations', 'ties', 'dialogue', 'agreed', 'invest' + L, 'aid', 'assist' + L,
    'grant' + L, 'donat' + L, 'provid' + L, 'support' + L, 'congratulat' + L, 'message', 'letter', 'condolence' + L,
    'thank' + L, 'prais' + L, 'welcom' + L, 'commission', 'consultations', 'delegation', 'ambassador', 'embassy',
    'consul' + L, 'visa' + L, 'joint' + L, 'credentials', 'envoy', 'counterpart', 'two countries', 'expanded',
    'strategic', 'sanction' + L, 'urged', 'appreciat' + L, 'exchange' + L, 'deal', 'contract' + L, 'launch' + L,
    // ru
    'встрет' + L, 'встреч' + L, 'переговор' + L, 'обсуди' + L, 'обсужд' + L, 'телефон' + L, 'разговор' + L,
    'визит' + L, 'посети' + L, 'прибы' + L, 'прини' + L, 'принял' + L, 'подпис' + L, 'соглашени' + L,
    'меморандум' + L, 'сотрудничеств' + L, 'партнерств' + L, 'партнер' + L, 'двусторонн' + L, 'отношени' + L,
    'диалог' + L, 'договори' + L, 'инвест' + L, 'помощ' + L, 'грант' + L, 'поддерж' + L, 'поздрави' + L,
    'послани' + L, 'письм' + L, 'соболезнован' + L, 'поблагодар' + L, 'делегаци' + L, 'посол' + L,
    'посольств' + L, 'консул' + L, 'виз' + L, 'совместн' + L, 'вручил' + L, 'верительн' + L, 'стратегическ' + L,
    'проект' + L, 'санкци' + L, 'передал' + L, 'выдел' + L,
    // kk Cyrillic
    'кездес' + L, 'келіссөз' + L, 'талқыла' + L, 'сапар' + L, 'қабылда' + L, 'қол қой' + L, 'келісім' + L,
    'ынтымақтастық' + L, 'әріптест' + L, 'екіжақты' + L, 'қарым-қатынас' + L, 'көмек' + L, 'қолда' + L,
    'құттықта' + L, 'хат' + L, 'көңіл айт' + L, 'алғыс' + L, 'елші' + L, 'бірлескен', 'стратегиялық',
    'инвестиция' + L, 'жоба' + L,
    // kk Latin (folded)
    'kezdes' + L, 'soiles' + L, 'kelissoz' + L, 'talqyla' + L, 'telefon' + L, 'sapar' + L, 'qabylda' + L, 'qol qoi' + L,
    'kelisim' + L, 'yntymaqtastyq' + L, 'ariptest' + L, 'ekijaqty', 'qarym-qatynas' + L, 'dialog' + L,
    'investitsi' + L, 'investisi' + L, 'komek' + L, 'qolda' + L, 'quttyqta' + L, 'alg[yi]s' + L, 'elshi' + L,
    'konsul' + L, 'viza' + L, 'birlesken', 'strategiialyq', 'joba' + L,
  ],

  /**
   * Sentences about these are not Kazakhstan–US relations even when both are named: currency
   * markets, sport. A sentence matching one gives no kz-us evidence; a title matching one scales the
   * whole item's kz-us evidence by `titleVetoFactor`.
   */
  negativeContexts: {
    currency: [
      // a rate or an exchange office, not any sum in tenge ("214 million tenge ($500,000) of aid")
      'tenge (?:per|to|against|for) ', 'per dollar', 'dollar rate' + L, 'exchange rate' + L, 'KASE', 'forex',
      'currency', 'federal reserve', 'the fed', 'fed rate' + L,
      'курс' + L + ' (?:тенге|доллар|валют)' + L, 'тенге за', 'за (?:1 )?доллар' + L, 'к доллару', 'обменн' + L,
      'обменник' + L, 'валют' + L, 'биржев' + L, 'ФРС',
      'теңгеге шаққан' + L, 'теңгеден', 'бағам' + L, 'айырбастау' + L, 'валюта' + L, 'valiuta' + L, 'bagam' + L,
    ],
    sport: [
      'hockey', 'NHL', 'KHL', 'boxing', 'boxer' + L, 'bout', 'UFC', 'MMA', 'tennis', 'davis cup', 'billie jean king',
      'tournament', 'championship' + L, 'olympi' + L, 'medal' + L, 'football', 'soccer', 'FIFA', 'wrestl' + L,
      'judo', 'cycling', 'cyclist' + L, 'goalkeeper', 'striker', 'world cup', 'grand prix', 'match' + L,
      'fighter', 'knockout', 'title fight', 'WBA', 'WBC', 'IBF', 'WBO', 'skater', 'figure skating', 'biathlon',
      'хоккей' + L, 'бокс' + L, 'теннис' + L, 'кубок дэвиса', 'турнир' + L, 'чемпионат' + L, 'олимпи' + L,
      'медал' + L, 'футбол' + L, 'вольн' + L + ' борьб' + L, 'греко-римск' + L, 'борец', 'борц' + L, 'поединок', 'поедин' + L, 'нокаут' + L, 'матч' + L, 'спортсмен' + L,
      'дэвис кубог' + L, 'жарыс' + L, 'олимпиада' + L, 'медаль' + L, 'чемпион' + L, 'спорт' + L,
      'hokkei' + L, 'boks' + L, 'tennis' + L, 'turnir' + L, 'chempionat' + L, 'olimpiada' + L, 'medal' + L,
      'chempion' + L, 'sport' + L, 'jarys' + L,
    ],
  },
  titleVetoFactor: 0.25,

  /**
   * Other countries and blocs. A sentence that names one of them next to Kazakhstan and the US (and
   * no explicit Kazakhstan–US pairing) is a third-party or multilateral sentence: its kz-us weight is
   * scaled by `thirdPartyFactor`.
   */
  thirdParties: [
    'china', 'chinese', 'beijing', 'russia' + L, 'moscow', 'european union', 'the EU', 'EU', 'brussels', 'japan' + L,
    'tokyo', 'korea' + L, 'seoul', 'india' + L, 'germany', 'german', 'berlin', 'turkey', 'turkiye', 'turkish',
    'france', 'french', 'paris', 'britain', 'british', 'united kingdom', 'UK',
    'uzbek' + L, 'kyrgyz' + L, 'tajik' + L, 'turkmen' + L, 'azerbaijan' + L, 'mongolia' + L,
    'saudi', 'emirates', 'UAE', 'qatar' + L, 'italy', 'italian', 'canada', 'canadian', 'pakistan' + L,
    'united nations', 'UN', 'OSCE', 'SCO', 'CICA', 'G20', 'G7', 'NATO', 'BRICS', 'CIS', 'EAEU', 'CSTO', 'IAEA',
    'IMF', 'world bank', 'COP ?\\d+', 'general assembly',
    'китай' + L, 'китайск' + L, 'кнр', 'пекин' + L, 'росси' + L, 'российск' + L, 'москв' + L, 'евросоюз' + L,
    'европейск' + L + ' союз' + L, 'ЕС', 'япони' + L, 'корея' + L, 'корейск' + L, 'инди' + L, 'германи' + L,
    'турци' + L, 'франци' + L, 'великобритани' + L, 'узбекистан' + L, 'кыргызстан' + L,
    'киргиз' + L, 'таджикистан' + L, 'туркменистан' + L, 'азербайджан' + L, 'ООН', 'ОБСЕ', 'ШОС', 'СВМДА',
    'ЕАЭС', 'ОДКБ', 'СНГ', 'МАГАТЭ', 'МВФ', 'генассамбле' + L, 'генеральн' + L + ' ассамбле' + L,
    'қытай' + L, 'ресей' + L, 'мәскеу' + L, 'еуроодақ' + L, 'жапония' + L, 'корея' + L, 'үндістан' + L,
    'германия' + L, 'түркия' + L, 'өзбекстан' + L, 'қырғызстан' + L, 'тәжікстан' + L, 'түрікменстан' + L,
    'БҰҰ', 'ЕҚЫҰ', 'ШЫҰ', 'АӨСШК',
    'qytai' + L, 'resei' + L, 'euroodaq' + L, 'japoniia' + L, 'koreia' + L, 'undistan' + L, 'germaniia' + L,
    'turkiia' + L, 'ozbekstan' + L, 'qyrgyzstan' + L, 'tajikstan' + L, 'turikmenstan' + L, 'BUU',
  ],
  thirdPartyFactor: 0.25,

  /** A kz-us label needs this much summed evidence. Scores are 1 - 0.5^(sum / threshold). */
  kzUsThreshold: 0.5,
  c5Threshold: 0.5,

  /** The C5+1 format by name. `С` may be Cyrillic; spaces are free. Weight 0.6 each. */
  c5Names: [
    '[CСBВ]\\s*5\\s*\\+\\s*1(?!\\d)',
    '[CС]5\\+1',
    'central asia(?:n states| countries)?\\s*(?:\\+|plus)\\s*(?:the\\s+)?(?:US|USA|U\\.S\\.|united states|america)',
    'центральн' + L + ' ази' + L + '\\s*\\+\\s*(?:США|Америк' + L + ')',
    'орталық азия\\s*\\+\\s*(?:АҚШ|Америка)',
    'ortalyq azi+a\\s*\\+\\s*(?:AQSh|amerika)',
    'C5\\s*\\+\\s*(?:US|USA|United States)',
  ],

  /**
   * What the format does: a meeting, a summit, its working bodies meeting. The format named in a
   * sentence with one of these weighs 0.6; named without one ("Kyrgyzstan will keep taking part in the
   * C5+1", "through the C5+1 working group") it weighs `c5NameAloneWeight`, so one passing mention is
   * not a report of the format.
   */
  c5Activity: [
    'meeting' + L, 'met', 'meet' + L, 'summit' + L, 'ministerial' + L, 'session' + L, 'held', 'hold' + L, 'convene' + L,
    'gather' + L, 'attend' + L, 'talks', 'joint statement', 'declaration', 'invit' + L, 'host' + L, 'launch' + L,
    'agreed', 'adopted', 'announc' + L, 'conference', 'reception', 'forum',
    'встреч' + L, 'встрет' + L, 'саммит' + L, 'министерск' + L, 'заседани' + L, 'провед' + L, 'провел' + L,
    'прош' + L, 'пройд' + L, 'состоял' + L, 'состоит' + L, 'приглас' + L, 'прием' + L, 'конференци' + L, 'форум' + L,
    'заявлени' + L, 'деклараци' + L, 'переговор' + L,
    'кездес' + L, 'саммит' + L, 'отырыс' + L, 'өтті', 'өтеді', 'өткен', 'өтетін', 'шақыр' + L, 'қабылда' + L,
    'конференция' + L, 'мәлімдеме' + L, 'министрлік' + L,
    'kezdes' + L, 'sammit' + L, 'otyrys' + L, 'otti', 'otedi', 'otken', 'otetin', 'shaqyr' + L,
  ],
  c5NameAloneWeight: 0.45,

  /**
   * A visit to Kazakhstan ("visit Kazakhstan", "посетит Казахстан", "Қазақстанға сапар"): with the
   * US side in the sentence and no third country, the two sides meet as directly as in a pairing.
   */
  visitToKazakhstan: [
    '(?:visit' + L + '|trip|travel' + L + '|arriv' + L + '|came|comes|coming)(?: to| in)? (?:kazakhstan|astana|almaty|nur-sultan)' + L,
    '(?:визит' + L + '|поездк' + L + ') в (?:казахстан|астан|алмат|нур-султан)' + L,
    '(?:посет' + L + '|прибы' + L + '|приед' + L + '|прилет' + L + '|прилет' + L + ')(?: в)? (?:казахстан|астан|алмат|нур-султан)' + L,
    '(?:қазақстан|астана|алматы|нұр-сұлтан)' + L + ' (?:ресми |жұмыс |мемлекеттік )?(?:сапар' + L + '|кел' + L + ')',
    '(?:qazaqstan|astana|almaty|nur-sultan)' + L + ' (?:resmi |jumys )?(?:sapar' + L + '|kel' + L + ')',
  ],

  /** A "five plus one" without the C, counted only next to a US mention (weight 0.4). */
  c5Ambiguous: ['(?<![CСBВ]\\s*)5\\s*\\+\\s*1(?!\\d)', '«5\\+1»', '"5\\+1"', 'пять плюс один', 'five plus one'],

  /**
   * The five Central Asian states as a group. With a US mention and an interaction word in the same
   * sentence, and no other partner, they give c5plus1 evidence (0.45) — the group meets the US even
   * when the format is not named.
   */
  centralAsiaGroup: [
    'central asian (?:countries|states|nations|leaders|partners|foreign ministers|counterparts|republics)',
    '(?:countries|states|nations|leaders|foreign ministers|presidents|heads of state|republics) of central asia',
    'five central asian', 'central asia five',
    'стран' + L + ' центральн' + L + ' ази' + L, 'государств' + L + ' центральн' + L + ' ази' + L,
    'центральноазиатск' + L + ' (?:стран' + L + '|государств' + L + '|лидер' + L + '|партнер' + L + ')',
    'лидер' + L + ' центральн' + L + ' ази' + L, 'министр' + L + ' иностранн' + L + ' дел (?:стран )?центральн' + L,
    // ЦА, the usual abbreviation of Central Asia, after a word for the states or their leaders
    '(?:стран|государств|лидер|глав|саммит|президент)' + L + ' ЦА',
    'глав' + L + ' (?:МИД|внешнеполитических ведомств) (?:стран )?(?:центральн' + L + ' ази' + L + '|ЦА)',
    'орталық азия елдер' + L, 'орталық азия мемлекеттер' + L, 'орталықазиялық' + L,
    'ortalyq aziia elder' + L, 'ortalyq aziia memleketter' + L,
  ],
  /** Names of the five states; four or more in one sentence with the US also count as the group. */
  c5States: [
    ['kazakhstan', 'казахстан', 'қазақстан', 'qazaqstan'],
    ['kyrgyz', 'кыргыз', 'киргиз', 'қырғыз', 'qyrgyz'],
    ['tajik', 'таджик', 'тәжік', 'tajik'],
    ['turkmen', 'туркмен', 'түрікмен', 'turikmen'],
    ['uzbek', 'узбек', 'өзбек', 'ozbek'],
  ],

  /**
   * Other "Central Asia plus a partner" formats. A sentence naming one of these gives no c5plus1
   * evidence unless it also names C5+1 explicitly with the US; a title naming one scales c5plus1 down.
   */
  otherFormats: [
    'C5\\s*\\+\\s*(?:japan|korea|india|china|EU|germany|russia|uk)' + L,
    'central asia' + L + '\\s*(?:\\+|plus|[-–—]|and)\\s*(?:the\\s+)?(?:japan|korea|republic of korea|india|china|EU|european union|germany|russia|GCC|gulf|italy|france|turkey|azerbaijan|UK)' + L,
    '(?:japan|korea|india|china|EU|european union|germany|russia|GCC|italy|france|turkey)' + L + '\\s*[-–—+]\\s*central asia' + L,
    'Z5', 'C5\\+Japan',
    'центральн' + L + ' ази' + L + '\\s*(?:\\+|[-–—])\\s*(?:япони|коре|инди|кита|ЕС|евросоюз|германи|росси|ССАГПЗ|итали|франци|турци)' + L,
    '(?:япони|коре|инди|кита|ЕС|евросоюз|германи|росси|ССАГПЗ|итали|франци|турци)' + L + '\\s*[-–—+]\\s*центральн' + L + ' ази' + L,
    'орталық азия\\s*(?:\\+|[-–—])\\s*(?:жапония|корея|үндістан|қытай|ЕО|еуроодақ|германия|ресей)' + L,
    '(?:жапония|корея|үндістан|қытай|ЕО|еуроодақ|германия|ресей)' + L + '\\s*[-–—+]\\s*орталық азия' + L,
    'ortalyq aziia\\s*(?:\\+|[-–—])\\s*(?:japoniia|koreia|undistan|qytai|EO|euroodaq|germaniia|resei)' + L,
    '(?:japoniia|koreia|undistan|qytai|euroodaq|germaniia|resei)' + L + '\\s*[-–—+]\\s*ortalyq aziia' + L,
  ],
  /** Partners of those other formats; a "5+1" next to one of them (and no US) is not C5+1. */
  otherPartners: [
    'japan' + L, 'korea' + L, 'india' + L, 'china', 'chinese', 'european union', 'EU', 'germany', 'german',
    'russia' + L, 'italy', 'turkey', 'GCC', 'gulf',
    'япони' + L, 'коре' + L, 'инди' + L, 'кита' + L, 'евросоюз' + L, 'ЕС', 'германи' + L, 'росси' + L,
    'жапония' + L, 'үндістан' + L, 'қытай' + L, 'еуроодақ' + L, 'германия' + L, 'ресей' + L,
    'japoniia' + L, 'undistan' + L, 'qytai' + L, 'euroodaq' + L, 'resei' + L,
  ],
  otherFormatTitleFactor: 0.3,

  /**
   * Topics, each a list of weighted patterns; a topic is assigned to a relevant item when its summed
   * weight reaches `topicThreshold` (a title match counts double).
   */
  topicThreshold: 1,
  topics: {
    'trade-investment': [
      { pattern: 'trade' + L, weight: 1 }, { pattern: 'invest' + L, weight: 1 }, { pattern: 'business' + L, weight: 0.5 },
      { pattern: 'export' + L, weight: 0.6 }, { pattern: 'import' + L, weight: 0.5 }, { pattern: 'economic cooperation', weight: 1 },
      { pattern: 'economic relations', weight: 1 }, { pattern: 'TIFA', weight: 1 }, { pattern: 'B5\\+1', weight: 1 },
      { pattern: 'commerc' + L, weight: 0.6 }, { pattern: 'market access', weight: 1 }, { pattern: 'jackson-vanik', weight: 1 },
      { pattern: 'companies', weight: 0.5 }, { pattern: 'company', weight: 0.4 }, { pattern: 'deals?', weight: 0.5 },
      // a sum of money attached to a project or agreement
      { pattern: 'worth (?:more than |over |about |nearly |up to )?(?:\\$|usd )?\\d', weight: 0.7 },
      { pattern: 'на сумму', weight: 0.7 }, { pattern: 'сделк' + L, weight: 0.5 }, { pattern: 'долларлық', weight: 0.5 }, { pattern: 'dollarlyq', weight: 0.5 }, { pattern: 'trade turnover', weight: 1 }, { pattern: 'AmCham', weight: 1 },
      { pattern: 'торгов' + L, weight: 1 }, { pattern: 'инвест' + L, weight: 1 }, { pattern: 'бизнес' + L, weight: 0.5 },
      { pattern: 'экспорт' + L, weight: 0.6 }, { pattern: 'импорт' + L, weight: 0.5 }, { pattern: 'товарооборот' + L, weight: 1 },
      { pattern: 'торгово-экономическ' + L, weight: 1 }, { pattern: 'экономическ' + L + ' сотрудничеств' + L, weight: 1 },
      { pattern: 'компани' + L, weight: 0.4 },
      { pattern: 'сауда' + L, weight: 1 }, { pattern: 'инвестиция' + L, weight: 1 }, { pattern: 'тауар айналым' + L, weight: 1 },
      { pattern: 'сауда-экономика' + L, weight: 1 }, { pattern: 'экономикалық ынтымақтастық' + L, weight: 1 },
      { pattern: 'компания' + L, weight: 0.4 },
      { pattern: 'sauda' + L, weight: 1 }, { pattern: 'investitsi' + L, weight: 1 }, { pattern: 'investisi' + L, weight: 1 },
      { pattern: 'investor' + L, weight: 1 }, { pattern: 'biznes' + L, weight: 0.5 }, { pattern: 'eksport' + L, weight: 0.6 },
      { pattern: 'tauar ainalym' + L, weight: 1 }, { pattern: 'ekonomikalyq' + L, weight: 0.5 },
    ],
    energy: [
      // A ministry's name is not the subject: weight-0 entries come first so they swallow the span.
      { pattern: '(?:ministry|department|minister|secretary) of energy|energy (?:ministry|minister|secretary)|(?:for|of) energy resources', weight: 0 },
      { pattern: '(?:министерств|министр)' + L + ' энергетики|минэнерго', weight: 0 },
      { pattern: 'энергетика министр' + L, weight: 0 }, { pattern: 'energetika ministr' + L, weight: 0 },
      { pattern: 'energy', weight: 1 }, { pattern: 'oil', weight: 1 }, { pattern: 'gas', weight: 0.7 },
      { pattern: 'chevron', weight: 1 }, { pattern: 'exxon' + L, weight: 1 }, { pattern: 'tengiz' + L, weight: 1 },
      { pattern: 'kashagan', weight: 1 }, { pattern: 'karachaganak', weight: 1 }, { pattern: 'renewabl' + L, weight: 1 },
      { pattern: 'pipeline' + L, weight: 1 }, { pattern: 'CPC', weight: 0.7 }, { pattern: 'hydrogen', weight: 1 },
      { pattern: 'power plant' + L, weight: 1 }, { pattern: 'electricity', weight: 1 },
      { pattern: 'энерг' + L, weight: 1 }, { pattern: 'нефт' + L, weight: 1 }, { pattern: 'газ(?:а|ом|е|ов|овый|ового|опровод\\p{L}*)?', weight: 0.7 },
      { pattern: 'тенгиз' + L, weight: 1 }, { pattern: 'кашаган' + L, weight: 1 }, { pattern: 'ВИЭ', weight: 1 },
      { pattern: 'шеврон' + L, weight: 1 }, { pattern: 'электроэнерг' + L, weight: 1 }, { pattern: 'водород' + L, weight: 1 },
      { pattern: 'мұнай' + L, weight: 1 }, { pattern: 'энергетика' + L, weight: 1 }, { pattern: 'сутегі' + L, weight: 1 },
      { pattern: 'munai' + L, weight: 1 }, { pattern: 'energetika' + L, weight: 1 }, { pattern: 'energiia' + L, weight: 1 },
      { pattern: 'tengiz' + L, weight: 1 },
    ],
    'security-afghanistan': [
      { pattern: 'afghan' + L, weight: 1 }, { pattern: 'taliban', weight: 1 }, { pattern: '(?<!(?:nuclear|energy|food|information|cyber|social) )security', weight: 0.6 },
      { pattern: '(?:regional|border|international) security', weight: 1 },
      { pattern: 'terroris' + L, weight: 1 }, { pattern: 'counterterroris' + L, weight: 1 }, { pattern: 'extremis' + L, weight: 1 },
      { pattern: 'military', weight: 0.7 }, { pattern: 'defen[cs]e', weight: 0.7 }, { pattern: 'troops', weight: 0.7 },
      { pattern: 'border security', weight: 1 }, { pattern: 'peacekeep' + L, weight: 1 }, { pattern: 'regional stability', weight: 1 },
      { pattern: 'афган' + L, weight: 1 }, { pattern: 'талиб' + L, weight: 1 }, { pattern: '(?<!(?:ядерн|энергетическ|продовольственн|информационн)\\p{L}* )безопасност' + L, weight: 0.6 },
      { pattern: '(?:региональн|пограничн|международн)' + L + ' безопасност' + L, weight: 1 },
      { pattern: 'террор' + L, weight: 1 }, { pattern: 'экстремизм' + L, weight: 1 }, { pattern: 'военн' + L, weight: 0.7 },
      { pattern: 'оборон' + L, weight: 0.7 }, { pattern: 'миротвор' + L, weight: 1 },
      { pattern: 'ауған' + L, weight: 1 }, { pattern: '(?<!(?:ядролық|энергетикалық|азық-түлік) )қауіпсіздік' + L, weight: 0.6 },
      { pattern: '(?:өңірлік|аймақтық|шекара) қауіпсіздіг' + L, weight: 1 }, { pattern: '(?:өңірлік|аймақтық) қауіпсіздік' + L, weight: 1 }, { pattern: 'лаңкес' + L, weight: 1 },
      { pattern: 'терроризм' + L, weight: 1 }, { pattern: 'әскери' + L, weight: 0.7 }, { pattern: 'бітімгер' + L, weight: 1 },
      { pattern: 'aughan' + L, weight: 1 }, { pattern: 'augan' + L, weight: 1 }, { pattern: 'aygan' + L, weight: 1 },
      { pattern: '(?<!(?:iadrolyq|energetikalyq) )qauipsizdik' + L, weight: 0.6 }, { pattern: '(?:onirlik|aimaqtyq) qauipsizdik' + L, weight: 1 }, { pattern: 'qayipsizdik' + L, weight: 0.6 }, { pattern: 'terrorizm' + L, weight: 1 },
      { pattern: 'askeri' + L, weight: 0.7 }, { pattern: 'lankes' + L, weight: 1 },
    ],
    climate: [
      { pattern: 'climate', weight: 1 }, { pattern: 'emission' + L, weight: 1 }, { pattern: 'carbon', weight: 1 },
      { pattern: 'decarboni' + L, weight: 1 }, { pattern: 'green economy', weight: 1 }, { pattern: 'net zero', weight: 1 },
      { pattern: 'methane', weight: 1 }, { pattern: 'environment' + L, weight: 0.8 }, { pattern: 'glacier' + L, weight: 1 },
      { pattern: 'климат' + L, weight: 1 }, { pattern: 'выброс' + L, weight: 1 }, { pattern: 'углерод' + L, weight: 1 },
      { pattern: 'декарбониз' + L, weight: 1 }, { pattern: 'зелен' + L + ' экономик' + L, weight: 1 }, { pattern: 'экологи' + L, weight: 0.6 },
      { pattern: 'метан' + L, weight: 1 },
      { pattern: 'көміртек' + L, weight: 1 }, { pattern: 'шығарынды' + L, weight: 1 }, { pattern: 'жасыл экономика' + L, weight: 1 },
      { pattern: 'klimat' + L, weight: 1 }, { pattern: 'komirtek' + L, weight: 1 }, { pattern: 'ekologi' + L, weight: 0.6 },
    ],
    'critical-minerals': [
      { pattern: 'critical (?:raw )?(?:minerals|materials)', weight: 1 }, { pattern: 'rare[- ]earth' + L, weight: 1 },
      { pattern: 'tungsten', weight: 1 }, { pattern: 'lithium', weight: 1 }, { pattern: 'minerals?', weight: 0.7 },
      { pattern: 'mining', weight: 1 }, { pattern: 'cove kaz', weight: 1 }, { pattern: 'graphite', weight: 1 },
      { pattern: 'критическ' + L + ' (?:важн' + L + ' )?(?:минерал|сырь)' + L, weight: 1 }, { pattern: 'редкоземельн' + L, weight: 1 },
      { pattern: 'вольфрам' + L, weight: 1 }, { pattern: 'лити' + L, weight: 1 }, { pattern: 'минерал' + L, weight: 0.7 },
      { pattern: 'горнодобыва' + L, weight: 0.6 }, { pattern: 'сирек жер' + L, weight: 1 }, { pattern: 'сирек металл' + L, weight: 1 },
      { pattern: 'маңызды минерал' + L, weight: 1 }, { pattern: 'сыни минерал' + L, weight: 1 }, { pattern: 'тау-кен' + L, weight: 0.6 },
      { pattern: 'siirek jer' + L, weight: 1 }, { pattern: 'manyzdy mineral' + L, weight: 1 }, { pattern: 'sirek jer' + L, weight: 1 }, { pattern: 'mineral' + L, weight: 0.7 },
      { pattern: 'volfram' + L, weight: 1 }, { pattern: 'litii' + L, weight: 1 }, { pattern: 'tau-ken' + L, weight: 0.6 },
    ],
    'humanitarian-aid': [
      // "humanitarian issues/cooperation" in diplomatic prose means culture and people, not aid
      { pattern: 'humanitarian (?:aid|assistance|relief|cargo|supplies|help|mission|corridor|crisis|considerations|grounds)', weight: 1 },
      { pattern: 'humanitarian', weight: 0.5 }, { pattern: 'USAID', weight: 1 }, { pattern: 'aid', weight: 0.7 },
      { pattern: 'assistance', weight: 0.7 }, { pattern: 'donat' + L, weight: 0.8 }, { pattern: 'vaccine' + L, weight: 0.8 },
      { pattern: 'relief', weight: 0.8 }, { pattern: 'ventilators', weight: 1 }, { pattern: 'refugee' + L, weight: 0.8 },
      { pattern: 'гуманитарн' + L + ' (?:помощ|груз|поддержк|содейств|миссия|коридор)' + L, weight: 1 }, { pattern: 'гуманитарн' + L, weight: 0.5 }, { pattern: 'помощ' + L, weight: 0.7 }, { pattern: 'вакцин' + L, weight: 0.8 },
      { pattern: 'безвозмездн' + L, weight: 0.8 }, { pattern: 'передал' + L, weight: 0.3 }, { pattern: 'беженц' + L, weight: 0.8 },
      { pattern: 'гуманитарлық көмек' + L, weight: 1 }, { pattern: 'гуманитарлық' + L, weight: 0.5 }, { pattern: 'көмек' + L, weight: 0.7 }, { pattern: 'вакцина' + L, weight: 0.8 },
      { pattern: 'g[uy]manitarlyq komek' + L, weight: 1 }, { pattern: 'g[uy]manitarlyq' + L, weight: 0.5 }, { pattern: 'komek' + L, weight: 0.7 },
      { pattern: 'vaktsina' + L, weight: 0.8 },
    ],
    'governance-reforms': [
      { pattern: 'reform' + L, weight: 1 }, { pattern: 'democra' + L, weight: 1 }, { pattern: 'human rights', weight: 1 },
      { pattern: 'rule of law', weight: 1 }, { pattern: 'public administration', weight: 1 }, { pattern: 'civil society', weight: 1 },
      { pattern: 'anti-corruption', weight: 1 }, { pattern: 'corruption', weight: 1 }, { pattern: 'good governance', weight: 1 },
      { pattern: 'elections?', weight: 0.6 }, { pattern: 'new kazakhstan', weight: 0.7 }, { pattern: 'just kazakhstan', weight: 0.7 },
      { pattern: 'реформ' + L, weight: 1 }, { pattern: 'демократ' + L, weight: 1 }, { pattern: 'прав' + L + ' человека', weight: 1 },
      { pattern: 'верховенств' + L + ' закона', weight: 1 }, { pattern: 'государственн' + L + ' управлени' + L, weight: 1 },
      { pattern: 'гражданск' + L + ' обществ' + L, weight: 1 }, { pattern: 'коррупц' + L, weight: 1 }, { pattern: 'выбор' + L, weight: 0.5 },
      { pattern: 'реформа' + L, weight: 1 }, { pattern: 'демократия' + L, weight: 1 }, { pattern: 'адам құқ' + L, weight: 1 },
      { pattern: 'мемлекеттік басқару' + L, weight: 1 }, { pattern: 'сыбайлас' + L, weight: 1 }, { pattern: 'азаматтық қоғам' + L, weight: 1 },
      { pattern: 'reforma' + L, weight: 1 }, { pattern: 'demokrati' + L, weight: 1 }, { pattern: 'adam quq' + L, weight: 1 },
      { pattern: 'memlekettik basqaru' + L, weight: 1 }, { pattern: 'sybailas' + L, weight: 1 },
    ],
    'nuclear-nonproliferation': [
      { pattern: 'nuclear', weight: 1 }, { pattern: 'non-?proliferation', weight: 1 }, { pattern: 'semipalatinsk', weight: 1 },
      { pattern: 'uranium', weight: 1 }, { pattern: 'nunn-lugar', weight: 1 }, { pattern: 'IAEA', weight: 0.7 },
      { pattern: 'LEU bank', weight: 1 }, { pattern: 'CTBT' + L, weight: 1 }, { pattern: 'weapons of mass destruction', weight: 1 },
      { pattern: 'ядерн' + L, weight: 1 }, { pattern: 'нераспространени' + L, weight: 1 }, { pattern: 'семипалатинск' + L, weight: 1 },
      { pattern: 'уран' + L, weight: 1 }, { pattern: 'МАГАТЭ', weight: 0.7 }, { pattern: 'ДВЗЯИ', weight: 1 },
      { pattern: 'ядролық' + L, weight: 1 }, { pattern: 'семей полигон' + L, weight: 1 }, { pattern: 'таратпау' + L, weight: 1 },
      { pattern: 'iadrolyq' + L, weight: 1 }, { pattern: 'yadrolyq' + L, weight: 1 }, { pattern: 'uran' + L, weight: 1 },
      { pattern: 'taratpau' + L, weight: 1 },
    ],
    'education-culture': [
      { pattern: 'educat' + L, weight: 1 }, { pattern: 'universit' + L, weight: 0.8 }, { pattern: 'student' + L, weight: 0.8 },
      { pattern: 'scholarship' + L, weight: 1 }, { pattern: 'fulbright', weight: 1 }, { pattern: 'bolashak', weight: 1 },
      { pattern: 'cultur' + L, weight: 0.8 }, { pattern: 'exhibition' + L, weight: 0.8 }, { pattern: 'academic', weight: 0.8 },
      { pattern: 'english language', weight: 0.8 }, { pattern: 'museum' + L, weight: 0.8 }, { pattern: 'school' + L, weight: 0.6 },
      { pattern: 'образован' + L, weight: 1 }, { pattern: 'университет' + L, weight: 0.8 }, { pattern: 'студент' + L, weight: 0.8 },
      { pattern: 'стипенди' + L, weight: 1 }, { pattern: 'фулбрайт' + L, weight: 1 }, { pattern: 'болашак' + L, weight: 1 },
      { pattern: 'культур' + L, weight: 0.8 }, { pattern: 'выставк' + L, weight: 0.8 }, { pattern: 'музе' + L, weight: 0.8 },
      { pattern: 'білім' + L, weight: 1 }, { pattern: 'мәдени' + L, weight: 0.8 }, { pattern: 'көрме' + L, weight: 0.8 },
      { pattern: 'bilim' + L, weight: 1 }, { pattern: 'universitet' + L, weight: 0.8 }, { pattern: 'student' + L, weight: 0.8 },
      { pattern: 'madeni' + L, weight: 0.8 }, { pattern: 'korme' + L, weight: 0.8 },
    ],
    'visas-consular': [
      { pattern: 'visa' + L, weight: 1 }, { pattern: 'consular', weight: 1 }, { pattern: 'consulate' + L, weight: 0.8 },
      { pattern: 'citizens', weight: 0.5 }, { pattern: 'deport' + L, weight: 1 }, { pattern: 'adoption of (?:children|orphans)|adopted children|adoptive', weight: 1 },
      { pattern: 'green card' + L, weight: 1 }, { pattern: 'travel ban', weight: 1 }, { pattern: 'entry (?:ban|restrictions)', weight: 1 },
      { pattern: 'виз(?!ит)' + L, weight: 1 }, { pattern: 'консульск' + L, weight: 1 }, { pattern: 'консульств' + L, weight: 0.8 },
      { pattern: 'депорт' + L, weight: 1 }, { pattern: 'гражданам' + L, weight: 0.5 }, { pattern: 'усыновл' + L, weight: 1 },
      { pattern: 'виза' + L, weight: 1 }, { pattern: 'консулдық' + L, weight: 1 }, { pattern: 'азаматтар' + L, weight: 0.5 },
      { pattern: 'viza' + L, weight: 1 }, { pattern: 'konsuldyq' + L, weight: 1 }, { pattern: 'azamattar' + L, weight: 0.5 },
    ],
  } satisfies Record<Topic, WeightedPattern[]>,

  /**
   * Event types, tried in this order, title first, then the first two sentences, then the whole text.
   */
  events: [
    ['call', ['phone (?:call|talk|conversation)' + L, 'telephone' + L, 'call' + L + ' with', 'held a call', 'spoke by phone', 'by (?:tele)?phone', 'phoned', 'phone talks',
      'телефонн' + L, 'по телефону', 'телефон' + L + ' арқылы', 'телефонмен', 'telefon' + L, 'videoconference', 'video call']],
    ['summit', ['summit' + L, 'саммит' + L, 'sammit' + L]],
    ['agreement', ['signed', 'agreement' + L, 'memorandum', 'подписал' + L, 'подписан' + L, 'соглашени' + L, 'меморандум' + L,
      'қол қой' + L, 'келісім' + L, 'qol qoi' + L, 'kelisim' + L]],
    ['visit', ['visit' + L, 'arriv' + L, 'визит' + L, 'прибыл' + L, 'посети' + L, 'сапар' + L, 'sapar' + L]],
    ['meeting', ['met', 'meet' + L, 'talks', 'discuss' + L, 'обсуди' + L, 'талқыла' + L, 'talqyla' + L, 'ministerial', 'dialogue', 'встрет' + L, 'встреч' + L, 'переговор' + L,
      'кездес' + L, 'келіссөз' + L, 'kezdes' + L, 'soiles' + L, 'kelissoz' + L, 'министерск' + L, 'forum', 'форум' + L]],
    ['statement', ['said', 'stated', 'statement', 'noted', 'told', 'interview', 'briefing', 'заявил' + L, 'заявлени' + L,
      'отметил' + L, 'сообщил' + L, 'брифинг' + L, 'интервью', 'мәлімде' + L, 'атап өт' + L, 'деді', 'malimde' + L,
      'atap ot' + L, 'dedi', 'брифинг' + L]],
  ] as Array<[EventType, string[]]>,
} as const;
