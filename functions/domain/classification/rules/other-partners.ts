/**
 * Other countries, blocs and "Central Asia plus a partner" formats: next to Kazakhstan and the US, or
 * to a "5+1", they make a sentence third-party or another format's, so it weighs less or nothing.
 */
import { L } from './pattern';

export const OTHER_PARTNERS = {
  /**
   * Other countries and blocs. A sentence that names one of them next to Kazakhstan and the US (and
   * no explicit Kazakhstan–US pairing) is a third-party or multilateral sentence: its kz-us weight is
   * scaled by `thirdPartyFactor`.
   */
  thirdParties: [
    'china',
    'chinese',
    'beijing',
    'russia' + L,
    'moscow',
    'european union',
    'the EU',
    'EU',
    'brussels',
    'japan' + L,
    'tokyo',
    'korea' + L,
    'seoul',
    'india' + L,
    'germany',
    'german',
    'berlin',
    'turkey',
    'turkiye',
    'turkish',
    'france',
    'french',
    'paris',
    'britain',
    'british',
    'united kingdom',
    'UK',
    'uzbek' + L,
    'kyrgyz' + L,
    'tajik' + L,
    'turkmen' + L,
    'azerbaijan' + L,
    'mongolia' + L,
    'saudi',
    'emirates',
    'UAE',
    'qatar' + L,
    'italy',
    'italian',
    'canada',
    'canadian',
    'pakistan' + L,
    'united nations',
    'UN',
    'OSCE',
    'SCO',
    'CICA',
    'G20',
    'G7',
    'NATO',
    'BRICS',
    'CIS',
    'EAEU',
    'CSTO',
    'IAEA',
    'IMF',
    'world bank',
    'COP ?\\d+',
    'general assembly',
    'китай' + L,
    'китайск' + L,
    'кнр',
    'пекин' + L,
    'росси' + L,
    'российск' + L,
    'москв' + L,
    'евросоюз' + L,
    'европейск' + L + ' союз' + L,
    'ЕС',
    'япони' + L,
    'корея' + L,
    'корейск' + L,
    'инди' + L,
    'германи' + L,
    'турци' + L,
    'франци' + L,
    'великобритани' + L,
    'узбекистан' + L,
    'кыргызстан' + L,
    'киргиз' + L,
    'таджикистан' + L,
    'туркменистан' + L,
    'азербайджан' + L,
    'ООН',
    'ОБСЕ',
    'ШОС',
    'СВМДА',
    'ЕАЭС',
    'ОДКБ',
    'СНГ',
    'МАГАТЭ',
    'МВФ',
    'генассамбле' + L,
    'генеральн' + L + ' ассамбле' + L,
    'қытай' + L,
    'ресей' + L,
    'мәскеу' + L,
    'еуроодақ' + L,
    'жапония' + L,
    'корея' + L,
    'үндістан' + L,
    'германия' + L,
    'түркия' + L,
    'өзбекстан' + L,
    'қырғызстан' + L,
    'тәжікстан' + L,
    'түрікменстан' + L,
    'БҰҰ',
    'ЕҚЫҰ',
    'ШЫҰ',
    'АӨСШК',
    'qytai' + L,
    'resei' + L,
    'euroodaq' + L,
    'japoniia' + L,
    'koreia' + L,
    'undistan' + L,
    'germaniia' + L,
    'turkiia' + L,
    'ozbekstan' + L,
    'qyrgyzstan' + L,
    'tajikstan' + L,
    'turikmenstan' + L,
    'BUU',
  ],
  thirdPartyFactor: 0.25,

  /**
   * Other "Central Asia plus a partner" formats. A sentence naming one of these gives no c5plus1
   * evidence unless it also names C5+1 explicitly with the US; a title naming one scales c5plus1 down.
   */
  otherFormats: [
    'C5\\s*\\+\\s*(?:japan|korea|india|china|EU|germany|russia|uk)' + L,
    'central asia' +
      L +
      '\\s*(?:\\+|plus|[-–—]|and)\\s*(?:the\\s+)?(?:japan|korea|republic of korea|india|china|EU|european union|germany|russia|GCC|gulf|italy|france|turkey|azerbaijan|UK)' +
      L,
    '(?:japan|korea|india|china|EU|european union|germany|russia|GCC|italy|france|turkey)' +
      L +
      '\\s*[-–—+]\\s*central asia' +
      L,
    'Z5',
    'C5\\+Japan',
    'центральн' +
      L +
      ' ази' +
      L +
      '\\s*(?:\\+|[-–—])\\s*(?:япони|коре|инди|кита|ЕС|евросоюз|германи|росси|ССАГПЗ|итали|франци|турци)' +
      L,
    '(?:япони|коре|инди|кита|ЕС|евросоюз|германи|росси|ССАГПЗ|итали|франци|турци)' +
      L +
      '\\s*[-–—+]\\s*центральн' +
      L +
      ' ази' +
      L,
    'орталық азия\\s*(?:\\+|[-–—])\\s*(?:жапония|корея|үндістан|қытай|ЕО|еуроодақ|германия|ресей)' + L,
    '(?:жапония|корея|үндістан|қытай|ЕО|еуроодақ|германия|ресей)' + L + '\\s*[-–—+]\\s*орталық азия' + L,
    'ortalyq aziia\\s*(?:\\+|[-–—])\\s*(?:japoniia|koreia|undistan|qytai|EO|euroodaq|germaniia|resei)' + L,
    '(?:japoniia|koreia|undistan|qytai|euroodaq|germaniia|resei)' + L + '\\s*[-–—+]\\s*ortalyq aziia' + L,
  ],
  /** Partners of those other formats; a "5+1" next to one of them (and no US) is not C5+1. */
  otherPartners: [
    'japan' + L,
    'korea' + L,
    'india' + L,
    'china',
    'chinese',
    'european union',
    'EU',
    'germany',
    'german',
    'russia' + L,
    'italy',
    'turkey',
    'GCC',
    'gulf',
    'япони' + L,
    'коре' + L,
    'инди' + L,
    'кита' + L,
    'евросоюз' + L,
    'ЕС',
    'германи' + L,
    'росси' + L,
    'жапония' + L,
    'үндістан' + L,
    'қытай' + L,
    'еуроодақ' + L,
    'германия' + L,
    'ресей' + L,
    'japoniia' + L,
    'undistan' + L,
    'qytai' + L,
    'euroodaq' + L,
    'resei' + L,
  ],
  otherFormatTitleFactor: 0.3,
  /**
   * A lead (headline and the first `leadSentences` body sentences) about the US and one other Central
   * Asian state, naming neither Kazakhstan nor the group, scales the item's c5plus1 evidence by
   * `otherStateLeadFactor`: its C5+1 lines are that pair's channel or backdrop.
   */
  otherStateLeadFactor: 0.3,
} as const;
