/**
 * What names or describes the C5+1 format: its names, what the format does, a Kazakh official's past
 * part in it, the "5+1" without the C, the five states as a group, and the five states' names.
 */
import { L } from './pattern';

export const C5PLUS1_FORMAT = {
  /** The C5+1 format by name. `С` may be Cyrillic; spaces are free. Weight 0.6 each. */
  c5Names: [
    '[CСBВ]\\s*5\\s*\\+\\s*1(?!\\d)',
    '[CС]5\\+1',
    'central asia(?:n states| countries)?\\s*(?:\\+|plus)\\s*(?:the\\s+)?(?:US|USA|U\\.S\\.|united states|america)',
    'центральн' + L + ' ази' + L + '\\s*\\+\\s*(?:США|Америк' + L + ')',
    'орталық азия\\s*\\+\\s*(?:АҚШ|Америка)',
    'ortalyq azi+a\\s*\\+\\s*(?:AQSh|amerika)',
    'C5\\s*\\+\\s*(?:US|USA|United States)',
    // "the Central Asia – USA summit", "США — Центральная Азия": the format by its description
    'central asia(?:n states| countries)?\\s*[-–—]\\s*(?:the\\s+)?(?:US|USA|U\\.S\\.|united states|america)(?![\\p{L}])',
    '(?:US|USA|U\\.S\\.|united states)\\s*[-–—]\\s*central asia' + L,
    'центральн' + L + ' ази' + L + '\\s*[-–—]\\s*(?:США|Соединенн' + L + ' Штат' + L + '|Америк' + L + ')',
    '(?:США|ЦА)\\s*[-–—]\\s*(?:центральн' + L + ' ази' + L + '|США)',
    'орталық азия\\s*[-–—]\\s*(?:АҚШ|Америка)' + L,
    'ortalyq azi+a\\s*[-–—]\\s*(?:AQS|amerika)' + L,
  ],

  /**
   * Someone's completed part in an event ("took part in", "принял участие", "қатысты"). In the one
   * sentence of an item that names the format, outside the lead, a Kazakh official who took part in it
   * is Kazakhstan's part in a past event told as background (a trip's itinerary, a gift story): it weighs
   * as a passing mention (`c5NameAloneWeight`).
   */
  pastParticipation: [
    'took part',
    'participated',
    'attended',
    '(?:принял|приняла|приняли|принимал' + L + ') участи' + L,
    'участвовал' + L,
    'қатысты' + L,
    'qatysty' + L,
  ],

  /**
   * What the format does: a meeting, a summit, its working bodies meeting. The format named in a
   * sentence with one of these weighs 0.6; named without one ("Kyrgyzstan will keep taking part in the
   * C5+1", "through the C5+1 working group") it weighs `c5NameAloneWeight`, so one passing mention is
   * not a report of the format.
   */
  c5Activity: [
    'meeting' + L,
    'met',
    'meet' + L,
    'summit' + L,
    'ministerial' + L,
    'session' + L,
    'held',
    'hold' + L,
    'convene' + L,
    'gather' + L,
    'attend' + L,
    'talks',
    'joint statement',
    'declaration',
    'invit' + L,
    'host' + L,
    'launch' + L,
    'agreed',
    'adopted',
    'announc' + L,
    'conference',
    'reception',
    'forum',
    'встреч' + L,
    'встрет' + L,
    'саммит' + L,
    'министерск' + L,
    'заседани' + L,
    'провед' + L,
    'провел' + L,
    'прош' + L,
    'пройд' + L,
    'состоял' + L,
    'состоит' + L,
    'приглас' + L,
    'прием' + L,
    'конференци' + L,
    'форум' + L,
    'заявлени' + L,
    'деклараци' + L,
    'переговор' + L,
    'кездес' + L,
    'саммит' + L,
    'отырыс' + L,
    'өтті',
    'өтеді',
    'өткен',
    'өтетін',
    'шақыр' + L,
    'қабылда' + L,
    'конференция' + L,
    'мәлімдеме' + L,
    'министрлік' + L,
    'kezdes' + L,
    'sammit' + L,
    'otyrys' + L,
    'otti',
    'otedi',
    'otken',
    'otetin',
    'shaqyr' + L,
  ],
  c5NameAloneWeight: 0.45,

  /** A "five plus one" without the C, counted only next to a US mention (weight 0.4). */
  c5Ambiguous: [
    '(?<![CСBВ]\\s*)5\\s*\\+\\s*1(?!\\d)',
    '«5\\+1»',
    '"5\\+1"',
    'пять плюс один',
    'five plus one',
  ],

  /**
   * The five Central Asian states as a group. With a US mention and an interaction word in the same
   * sentence, and no other partner, they give c5plus1 evidence (0.45) — the group meets the US even
   * when the format is not named.
   */
  centralAsiaGroup: [
    'central asian (?:countries|states|nations|leaders|partners|foreign ministers|counterparts|republics)',
    '(?:countries|states|nations|leaders|foreign ministers|presidents|heads of state|republics) of central asia',
    'five central asian',
    'central asia five',
    'стран' + L + ' центральн' + L + ' ази' + L,
    'государств' + L + ' центральн' + L + ' ази' + L,
    'центральноазиатск' + L + ' (?:стран' + L + '|государств' + L + '|лидер' + L + '|партнер' + L + ')',
    'лидер' + L + ' центральн' + L + ' ази' + L,
    'министр' + L + ' иностранн' + L + ' дел (?:стран )?центральн' + L,
    // ЦА, the usual abbreviation of Central Asia, after a word for the states or their leaders
    '(?:стран|государств|лидер|глав|саммит|президент)' + L + ' ЦА',
    'глав' + L + ' (?:МИД|внешнеполитических ведомств) (?:стран )?(?:центральн' + L + ' ази' + L + '|ЦА)',
    'орталық азия елдер' + L,
    'орталық азия мемлекеттер' + L,
    'орталықазиялық' + L,
    'ortalyq aziia elder' + L,
    'ortalyq aziia memleketter' + L,
  ],
  /** The group counted as five ("the leaders of five Central Asian countries"): weighs like all five named. */
  centralAsiaFive: [
    'five central asian',
    '(?:five|5) (?:countries|states|nations|republics|leaders|presidents) of central asia',
    'пят' + L + ' (?:стран|государств|республик)' + L + ' центральн' + L + ' ази' + L,
    'пят' + L + ' центральноазиатск' + L,
    'орталық азия' + L + ' бес ел' + L,
    'ortalyq aziia' + L + ' bes el' + L,
  ],

  /** Names of the five states; four or more in one sentence with the US also count as the group. */
  c5States: [
    ['kazakhstan', 'казахстан', 'қазақстан', 'qazaqstan'],
    ['kyrgyz', 'кыргыз', 'киргиз', 'қырғыз', 'qyrgyz'],
    ['tajik', 'таджик', 'тәжік', 'tajik'],
    ['turkmen', 'туркмен', 'түрікмен', 'turikmen'],
    ['uzbek', 'узбек', 'өзбек', 'ozbek'],
  ],
} as const;
