/**
 * The story a template page carries, and the text of the chrome around it. Chrome text is drawn from
 * the same word banks as the story (teaser excerpts, comments, "about us" boxes read like news), so an
 * extractor cannot tell them apart by vocabulary, only by where and how they sit on the page.
 */
import {
  type Bank,
  BANKS,
  esc,
  headline,
  hex,
  int,
  type Lang,
  paragraph,
  pick,
  type R,
  sentence,
  slugify,
} from '../corpus-text';

/** One block of the story as a reader sees it. */
export type StoryBlock = { kind: 'p' | 'h2' | 'quote'; text: string } | { kind: 'list'; items: string[] };

export interface TemplateStory {
  lang: Lang;
  title: string;
  /** A standfirst shown apart from the body, or null when the template shows none. */
  lead: string | null;
  blocks: StoryBlock[];
  publishedAt: string;
  author: string;
  tags: string[];
  slug: string;
}

const AUTHORS = ['Aigerim Ospanova', 'Dana Sarsenova', 'Yerlan Abenov', 'Ainur Kassymova', 'Marat Tulegenov'];

/** A sentence that sometimes runs on with a second clause, as agency copy does. */
function longSentence(r: R, b: Bank): string {
  const s = sentence(r, b);
  if (r() < 0.4) return s;
  const next = sentence(r, b);
  return `${s.slice(0, -1)}, ${next.charAt(0).toLowerCase()}${next.slice(1)}`;
}

export function prose(r: R, b: Bank, sentences: number): string {
  return Array.from({ length: sentences }, () => longSentence(r, b)).join(' ');
}

export function makeStory(r: R, lang: Lang, withLead: boolean, short = false): TemplateStory {
  const b = BANKS[lang];
  const n = short ? int(r, 2, 3) : int(r, 3, 11);
  const blocks: StoryBlock[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 1 && r() < 0.12)
      blocks.push({ kind: 'h2', text: headline(r, b, false).split(' ').slice(0, 5).join(' ') });
    if (i > 1 && r() < 0.08)
      blocks.push({ kind: 'list', items: Array.from({ length: int(r, 2, 4) }, () => paragraph(r, b, 1)) });
    if (i > 0 && r() < 0.08) blocks.push({ kind: 'quote', text: `«${sentence(r, b)}»` });
    blocks.push({ kind: 'p', text: prose(r, b, int(r, 1, 4)) });
  }
  const relevant = r() < 0.3;
  if (relevant && blocks[0]?.kind === 'p') blocks[0].text = `${pick(r, b.relevant)}. ${blocks[0].text}`;
  const t = Date.UTC(int(r, 2023, 2026), int(r, 0, 11), int(r, 1, 28), int(r, 0, 23), int(r, 0, 59));
  const title = headline(r, b, relevant);
  return {
    lang,
    title,
    lead: withLead ? prose(r, b, 1) : null,
    blocks,
    publishedAt: new Date(t).toISOString().replace('.000Z', 'Z'),
    author: pick(r, AUTHORS),
    tags: [pick(r, b.nav), pick(r, b.nav)],
    slug: `${slugify(title)}-${hex(r, 6)}`,
  };
}

/** The text a reader would keep: lead and every block, one entry per paragraph or list item. */
export function knownParagraphs(s: TemplateStory): string[] {
  return s.blocks.flatMap((bl) => (bl.kind === 'list' ? bl.items : [bl.text]));
}

/** Renders the body blocks; `p` wraps a paragraph (templates that separate with <br> pass their own). */
export function renderBlocks(
  s: TemplateStory,
  p: (text: string, i: number) => string,
  list = 'ul',
): string[] {
  return s.blocks.map((bl, i) => {
    if (bl.kind === 'list')
      return `<${list}>${bl.items.map((it) => `<li>${esc(it)}</li>`).join('')}</${list}>`;
    if (bl.kind === 'p') return p(esc(bl.text), i);
    if (bl.kind === 'h2') return `<h2>${esc(bl.text)}</h2>`;
    return `<blockquote><p>${esc(bl.text)}</p></blockquote>`;
  });
}

// ----------------------------------------------------------------------------- chrome text

export interface Teaser {
  title: string;
  href: string;
  excerpt: string;
  date: string;
}

export function teasers(r: R, lang: Lang, n: number, withExcerpt: boolean): Teaser[] {
  const b = BANKS[lang];
  return Array.from({ length: n }, () => {
    const title = headline(r, b, r() < 0.2);
    return {
      title,
      href: `/news/${slugify(title)}-${hex(r, 6)}`,
      excerpt: withExcerpt ? prose(r, b, int(r, 1, 2)) : '',
      date: `${String(int(r, 1, 28)).padStart(2, '0')}.${String(int(r, 1, 12)).padStart(2, '0')}.2026`,
    };
  });
}

export interface Comment {
  user: string;
  date: string;
  text: string;
}

