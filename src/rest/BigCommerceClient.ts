/**
 * The REST client the engine and procedures use: requests under /stores/{hash} with the store's
 * token, paced by the store's shared Pacer, retried within MaxRetries/RetryTimeout, and lists read
 * page by page with up to MaxConcurrentRequests in flight. See sendRequest.ts (one request),
 * Pacer.ts (rate limits) and listV3/listV2/listSingle (paging).
 */
import type { ConnectionOptions } from '../options/types';
import { redactSecrets, type Logger } from '../log';
import type { ProgressEvent } from '../types';
import type { ApiResponse, ListResult, ListSpec, RequestOptions, RestClient, TokenSource } from './types';
import { clientSettings, type ClientSettings } from './defaults';
import { Pacer, type PacerStats } from './Pacer';
import { sendRequest, type SendContext, type SendOptions } from './sendRequest';
import { PageScan } from './PageScan';
import { Semaphore } from './Semaphore';
import { listV3 } from './listV3';
import { fetchCount, listV2 } from './listV2';
import { listCursor } from './listCursor';
import { listSingle } from './listSingle';
import { readPagination } from './extractRecords';
import { unexpectedShapeError } from './apiErrors';
import { storeUrl } from './storeUrl';

export interface BigCommerceClientDeps {
  options: ConnectionOptions;
  auth: TokenSource;
  logger: Logger;
}

export class BigCommerceClient implements RestClient {
  #attempts = 0;
  readonly #settings: ClientSettings;
  readonly #secrets = new Set<string>();
  readonly #ctx: SendContext;
  #renewing?: Promise<boolean>;

  readonly #deps: BigCommerceClientDeps;

  constructor(deps: BigCommerceClientDeps) {
    this.#deps = deps;
    this.#settings = clientSettings(deps.options);
    const { auth, logger } = deps;
    this.#ctx = {
      settings: this.#settings,
      logger,
      pacer: () => Pacer.forStore(this.#storeKey()),
      url: (path) => storeUrl(this.#settings.apiBaseUrl, auth.storeHash(), path),
      token: async (signal) => {
        const token = await auth.accessToken(signal);
        this.#remember(token);
        return token;
      },
      renew: (signal, rejectedToken) => this.#renew(signal, rejectedToken),
      unauthorizedHint: () => auth.unauthorizedHint?.(),
      scrub: (text) => this.#scrub(text),
      countAttempt: () => {
        this.#attempts++;
      },
      slots: new Semaphore(this.#settings.maxConcurrent),
    };
    this.#remember(deps.options.OAuthAccessToken);
  }

  /** Requests sent so far; every attempt (retries, renewals, count requests) counts. */
  get requestCount(): number {
    return this.#attempts;
  }

  /** Rate-limit statistics of this client's store, shared with every client of the same store. */
  get pacerStats(): PacerStats {
    return Pacer.forStore(this.#storeKey()).stats;
  }

  request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    opts: RequestOptions & { allow404?: boolean } = {},
  ): Promise<ApiResponse> {
    return this.#send({ method, path, ...opts });
  }

  /**
   * With `onRecords`, records are handed over page by page in page order as soon as the pages
   * before them have arrived, and `records` of the result is empty; if a page later fails, the
   * call still rejects (ERR_INCOMPLETE_RESULT) and the caller must discard what it was handed.
   */
  async list(
    spec: ListSpec,
    opts: {
      signal?: AbortSignal;
      onProgress?: (p: ProgressEvent) => void;
      onRecords?: (records: Record<string, unknown>[]) => void;
    } = {},
  ): Promise<ListResult> {
    if (spec.limit !== undefined && spec.limit <= 0) return { records: [], warnings: [] };
    const scan = this.#scan(spec, opts.onProgress, opts.onRecords);
    const concurrency = this.#settings.maxConcurrent;
    switch (spec.pagination) {
      case 'v3':
        await listV3(scan, concurrency, opts.signal);
        break;
      case 'v2':
        await listV2(scan, concurrency, opts.signal);
        break;
      case 'cursor':
        await listCursor(scan, opts.signal);
        break;
      default:
        await listSingle(scan, opts.signal);
    }
    return scan.result();
  }

  async count(spec: ListSpec, opts: { signal?: AbortSignal } = {}): Promise<number> {
    const scan = this.#scan(spec);
    if (spec.pagination === 'v3') {
      const res = await scan.get(spec.path, { ...spec.query, limit: 1 }, opts.signal, true);
      if (res.status === 404) return 0;
      const pagination = readPagination(res.json);
      if (!pagination)
        throw unexpectedShapeError({ method: 'GET', path: spec.path }, 'meta.pagination.total');
      return pagination.total;
    }
    if (spec.pagination === 'v2' && spec.countPath) return (await fetchCount(scan, opts.signal, true)) ?? 0;
    // Nothing counts these server-side; they are small lists.
    const { limit: _limit, ...all } = spec;
    return (await this.list(all, opts)).records.length;
  }

  #send(opts: SendOptions): Promise<ApiResponse> {
    return sendRequest(this.#ctx, opts);
  }

  #scan(
    spec: ListSpec,
    onProgress?: (p: ProgressEvent) => void,
    onRecords?: (records: Record<string, unknown>[]) => void,
  ): PageScan {
    return new PageScan(spec, {
      send: (o) => this.#send(o),
      logger: this.#deps.logger,
      onProgress,
      onRecords,
    });
  }

  /** Concurrent 401s share one renewal instead of each asking for a new token. */
  #renew(signal?: AbortSignal, rejectedToken?: string): Promise<boolean> {
    // The rejected token lets the session see that a 401 arriving after a renewal is already answered.
    this.#renewing ??= this.#deps.auth.renewAfterUnauthorized(signal, rejectedToken).finally(() => {
      this.#renewing = undefined;
    });
    return this.#renewing;
  }

  #storeKey(): string {
    return `${this.#settings.apiBaseUrl}/stores/${this.#deps.auth.storeHash()}`;
  }

  #remember(token: string | undefined): void {
    if (!token || this.#secrets.has(token)) return;
    this.#secrets.add(token);
    this.#deps.logger.addSecret(token);
  }

  /** Server text may echo the token back; it must not reach an error message. */
  #scrub(text: string): string {
    return this.#deps.logger.redact(redactSecrets(text, this.#secrets));
  }
}
