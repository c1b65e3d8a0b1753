/**
 * Topic vocabularies for security: Afghanistan and regional security, humanitarian aid, nuclear
 * non-proliferation.
 * Weights: see `topicThreshold` in thresholds.ts; a weight-0 entry comes first to swallow a span that
 * names the word without the subject.
 */
import type { Topic } from '../../model';
import { L, type WeightedPattern } from './pattern';

export const SECURITY_TOPICS = {
  'security-afghanistan': [
    { pattern: 'afghan' + L, weight: 1 },
    { pattern: 'taliban', weight: 1 },
    { pattern: '(?<!(?:nuclear|energy|food|information|cyber|social) )security', weight: 0.6 },
    { pattern: '(?:regional|border|international) security', weight: 1 },
    { pattern: 'terroris' + L, weight: 1 },
    { pattern: 'counterterroris' + L, weight: 1 },
    { pattern: 'extremis' + L, weight: 1 },
    { pattern: 'military', weight: 0.7 },
    { pattern: 'defen[cs]e', weight: 0.7 },
    { pattern: 'troops', weight: 0.7 },
    { pattern: 'border security', weight: 1 },
    { pattern: 'peacekeep' + L, weight: 1 },
    { pattern: 'regional stability', weight: 1 },
    { pattern: 'афган' + L, weight: 1 },
    { pattern: 'талиб' + L, weight: 1 },
    {
      pattern: '(?<!(?:ядерн|энергетическ|продовольственн|информационн)\\p{L}* )безопасност' + L,
      weight: 0.6,
    },
    {
      pattern:
        '(?:региональн|пограничн|международн|глобальн)' +
        L +
        '(?: и (?:региональн|глобальн|международн)' +
        L +
        ')? безопасност' +
        L,
      weight: 1,
    },
    { pattern: '(?:в|об) (?:области|сфере) (?:обороны и )?безопасност' + L, weight: 1 },
    { pattern: 'террор' + L, weight: 1 },
    { pattern: 'экстремизм' + L, weight: 1 },
    { pattern: 'военн' + L, weight: 0.7 },
    { pattern: 'оборон' + L, weight: 0.7 },
    { pattern: 'миротвор' + L, weight: 1 },
    { pattern: 'ауған' + L, weight: 1 },
    { pattern: '(?<!(?:ядролық|энергетикалық|азық-түлік) )қауіпсіздік' + L, weight: 0.6 },
    { pattern: '(?:өңірлік|аймақтық|шекара) қауіпсіздіг' + L, weight: 1 },
    { pattern: '(?:жаһандық|халықаралық) қауіпсіздік' + L, weight: 1 },
    { pattern: '(?:өңірлік|аймақтық) қауіпсіздік' + L, weight: 1 },
    { pattern: 'лаңкес' + L, weight: 1 },
    { pattern: 'терроризм' + L, weight: 1 },
    { pattern: 'әскери' + L, weight: 0.7 },
    { pattern: 'бітімгер' + L, weight: 1 },
    { pattern: 'aughan' + L, weight: 1 },
    { pattern: 'augan' + L, weight: 1 },
    { pattern: 'aygan' + L, weight: 1 },
    { pattern: '(?<!(?:iadrolyq|energetikalyq) )qauipsizdik' + L, weight: 0.6 },
    { pattern: '(?:onirlik|aimaqtyq) qauipsizdik' + L, weight: 1 },
    { pattern: 'qayipsizdik' + L, weight: 0.6 },
    { pattern: 'terrorizm' + L, weight: 1 },
    { pattern: 'askeri' + L, weight: 0.7 },
    { pattern: 'lankes' + L, weight: 1 },
  ],
  'humanitarian-aid': [
    // "humanitarian issues/cooperation" in diplomatic prose means culture and people, not aid
    {
      pattern:
        'humanitarian (?:aid|assistance|relief|cargo|supplies|help|mission|corridor|crisis|considerations|grounds)',
      weight: 1,
    },
    { pattern: 'humanitarian', weight: 0.5 },
    { pattern: 'USAID', weight: 1 },
    { pattern: 'aid', weight: 0.7 },
    { pattern: 'assistance', weight: 0.7 },
    { pattern: 'donat' + L, weight: 0.8 },
    { pattern: 'vaccine' + L, weight: 0.8 },
    { pattern: 'relief', weight: 0.8 },
    { pattern: 'ventilators', weight: 1 },
    { pattern: 'refugee' + L, weight: 0.8 },
    { pattern: 'гуманитарн' + L + ' (?:помощ|груз|поддержк|содейств|миссия|коридор)' + L, weight: 1 },
    { pattern: 'гуманитарн' + L, weight: 0.5 },
    { pattern: 'помощ' + L, weight: 0.7 },
    { pattern: 'вакцин' + L, weight: 0.8 },
    { pattern: 'безвозмездн' + L, weight: 0.8 },
    { pattern: 'передал' + L, weight: 0.3 },
    { pattern: 'беженц' + L, weight: 0.8 },
    { pattern: 'гуманитарлық көмек' + L, weight: 1 },
    { pattern: 'гуманитарлық' + L, weight: 0.5 },
    { pattern: 'көмек' + L, weight: 0.7 },
    { pattern: 'вакцина' + L, weight: 0.8 },
    { pattern: 'g[uy]manitarlyq komek' + L, weight: 1 },
    { pattern: 'g[uy]manitarlyq' + L, weight: 0.5 },
    { pattern: 'komek' + L, weight: 0.7 },
    { pattern: 'vaktsina' + L, weight: 0.8 },
  ],
  'nuclear-nonproliferation': [
    { pattern: 'nuclear', weight: 1 },
    { pattern: 'non-?proliferation', weight: 1 },
    { pattern: 'semipalatinsk', weight: 1 },
    { pattern: 'uranium', weight: 0.5 },
    { pattern: 'nunn-lugar', weight: 1 },
    { pattern: 'IAEA', weight: 0.7 },
    { pattern: 'LEU bank', weight: 1 },
    { pattern: 'CTBT' + L, weight: 1 },
    { pattern: 'weapons of mass destruction', weight: 1 },
    { pattern: 'ядерн' + L, weight: 1 },
    { pattern: 'нераспространени' + L, weight: 1 },
    { pattern: 'семипалатинск' + L, weight: 1 },
    { pattern: 'уран' + L, weight: 0.5 },
    { pattern: 'МАГАТЭ', weight: 0.7 },
    { pattern: 'ДВЗЯИ', weight: 1 },
    { pattern: 'ядролық' + L, weight: 1 },
    { pattern: 'семей полигон' + L, weight: 1 },
    { pattern: 'таратпау' + L, weight: 1 },
    { pattern: 'iadrolyq' + L, weight: 1 },
    { pattern: 'yadrolyq' + L, weight: 1 },
    { pattern: 'uran' + L, weight: 0.5 },
    { pattern: 'taratpau' + L, weight: 1 },
  ],
} satisfies Partial<Record<Topic, WeightedPattern[]>>;
