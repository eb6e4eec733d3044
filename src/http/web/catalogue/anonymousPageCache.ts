/**
 * Public catalogue pages as anonymous visitors see them, kept in memory per instance. A page
 * is served from memory only while the catalogue's change counter (bumped in the transaction
 * of every change to the offer, see changeCounterRepository.ts) is the one it was rendered
 * under, and for at most `ttlSeconds`: what depends on the clock alone ("Session passée",
 * "Inscriptions closes") is at most that late. Signed-in visitors always get a fresh page.
 */
import { LRUCache } from 'lru-cache';
import type { Database } from '../../../db/database.js';
import { readChangeCounter } from '../../../db/repositories/changeCounterRepository.js';

interface CachedPage {
  version: number;
  /** Encoded once: a 30 KB page is not re-encoded to UTF-8 on every hit. */
  body: Buffer;
}

export class AnonymousPageCache {
  private readonly pages: LRUCache<string, CachedPage> | null;

  constructor(
    private readonly database: Database,
    ttlSeconds: number,
    maxBytes = 16 * 1024 * 1024,
  ) {
    this.pages = ttlSeconds > 0 ? new LRUCache<string, CachedPage>({ ttl: ttlSeconds * 1000, maxSize: maxBytes, sizeCalculation: (page) => page.body.length }) : null;
  }

  /** The page for `key` (the request URL), rendered by `render` when not current in memory. */
  async page(key: string, render: () => Promise<string>): Promise<Buffer | string> {
    if (!this.pages) return render();
    const version = await readChangeCounter(this.database.db, 'catalogue');
    const cached = this.pages.get(key);
    if (cached && cached.version === version) return cached.body;
    const body = Buffer.from(await render(), 'utf8');
    this.pages.set(key, { version, body });
    return body;
  }
}
