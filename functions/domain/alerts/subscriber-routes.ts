import type { AlertPublisher } from '../ports';
import {
  type SubscriberAdminDeps,
  type TestDeps,
  addSubscriber,
  publicView,
  removeSubscriber,
  sendTestAlert,
} from './subscriber-admin';

/**
 * The subscriber routes of the HTTP API (IAM-authorized, like the query routes):
 *   GET    /subscribers            the list (webhook secrets never leave the table)
 *   POST   /subscribers            add one (JSON body as `kzmon subscribers add` builds it)
 *   DELETE /subscribers/{id}       remove one, with its SNS subscriptions
 *   POST   /subscribers/{id}/test  send it a test alert through its real channel
 */
export interface SubscriberRouteDeps extends SubscriberAdminDeps {
  test: () => Promise<TestDeps & { topic: AlertPublisher }>;
}

export interface RouteAnswer {
  status: number;
  body: unknown;
}

export async function routeSubscribers(
  deps: SubscriberRouteDeps,
  method: string,
  path: string,
  body: string | undefined,
): Promise<RouteAnswer> {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'subscribers') return { status: 404, body: { message: `no route ${method} ${path}` } };
  const id = parts[1];
  if (!id && method === 'GET') {
    const subscribers = await deps.store.listSubscribers();
    const check = deps.subscriptions?.pendingConfirmation?.bind(deps.subscriptions);
    const listed = await Promise.all(
      subscribers.map(async (s) => ({
        ...publicView(s),
        // An email address receives nothing until it confirms the subscription SNS mailed it.
        ...(check && s.snsSubscriptions?.length
          ? { pendingConfirmation: await check(s.snsSubscriptions) }
          : {}),
      })),
    );
    return { status: 200, body: { subscribers: listed } };
  }
  if (!id && method === 'POST') {
    let input: unknown;
    try {
      input = JSON.parse(body ?? '');
    } catch {
      return { status: 400, body: { message: 'the body must be a JSON subscriber' } };
    }
    try {
      const res = await addSubscriber(deps, input);
      return res.status === 'exists'
        ? {
            status: 409,
            body: { message: `a subscriber ${res.id} exists already; remove it first to change it` },
          }
        : { status: 201, body: { subscriber: publicView(res.subscriber) } };
    } catch (err) {
      const message = (err as Error).message;
      // A subscriber we refuse is the caller's to fix; anything else (SNS, DynamoDB) is ours.
      if (/^(invalid subscriber|webhook refused)/.test(message)) return { status: 400, body: { message } };
      throw err;
    }
  }
  if (id && parts.length === 2 && method === 'DELETE') {
    const removed = await removeSubscriber(deps, id);
    return removed
      ? { status: 200, body: { removed: id } }
      : { status: 404, body: { message: `no subscriber ${id}` } };
  }
  if (id && parts[2] === 'test' && parts.length === 3 && method === 'POST') {
    const subscriber = await deps.store.getSubscriber(id);
    if (!subscriber) return { status: 404, body: { message: `no subscriber ${id}` } };
    const result = await sendTestAlert(await deps.test(), subscriber);
    return { status: result.ok ? 200 : 502, body: result };
  }
  return { status: 405, body: { message: `${method} is not supported on ${path}` } };
}
