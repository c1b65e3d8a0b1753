/**
 * Word banks and small helpers for generated news pages: the same sentence material in English,
 * Russian, Kazakh Cyrillic and Kazakh Latin, drawn by a seeded random source.
 */

export type Lang = 'en' | 'ru' | 'kk' | 'kk-latn';

export type R = () => number;
export const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: R, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export interface Bank {
  subjects: string[];
  verbs: string[];
  objects: string[];
  tails: string[];
  relevant: string[];
  dateline: string;
  readAlso: string;
  comments: string;
  latest: string;
  nav: string[];
  footer: string[];
  months: string[];
}

export const BANKS: Record<Lang, Bank> = {
  en: {
    subjects: [
      'The Ministry of Foreign Affairs',
      'The Government of Kazakhstan',
      'Deputy Prime Minister Serik Zhumangarin',
      'The Ministry of Energy',
      'The head of the Foreign Ministry',
      'The National Bank',
      'Representatives of business associations',
      'The akim of Almaty region',
      'The Ministry of Trade and Integration',
      'Members of the Mazhilis',
      'The delegation',
      'Experts of the Astana International Forum',
    ],
    verbs: [
      'discussed',
      'reviewed',
      'presented',
      'announced plans for',
      'signed a memorandum on',
      'called for stronger',
      'highlighted the progress of',
      'agreed to expand',
      'considered prospects for',
      'noted the importance of',
    ],
    objects: [
      'investment projects in the mining sector',
      'the modernisation of transport corridors',
      'cooperation in renewable energy',
      'the digitalisation of public services',
      'water management in the Aral Sea basin',
      'grain exports to neighbouring markets',
      'joint programmes in higher education',
      'reforms of the judicial system',
      'the development of small and medium-sized businesses',
      'logistics along the Trans-Caspian International Transport Route',
      'the supply of critical minerals',
      'regional security and stability',
    ],
    tails: [
      'at a meeting in Astana',
      'during a working visit',
      'according to the press service',
      'in the coming years',
      'on the sidelines of the forum',
      'as part of the national development plan',
      'by the end of the year',
      'with the participation of international partners',
    ],
    relevant: [
      'Kazakhstan and the United States discussed expanding cooperation in trade, energy and critical minerals',
      'The sides reviewed preparations for the C5+1 summit of the leaders of Central Asia and the United States',
      'The US Ambassador to Kazakhstan noted the strategic partnership between Washington and Astana',
      'Foreign ministers of the C5+1 format adopted a joint statement on regional connectivity',
      'The Kazakh-American Business Council met representatives of the US Department of Commerce',
    ],
    dateline: 'ASTANA. KAZINFORM – ',
    readAlso: 'Read also',
    comments: 'Comments',
    latest: 'Latest news',
    nav: [
      'Politics',
      'Economy',
      'Society',
      'World',
      'Regions',
      'Sports',
      'Culture',
      'Incidents',
      'Photo',
      'Video',
      'Press releases',
      'Special projects',
    ],
    footer: [
      'Use of materials of the agency is allowed only with a hyperlink to the source and with the permission of the editorial office.',
      'The editorial office is not responsible for the content of comments left by readers of the site.',
      'Certificate of registration of the mass media issued by the Ministry of Information and Social Development of the Republic of Kazakhstan.',
    ],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
  },
  ru: {
    subjects: [
      'Министерство иностранных дел',
      'Правительство Казахстана',
      'Заместитель премьер-министра',
      'Министерство энергетики',
      'Глава внешнеполитического ведомства',
      'Национальный банк',
      'Представители деловых ассоциаций',
      'Аким Алматинской области',
      'Министерство торговли и интеграции',
      'Депутаты Мажилиса',
      'Делегация',
      'Эксперты Астанинского международного форума',
    ],
    verbs: [
      'обсудили',
      'рассмотрели',
      'представили',
      'объявили о планах по',
      'подписали меморандум о',
      'призвали к укреплению',
      'отметили прогресс в',
      'договорились расширить',
      'обсудили перспективы',
      'подчеркнули важность',
    ],
    objects: [
      'инвестиционных проектов в горнодобывающей отрасли',
      'модернизации транспортных коридоров',
      'сотрудничества в сфере возобновляемой энергетики',
      'цифровизации государственных услуг',
      'управления водными ресурсами в бассейне Аральского моря',
      'экспорта зерна на соседние рынки',
      'совместных программ в сфере высшего образования',
      'реформы судебной системы',
      'развития малого и среднего бизнеса',
      'логистики по Транскаспийскому международному транспортному маршруту',
      'поставок критически важных минералов',
      'региональной безопасности и стабильности',
    ],
    tails: [
      'на встрече в Астане',
      'в ходе рабочего визита',
      'сообщает пресс-служба ведомства',
      'в ближайшие годы',
      'на полях форума',
      'в рамках национального плана развития',
      'до конца года',
      'при участии международных партнеров',
    ],
    relevant: [
      'Казахстан и США обсудили расширение сотрудничества в сфере торговли, энергетики и критических минералов',
      'Стороны рассмотрели подготовку к саммиту С5+1 лидеров стран Центральной Азии и Соединенных Штатов',
      'Посол США в Казахстане отметил стратегическое партнерство между Вашингтоном и Астаной',
      'Министры иностранных дел формата С5+1 приняли совместное заявление о региональной взаимосвязанности',
      'Казахстанско-американский деловой совет провел встречу с представителями Госдепартамента',
    ],
    dateline: 'АСТАНА. КАЗИНФОРМ – ',
    readAlso: 'Читайте также',
    comments: 'Комментарии',
    latest: 'Последние новости',
    nav: [
      'Политика',
      'Экономика',
      'Общество',
      'Мир',
      'Регионы',
      'Спорт',
      'Культура',
      'Происшествия',
      'Фото',
      'Видео',
      'Пресс-релизы',
      'Спецпроекты',
    ],
    footer: [
      'Использование материалов агентства допускается только при наличии гиперссылки на источник и с разрешения редакции.',
      'Редакция не несет ответственности за содержание комментариев, оставленных читателями сайта.',
      'Свидетельство о постановке на учет средства массовой информации выдано Министерством информации и общественного развития Республики Казахстан.',
    ],
    months: [
      'января',
      'февраля',
      'марта',
      'апреля',
      'мая',
      'июня',
      'июля',
      'августа',
      'сентября',
      'октября',
      'ноября',
      'декабря',
    ],
  },
  kk: {
    subjects: [
      'Сыртқы істер министрлігі',
      'Қазақстан Үкіметі',
      'Премьер-министрдің орынбасары',
      'Энергетика министрлігі',
      'Сыртқы саяси ведомство басшысы',
      'Ұлттық банк',
      'Іскерлік қауымдастықтардың өкілдері',
      'Алматы облысының әкімі',
      'Сауда және интеграция министрлігі',
      'Мәжіліс депутаттары',
      'Делегация',
      'Астана халықаралық форумының сарапшылары',
    ],
    verbs: [
      'талқылады',
      'қарастырды',
      'таныстырды',
      'жоспарын жариялады',
      'меморандумға қол қойды',
      'нығайтуға шақырды',
      'ілгерілеуін атап өтті',
      'кеңейтуге келісті',
      'болашағын талқылады',
      'маңызын атап өтті',
    ],
    objects: [
      'тау-кен саласындағы инвестициялық жобаларды',
      'көлік дәліздерін жаңғыртуды',
      'жаңартылатын энергетика саласындағы ынтымақтастықты',
      'мемлекеттік қызметтерді цифрландыруды',
      'Арал теңізі бассейніндегі су ресурстарын басқаруды',
      'көрші нарықтарға астық экспортын',
      'жоғары білім саласындағы бірлескен бағдарламаларды',
      'сот жүйесінің реформасын',
      'шағын және орта бизнесті дамытуды',
      'Транскаспий халықаралық көлік бағыты бойынша логистиканы',
    ],
    tails: [
      'Астанадағы кездесуде',
      'жұмыс сапары барысында',
      'деп хабарлайды ведомствоның баспасөз қызметі',
      'алдағы жылдары',
      'форум аясында',
      'ұлттық даму жоспары шеңберінде',
      'жыл соңына дейін',
      'халықаралық серіктестердің қатысуымен',
    ],
    relevant: [
      'Қазақстан мен АҚШ сауда, энергетика және сирек металдар саласындағы ынтымақтастықты кеңейту мәселелерін талқылады',
      'Тараптар Орталық Азия мен Америка Құрама Штаттары көшбасшыларының С5+1 саммитіне дайындықты қарастырды',
      'АҚШ-тың Қазақстандағы елшісі Вашингтон мен Астана арасындағы стратегиялық серіктестікті атап өтті',
      'С5+1 форматындағы сыртқы істер министрлері өңірлік байланыс туралы бірлескен мәлімдеме қабылдады',
    ],
    dateline: 'АСТАНА. ҚазАқпарат – ',
    readAlso: 'Сондай-ақ оқыңыз',
    comments: 'Пікірлер',
    latest: 'Соңғы жаңалықтар',
    nav: [
      'Саясат',
      'Экономика',
      'Қоғам',
      'Әлем',
      'Өңірлер',
      'Спорт',
      'Мәдениет',
      'Оқиға',
      'Фото',
      'Видео',
      'Баспасөз релиздері',
      'Арнайы жобалар',
    ],
    footer: [
      'Агенттік материалдарын пайдалану дереккөзге гиперсілтеме болған жағдайда және редакцияның рұқсатымен ғана жүзеге асырылады.',
      'Редакция сайт оқырмандары қалдырған пікірлердің мазмұнына жауап бермейді.',
    ],
    months: [
      'қаңтар',
      'ақпан',
      'наурыз',
      'сәуір',
      'мамыр',
      'маусым',
      'шілде',
      'тамыз',
      'қыркүйек',
      'қазан',
      'қараша',
      'желтоқсан',
    ],
  },
  'kk-latn': {
    subjects: [
      'Syrtqy ister mınıstrligi',
      'Qazaqstan Úkimeti',
      'Premer-mınıstrdiń orynbasary',
      'Energetıka mınıstrligi',
      'Syrtqy saıası vedomstvo basshysy',
      'Ulttyq bank',
      'Iskerlik qaýymdastyqtardyń ókilderi',
      'Almaty oblysynyń ákimi',
      'Saýda jáne ıntegrasıa mınıstrligi',
      'Májilis depýtattary',
    ],
    verbs: [
      'talqylady',
      'qarastyrdy',
      'tanystyrdy',
      'josparyn jarıalady',
      'memorandýmǵa qol qoıdy',
      'nyǵaıtýǵa shaqyrdy',
      'ilgerileýin atap ótti',
      'keńeıtýge kelisti',
    ],
    objects: [
      'taý-ken salasyndaǵy ınvestısıalyq jobalardy',
      'kólik dálizderin jańǵyrtýdy',
      'jańartylatyn energetıka salasyndaǵy yntymaqtastyqty',
      'memlekettik qyzmetterdi sıfrlandyrýdy',
      'Aral teńizi basseınindegi sý resýrstaryn basqarýdy',
      'kórshi naryqtarǵa astyq eksportyn',
      'joǵary bilim salasyndaǵy birlesken baǵdarlamalardy',
      'shaǵyn jáne orta bıznesti damytýdy',
    ],
    tails: [
      'Astanadaǵy kezdesýde',
      'jumys sapary barysynda',
      'dep habarlaıdy vedomstvonyń baspasóz qyzmeti',
      'aldaǵy jyldary',
      'forým aıasynda',
      'jyl sońyna deıin',
    ],
    relevant: [
      'Qazaqstan men AQSh saýda, energetıka jáne sırek metaldar salasyndaǵy yntymaqtastyqty keńeıtý máselelerin talqylady',
      'Taraptar Ortalyq Azıa men Amerıka Qurama Shtattary kóshbasshylarynyń C5+1 sammıtine daıyndyqty qarastyrdy',
      'AQSh-tyń Qazaqstandaǵy elshisi Vashıngton men Astana arasyndaǵy strategıalyq seriktestikti atap ótti',
    ],
    dateline: 'ASTANA. Kazinform – ',
    readAlso: 'Sondaı-aq oqyńyz',
    comments: 'Pikirler',
    latest: 'Sońǵy jańalyqtar',
    nav: ['Saıasat', 'Ekonomıka', 'Qoǵam', 'Álem', 'Óńirler', 'Sport', 'Mádenıet', 'Oqıǵa', 'Foto', 'Vıdeo'],
    footer: [
      'Agenttik materıaldaryn paıdalaný derekkózge gıpersilteme bolǵan jaǵdaıda jáne redaksıanyń ruqsatymen ǵana júzege asyrylady.',
      'Redaksıa saıt oqyrmandary qaldyrǵan pikirlerdiń mazmunyna jaýap bermeıdi.',
    ],
    months: [
      'Qańtar',
      'Aqpan',
      'Naýryz',
      'Sáýir',
      'Mamyr',
      'Maýsym',
      'Shilde',
      'Tamyz',
      'Qyrkúıek',
      'Qazan',
      'Qarasha',
      'Jeltoqsan',
    ],
  },
};

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sentence(r: R, b: Bank): string {
  const s = `${pick(r, b.subjects)} ${pick(r, b.verbs)} ${pick(r, b.objects)} ${pick(r, b.tails)}`;
  const n = int(r, 0, 3);
  const figure =
    n === 0
      ? ` (${int(r, 2, 98)}.${int(r, 0, 9)}%)`
      : n === 1
        ? ` ${int(r, 12, 980)} ${b === BANKS.en ? 'million' : 'млн'}`
        : '';
  return `${s}${figure}.`;
}

export function paragraph(r: R, b: Bank, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r, b)).join(' ');
}

export function headline(r: R, b: Bank, relevant: boolean): string {
  const base = relevant
    ? pick(r, b.relevant)
    : `${pick(r, b.subjects)} ${pick(r, b.verbs)} ${pick(r, b.objects)}`;
  return base.length > 110 ? base.slice(0, base.lastIndexOf(' ', 110)) : base;
}

export const hex = (r: R, n: number) =>
  Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');

export function slugify(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 70) || 'news'
  );
}
