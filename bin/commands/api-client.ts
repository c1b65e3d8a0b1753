import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError } from './cli-support';

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface ApiClient {
  get(path: string, params?: Record<string, string | undefined>): Promise<ApiResponse>;
  /** A signed request with an optional JSON body (the subscriber routes). */
  send?(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResponse>;
}

export interface ApiClientOptions {
  /** The API's base URL, e.g. https://abc123.execute-api.eu-central-1.amazonaws.com */
  baseUrl: string;
  /** Defaults to the region in the URL, else AWS_REGION. */
  region?: string;
  /** Defaults to the AWS SDK's chain (environment, profile, SSO, instance role). */
  credentials?: AwsCredentialIdentityProvider;
}

export function regionFromUrl(url: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(url).hostname)?.[1];
}

/** RFC 3986 encoding, the form SigV4 canonicalises the query in, so the request sent is the one signed. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** GET requests to the deployed query API, signed with SigV4 for `execute-api` (its routes use IAM auth). */
export function createApiClient(options: ApiClientOptions): ApiClient {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new UsageError(
      `--api needs a URL such as https://abc123.execute-api.eu-central-1.amazonaws.com (got ${options.baseUrl})`,
    );
  }
  const region = options.region ?? regionFromUrl(options.baseUrl) ?? process.env.AWS_REGION;
  if (!region) throw new Error(`cannot tell the AWS region of ${options.baseUrl}; set AWS_REGION`);
  const signer = new SignatureV4({
    service: 'execute-api',
    region,
    credentials: options.credentials ?? defaultProvider(),
    sha256: Sha256,
  });
  const api: SignedApi = { signer, base, prefix: base.pathname.replace(/\/$/, '') };
  return {
    get: (path, params = {}) => signedGet(api, path, params),
    send: (method, path, payload) => signedSend(api, method, path, payload),
  };
}

interface SignedApi {
  signer: SignatureV4;
  base: URL;
  /** The base URL's path (a stage), put before every route. */
  prefix: string;
}

function hostOf(base: URL): string {
  return base.port ? `${base.hostname}:${base.port}` : base.hostname;
}

/** A GET with its query signed as sent: empty parameters dropped, keys sorted, RFC 3986 encoded. */
async function signedGet(
  { signer, base, prefix }: SignedApi,
  path: string,
  params: Record<string, string | undefined>,
): Promise<ApiResponse> {
  const query = Object.fromEntries(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
  const host = hostOf(base);
  const fullPath = `${prefix}${path}`;
  const signed = await signer.sign({
    method: 'GET',
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    path: fullPath,
    query,
    headers: { host, accept: 'application/json' },
  });
  const qs = Object.keys(query)
    .sort()
    .map((k) => `${encode(k)}=${encode(query[k]!)}`)
    .join('&');
  const { host: _host, ...headers } = signed.headers;
  return readResponse(
    await reach(base, `${base.protocol}//${host}${fullPath}${qs ? `?${qs}` : ''}`, { headers }),
  );
}

/** A POST or DELETE with an optional JSON body, the body signed with the request. */
async function signedSend(
  { signer, base, prefix }: SignedApi,
  method: 'POST' | 'DELETE',
  path: string,
  payload: unknown,
): Promise<ApiResponse> {
  const host = hostOf(base);
  const fullPath = `${prefix}${path}`;
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  const signed = await signer.sign({
    method,
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    path: fullPath,
    headers: {
      host,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
  });
  const { host: _host, ...headers } = signed.headers;
  return readResponse(await reach(base, `${base.protocol}//${host}${fullPath}`, { method, headers, body }));
}

/** fetch, with a failure to connect told as such ("fetch failed" alone names neither the API nor the cause). */
async function reach(base: URL, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new Error(
      `could not reach the API at ${base.origin}: ${why} (is the --api URL right, and the network up?)`,
    );
  }
}

async function readResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { message: text.slice(0, 500) };
  }
  return { status: res.status, body };
}
