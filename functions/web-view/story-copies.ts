import type { StoredItem } from '../domain/model';
import type { ItemPage, StoryStore } from '../domain/ports';
import { type QueryStore, routeQuery } from '../domain/query/query-routes';
import type { StoryCopy } from './item-page';

/** Copies of a story are published within days of each other; the fallback looks this far either side. */
const WINDOW_MS = 3 * 86_400_000;
const MAX_PAGES = 10;

/**
 * The other stored copies of an item's story. The story's member list is the authority; when it has
 * none (items stored before story grouping, or stored directly), items in the time listing around the
 * item that share its storyId are found through the same query route the API uses.
 */
export async function findStoryCopies(
  store: QueryStore & Pick<StoryStore, 'listStoryMembers'>,
  item: StoredItem,
): Promise<StoryCopy[]> {
  const others = (copies: StoryCopy[]) => copies.filter((c) => c.itemId !== item.itemId);
  const members = await store.listStoryMembers(item.storyId);
  if (members.length > 0) return others(members).sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  const at = Date.parse(item.publishedAt);
  const params = {
    since: new Date(at - WINDOW_MS).toISOString(),
    until: new Date(at + WINDOW_MS).toISOString(),
    limit: '200',
  };
  const found: StoryCopy[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await routeQuery(store, '/items', { ...params, cursor });
    if (res.status !== 200) throw new Error((res.body as { message: string }).message);
    const body = res.body as ItemPage;
    found.push(...body.items.filter((i) => i.storyId === item.storyId));
    cursor = body.cursor;
    if (!cursor) break;
  }
  return others(found).sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
}
