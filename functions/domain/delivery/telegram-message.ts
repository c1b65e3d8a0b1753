import { categoryTag, formatTimes } from '../alerts/format-alert';
import type { AlertMessage } from '../ports';

/** Telegram's limit on a message's text (after entity parsing; kept for the raw text to be safe). */
export const TELEGRAM_TEXT_MAX = 4096;

/** Telegram's HTML parse mode knows only these three entities (and &quot; inside attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** A digest (no card): its subject in bold, then its email text, line breaks kept, within the limit. */
function plainText(message: AlertMessage): string {
  const chars = [...message.email];
  const room = TELEGRAM_TEXT_MAX - 300;
  const text = chars.length <= room ? message.email : `${chars.slice(0, room - 1).join('')}…`;
  return `<b>${escapeHtml(message.emailSubject)}</b>\n\n${escapeHtml(text)}`;
}

/**
 * One alert as a Telegram message in HTML parse mode: every value escaped (titles and gists come from
 * news sites and may hold `<` or `&`), the headline linked, the gist, categories and topics. A digest
 * (no card) goes as its plain-text form, escaped.
 */
export function formatTelegramMessage(message: AlertMessage): string {
  const card = message.card;
  if (!card) return plainText(message);
  const times = formatTimes(card.publishedAt);
  const lines = [
    `<b>${escapeHtml(categoryTag(card.categories))}</b> <a href="${escapeHtml(card.url)}">${escapeHtml(clip(card.title, 400))}</a>`,
  ];
  if (card.gist) lines.push('', `<i>${escapeHtml(clip(card.gist, 1200))}</i>`);
  lines.push(
    '',
    `Categories: ${escapeHtml(card.categories.join(', '))}`,
    ...(card.topics.length ? [`Topics: ${escapeHtml(card.topics.join(', '))}`] : []),
    ...(card.people.length ? [`Officials: ${escapeHtml(clip(card.people.join(', '), 300))}`] : []),
    `Source: ${escapeHtml(card.sourceId)} (${escapeHtml(card.language)}), ${escapeHtml(times.local)}`,
  );
  if (card.laterCopy)
    lines.push(
      '<i>Other sources reported this story earlier; this is the first copy that matches your filter.</i>',
    );
  return lines.join('\n');
}

/** The Bot API `sendMessage` body for a chat. */
export function telegramSendMessage(chatId: string, message: AlertMessage) {
  return {
    chat_id: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId,
    text: formatTelegramMessage(message),
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: false },
  };
}
