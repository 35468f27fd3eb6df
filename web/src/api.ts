import { translate } from './i18n';
import { getLang, type Lang } from './i18n/lang';

export type LocalizedMessages = Partial<Record<Lang, string>>;

/** An error answered by the API (or a network failure), carrying its code and localized messages. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messages: LocalizedMessages = {},
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The message in the given language when the API sent it, else the one it answered with. */
  localized(lang: Lang): string {
    return this.messages[lang] ?? this.message;
  }
}

/** Text for any thrown value, in the current language. */
export function errorText(err: unknown, lang: Lang = getLang()): string {
  if (err instanceof ApiError) return err.localized(lang);
  if (err instanceof Error) return err.message;
  return String(err);
}

let onUnauthorized: (() => void) | undefined;

/** Called when an authenticated request answers AUTH_REQUIRED (session expired or signed out elsewhere). */
export function setUnauthorizedHandler(fn: (() => void) | undefined): void {
  onUnauthorized = fn;
}

interface ErrorBody {
  error?: { code?: string; message?: string; messages?: LocalizedMessages; details?: unknown };
}

async function toApiError(res: Response): Promise<ApiError> {
  const lang = getLang();
  let body: ErrorBody | undefined;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const e = body?.error;
  if (e?.code) {
    const message = e.messages?.[lang] ?? e.message ?? translate(lang, 'error.http', { status: res.status });
    return new ApiError(res.status, e.code, message, e.messages ?? {}, e.details);
  }
  const messages: LocalizedMessages = {
    'zh-CN': translate('zh-CN', 'error.http', { status: res.status }),
    en: translate('en', 'error.http', { status: res.status }),
  };
  return new ApiError(res.status, `HTTP_${res.status}`, messages[lang] ?? '', messages);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a file upload); give its type in `contentType`. */
  raw?: Blob;
  contentType?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not call the unauthorized handler on 401 (login and session probe). */
  quiet401?: boolean;
}

/** fetch with the language header; a network failure becomes an ApiError, an error answer too. */
async function send(path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const lang = getLang();
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': lang, ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['Content-Type'] = opts.contentType ?? (opts.raw.type || 'application/octet-stream');
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const messages: LocalizedMessages = {
      'zh-CN': translate('zh-CN', 'error.network'),
      en: translate('en', 'error.network'),
    };
    throw new ApiError(0, 'NETWORK_ERROR', messages[lang] ?? '', messages);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && error.code === 'AUTH_REQUIRED' && !opts.quiet401) onUnauthorized?.();
    throw error;
  }
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts, 'application/json');
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The file name in a Content-Disposition header (RFC 6266 `filename*` first), if any. */
function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim();
}

/**
 * GETs a file with the session and saves it under the server's name (or `fallbackName`).
 * Unlike a plain link, an error answer (expired session, no permission) comes back as an ApiError.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await send(path, {}, '*/*');
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = dispositionName(res.headers.get('Content-Disposition')) ?? fallbackName;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // give the browser time to start the download before the URL goes away
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