export function commentsFor(r: R, lang: Lang, n: number): Comment[] {
  const b = BANKS[lang];
  return Array.from({ length: n }, () => ({
    user: `${pick(r, ['arman', 'reader', 'aliya', 'observer', 'nurlan'])}${int(r, 1, 999)}`,
    date: `${int(r, 1, 28)}.${String(int(r, 1, 12)).padStart(2, '0')}.2026 ${int(r, 10, 23)}:${int(r, 10, 59)}`,
    text: prose(r, b, int(r, 1, 3)),
  }));
}

/** Words of the chrome in each language: headings of boxes, buttons, notices. */
export const CHROME: Record<'en' | 'ru' | 'kk', Record<string, string>> = {
  en: {
    related: 'Related',
    readAlso: 'Read also',
    more: 'More news',
    other: 'Other news',
    popular: 'Most read',
    comments: 'Comments',
    reply: 'Reply',
    share: 'Share',
    tags: 'Tags',
    subscribe: 'Subscribe to our newsletter and get the main news of the day every morning in your inbox.',
    cookies:
      'We use cookies to improve your experience on our website. By continuing to browse the site you agree to our use of cookies.',
    about:
      'The agency publishes news about politics, economy and society of Kazakhstan and the world around the clock since 1997.',
    back: 'Back to the list of news',
    print: 'Print version',
    home: 'Home',
    advert: 'Advertisement',
    leave: 'Leave a reply',
  },
  ru: {
    related: 'Похожие новости',
    readAlso: 'Читайте также',
    more: 'Ещё новости',
    other: 'Другие новости',
    popular: 'Самое читаемое',
    comments: 'Комментарии',
    reply: 'Ответить',
    share: 'Поделиться',
    tags: 'Теги',
    subscribe: 'Подпишитесь на нашу рассылку и получайте главные новости дня каждое утро на свою почту.',
    cookies:
      'Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться сайтом, вы соглашаетесь с их использованием.',
    about:
      'Агентство круглосуточно публикует новости о политике, экономике и обществе Казахстана и мира с 1997 года.',
    back: 'Вернуться к списку новостей',
    print: 'Версия для печати',
    home: 'Главная',
    advert: 'Реклама',
    leave: 'Оставить комментарий',
  },
  kk: {
    related: 'Ұқсас жаңалықтар',
    readAlso: 'Сондай-ақ оқыңыз',
    more: 'Тағы жаңалықтар',
    other: 'Басқа жаңалықтар',
    popular: 'Көп оқылған',
    comments: 'Пікірлер',
    reply: 'Жауап беру',
    share: 'Бөлісу',
    tags: 'Тегтер',
    subscribe: 'Біздің таратылымға жазылып, күннің басты жаңалықтарын әр таңертең поштаңыздан алыңыз.',
    cookies:
      'Біз сайттың жақсы жұмыс істеуі үшін cookie файлдарын пайдаланамыз. Сайтты пайдалануды жалғастыра отырып, сіз оған келісесіз.',
    about:
      'Агенттік 1997 жылдан бері Қазақстан мен әлемнің саясаты, экономикасы және қоғамы туралы жаңалықтарды тәулік бойы жариялайды.',
    back: 'Жаңалықтар тізіміне оралу',
    print: 'Басып шығару нұсқасы',
    home: 'Басты бет',
    advert: 'Жарнама',
    leave: 'Пікір қалдыру',
  },
};

export const chromeFor = (lang: Lang) => CHROME[lang === 'kk-latn' ? 'kk' : lang];
export const bankFor = (lang: Lang) => BANKS[lang];

/** Astana wall-clock parts of an instant. */
export function astana(iso: string) {
  const d = new Date(Date.parse(iso) + 5 * 3_600_000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return {
    d: p2(d.getUTCDate()),
    mo: p2(d.getUTCMonth() + 1),
    y: d.getUTCFullYear(),
    hh: p2(d.getUTCHours()),
    mi: p2(d.getUTCMinutes()),
    month: d.getUTCMonth(),
  };
}

export const htmlLang = (lang: Lang) => (lang === 'en' ? 'en' : lang === 'ru' ? 'ru' : 'kk');

/** A share bar: icons and counters, no words of the story. */
export function shareLinks(r: R, wrap: (inner: string) => string): string {
  const nets = ['facebook', 'telegram', 'whatsapp', 'x', 'vk'];
  return wrap(
    nets
      .map(
        (n) =>
          `<a href="https://${n}.example.com/share?u=${hex(r, 6)}" title="${n}"><svg viewBox="0 0 24 24"><path d="M1 1h22v22H1z"/></svg></a>`,
      )
      .join(''),
  );
}

export function analytics(r: R): string {
  return `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-${hex(r, 8).toUpperCase()}');</script>
<script>!function(e){var t=document.createElement("script");t.async=!0,t.src="https://mc.example.com/tag.js",document.head.appendChild(t)}();</script>`;
}
