import type { SourceHealth, StoredItem } from '../../functions/domain/model';
import type { ItemPage, ItemQuery } from '../../functions/domain/ports';
import type { WebStore } from '../../functions/web-view/server';
import { type ApiClient, createApiClient } from './api-client';

/**
 * The deployed store as the web view reads it: every question goes to the query API (GET /items,
 * /items/{id}, /sources), SigV4-signed with the caller's AWS credentials. Alert records and story
 * member lists are not part of the API, so the view says the alert state is unavailable and finds a
 * story's copies through the item listing.
 */
export function openRemoteStore(baseUrl: string, client: ApiClient = createApiClient({ baseUrl })): WebStore {
  const ask = async (path: string, params: Record<string, string | undefined> = {}) => {
    const res = await client.get(path, params);
    if (res.status === 200 || res.status === 404) return res;
    const message = (res.body as { message?: string })?.message ?? JSON.stringify(res.body);
    throw new Error(`the API at ${baseUrl} answered HTTP ${res.status} to ${path}: ${message}`);
  };
  return {
    async queryItems(query: ItemQuery): Promise<ItemPage> {
      const params = Object.fromEntries(
        Object.entries(query).map(([k, v]) => [k, v === undefined ? undefined : String(v)]),
      );
      return (await ask('/items', params)).body as ItemPage;
    },
    async getItem(itemId: string): Promise<StoredItem | null> {
      const res = await ask(`/items/${encodeURIComponent(itemId)}`);
      return res.status === 200 ? (res.body as StoredItem) : null;
    },
    async listSourceStates(): Promise<SourceHealth[]> {
      return ((await ask('/sources')).body as { sources: SourceHealth[] }).sources;
    },
    async listStoryMembers() {
      return [];
    },
  };
}
