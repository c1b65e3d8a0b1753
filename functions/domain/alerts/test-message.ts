import type { AlertMessage } from '../ports';
import type { Subscriber } from './subscribers';

/**
 * A test alert that this subscriber's own filter policy selects (and no one else's: `delivery` names
 * them alone), so `kzmon subscribers test ID` proves the whole route, SNS filter included.
 */
export function testAlert(subscriber: Subscriber, now: Date): { alertId: string; message: AlertMessage } {
  const alertId = `test#${subscriber.id}#${now.getTime()}`;
  const delivery = subscriber.delivery === 'daily' ? `daily:${subscriber.id}` : `instant:${subscriber.id}`;
  const title = 'Test alert from kz-news-monitor';
  const url = 'https://example.org/kz-news-monitor/test';
  const text = `${title}: if you can read this, alerts reach you. Sent ${now.toISOString()}.`;
  return {
    alertId,
    message: {
      default: `${title}\n${url}`,
      email: `${text}\n\nNothing needs doing. (Subscriber ${subscriber.id}.)`,
      emailSubject: `[KZ news monitor] ${title}`,
      sms: `[KZmon] ${title}`,
      attributes: {
        delivery: [delivery],
        categories: [...subscriber.categories],
        ...(subscriber.topics?.length ? { topics: [...subscriber.topics] } : {}),
        language: subscriber.languages?.[0] ?? 'en',
        score: 1,
        alertId,
      },
      card: {
        title,
        url,
        sourceId: 'kzmon-test',
        language: subscriber.languages?.[0] ?? 'en',
        publishedAt: now.toISOString(),
        categories: [...subscriber.categories],
        topics: subscriber.topics ? [...subscriber.topics] : [],
        people: [],
        gist: 'A test message: nothing happened, the route works.',
      },
    },
  };
}
