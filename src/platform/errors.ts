/** A catalogue entry: HTTP status and the message in both UI languages ({name} placeholders). */
export interface ErrorDef {
  status: number;
  'zh-CN': string;
  en: string;
}

export type Lang = 'zh-CN' | 'en';

const catalogue = new Map<string, ErrorDef>();

/** Registers a module's error codes; codes are stable API and never reused for another meaning. */
export function defineErrors<T extends Record<string, ErrorDef>>(defs: T): { [K in keyof T]: K } {
  const keys = {} as { [K in keyof T]: K };
  for (const [code, def] of Object.entries(defs)) {
    if (catalogue.has(code)) throw new Error(`error code ${code} defined twice`);
    catalogue.set(code, def);
    (keys as Record<string, string>)[code] = code;
  }
  return keys;
}

/** Every registered code, for the error catalogue endpoint and docs. */
export function listErrors(): Array<{ code: string } & ErrorDef> {
  return [...catalogue.entries()].map(([code, def]) => ({ code, ...def })).sort((a, b) => a.code.localeCompare(b.code));
}

function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** An expected failure with a stable code; the HTTP layer and the CLI render it in both languages. */
export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly params: Record<string, unknown>;
  readonly details: unknown;

  constructor(code: string, params: Record<string, unknown> = {}, details?: unknown) {
    const def = catalogue.get(code);
    if (!def) throw new Error(`unknown error code ${code}`);
    super(fill(def.en, params));
    this.code = code;
    this.statusCode = def.status;
    this.params = params;
    this.details = details;
  }

  /** The message in one language. */
  messageIn(lang: Lang): string {
    const def = catalogue.get(this.code) as ErrorDef;
    return fill(def[lang], this.params);
  }

  /** The JSON body served to clients and printed by `--json` commands. */
  toBody(lang: Lang) {
    return {
      error: {
        code: this.code,
        message: this.messageIn(lang),
        messages: { 'zh-CN': this.messageIn('zh-CN'), en: this.messageIn('en') },
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const E = defineErrors({
  VALIDATION_FAILED: { status: 400, 'zh-CN': '输入有误：{summary}', en: 'Invalid input: {summary}' },
  BAD_JSON: { status: 400, 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    'zh-CN': '请求内容过大（上限 {limit}）',
    en: 'The request body is too large (limit {limit})',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  NOT_FOUND: { status: 404, 'zh-CN': '未找到：{what}', en: 'Not found: {what}' },
  RATE_LIMITED: {
    status: 429,
    'zh-CN': '请求过于频繁，请 {retryAfter} 秒后再试',
    en: 'Too many requests; retry in {retryAfter} s',
  },
  IMPORT_MISSING_COLUMN: { status: 400, 'zh-CN': '缺少必需的列：{column}', en: 'Required column missing: {column}' },
  IMPORT_UNKNOWN_COLUMN: { status: 400, 'zh-CN': '无法识别的列：{column}', en: 'Unknown column: {column}' },
  IMPORT_EMPTY: { status: 400, 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_UNREADABLE: { status: 400, 'zh-CN': '无法读取文件：{reason}', en: 'The file cannot be read: {reason}' },
  IMPORT_INVALID: {
    status: 422,
    'zh-CN': '文件有 {count} 处错误，未导入任何记录',
    en: 'Problems found in the file: {count}; nothing was imported',
  },
  IMPORT_CONTENT_TYPE: {
    status: 415,
    'zh-CN': '请上传 CSV 或 XLSX 文件',
    en: 'Upload a CSV or XLSX file',
  },
  BAD_URL: {
    status: 400,
    'zh-CN': '请求地址无效（百分号编码有误）',
    en: 'The request address is not valid (malformed percent-encoding)',
  },
  URL_TOO_LONG: { status: 414, 'zh-CN': '请求地址中的参数过长', en: 'A parameter of the request address is too long' },
  DUPLICATE: { status: 409, 'zh-CN': '该记录已存在', en: 'A record with this key already exists' },
  INVALID_VALUE: {
    status: 400,
    'zh-CN': '请求中有值的格式或范围不符合要求',
    en: 'A value in the request has the wrong form or is out of range',
  },
  JSON_TOO_DEEP: {
    status: 400,
    'zh-CN': '请求内容嵌套过深（上限 {max} 层）',
    en: 'The request body is nested too deeply (limit {max} levels)',
  },
  BAD_TEXT: {
    status: 400,
    'zh-CN': '{where} 含有无法保存的字符（孤立代理项或 NUL）',
    en: '{where} contains a character that cannot be stored (an unpaired surrogate or NUL)',
  },
  BAD_FILENAME: {
    status: 400,
    'zh-CN': '文件名（X-Filename）无效：须为 UTF-8 百分号编码、不含控制字符、不超过 255 个字符',
    en: 'The file name (X-Filename) must be percent-encoded UTF-8 without control characters, at most 255 characters',
  },
  IMPORT_ENCODING: {
    status: 400,
    'zh-CN': '文件第 {row} 行不是有效的 UTF-8、UTF-16 或 GB18030（GBK）文本，请另存为“CSV UTF-8”后重试',
    en: 'Row {row} of the file is not valid UTF-8, UTF-16 or GB18030 (GBK) text; save it as "CSV UTF-8" and retry',
  },
  IMPORT_BAD_CHARACTER: {
    status: 400,
    'zh-CN': '文件第 {row} 行含有无法保存的字符（NUL 或替换字符 U+FFFD，多为转码损坏）',
    en: 'Row {row} of the file contains a character that cannot be stored (NUL or U+FFFD, usually a damaged conversion)',
  },
  SERVE_WORKERS_SQLITE: {
    status: 400,
    'zh-CN':
      '嵌入式数据库（SQLite）只能由一个进程写入：--workers 须为 1；多个 API 进程请使用 PostgreSQL（DATABASE_URL）',
    en: 'The embedded database (SQLite) takes one writing process: --workers must be 1; run several API processes on PostgreSQL (DATABASE_URL)',
  },
  SERVE_WORKERS_BAD: {
    status: 400,
    'zh-CN': '--workers 须为 1 到 {max} 之间的整数（收到 {got}）',
    en: '--workers must be a whole number from 1 to {max} (got {got})',
  },
  INTERNAL: {
    status: 500,
    'zh-CN': '服务器内部错误，已记录（编号 {requestId}）',
    en: 'Internal error, logged as {requestId}',
  },
});

/** A catalogued message in both languages, for issues listed inside one error (e.g. import rows). */
export function messagesOf(code: string, params: Record<string, unknown> = {}): Record<Lang, string> {
  const def = catalogue.get(code);
  if (!def) throw new Error(`unknown error code ${code}`);
  return { 'zh-CN': fill(def['zh-CN'], params), en: fill(def.en, params) };
}

/** Picks the response language from Accept-Language; Chinese unless English is asked for first. */
export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}
