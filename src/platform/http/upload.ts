import type { FastifyRequest } from 'fastify';
import { AppError, E } from '../errors.ts';

/** An uploaded file as import services take it. */
export interface Upload {
  buf: Buffer;
  filename: string;
  contentType?: string;
}

// C0 and C1 controls, DEL, and path separators: a name is shown in audit entries and lists, never used as a path.
function badName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2f || c === 0x5c) return true;
  }
  return false;
}

/**
 * The file name a client sends in X-Filename, percent-encoded because a header is Latin-1; 'upload'
 * when absent. A malformed encoding or a control character is BAD_FILENAME, never a URIError.
 */
export function uploadFilename(header: string | string[] | undefined): string {
  if (header === undefined) return 'upload';
  const raw = Array.isArray(header) ? header.join(',') : header;
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new AppError(E.BAD_FILENAME);
  }
  name = name.trim();
  if (name === '') return 'upload';
  if (name.length > 255 || badName(name)) throw new AppError(E.BAD_FILENAME);
  return name;
}

/**
 * The file of an import route: the raw bytes its CSV/XLSX parser kept, or a text/plain body. A body
 * some other parser turned into a value (JSON) is not a file: IMPORT_CONTENT_TYPE.
 */
export function uploadOf(request: FastifyRequest): Upload {
  const body = request.body;
  let buf: Buffer;
  if (Buffer.isBuffer(body)) buf = body;
  else if (typeof body === 'string') buf = Buffer.from(body, 'utf8');
  else if (body === undefined || body === null) buf = Buffer.alloc(0);
  else throw new AppError(E.IMPORT_CONTENT_TYPE);
  return {
    buf,
    filename: uploadFilename(request.headers['x-filename']),
    contentType: request.headers['content-type'],
  };
}
