import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, E } from '../platform/errors.ts';
import { checkState } from './checks.service.ts';
import { posterPdf } from './poster.pdf.ts';
import { posterContent, posterPng, posterSvg } from './poster.ts';
import { signVenueCode } from './venues.codes.ts';
import { VenueErrors } from './venues.errors.ts';
import { venueInScope } from './venues.service.ts';

export const POSTER_FORMATS = ['svg', 'png', 'pdf'] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];
export const POSTER_TYPES: Record<PosterFormat, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
};

/**
 * A venue's QR poster. Only the current code version prints: asking for an older (revoked) version
 * is refused, so nobody re-posts a code that every scanner now rejects.
 */
export async function venuePoster(
  ctx: Ctx,
  actor: Actor,
  code: string,
  format: PosterFormat,
  version?: number,
): Promise<{ body: Buffer; type: string; filename: string }> {
  requirePermission(actor, 'venues:read');
  const v = await venueInScope(ctx, actor, code);
  if (version !== undefined && version < v.code_version)
    throw new AppError(VenueErrors.POSTER_VERSION_REVOKED, { version, current: v.code_version });
  if (version !== undefined && version > v.code_version)
    throw new AppError(E.NOT_FOUND, { what: `${code} v${version}` });
  const content = posterContent(signVenueCode((await checkState(ctx)).keys, v.code, v.code_version), v);
  const body =
    format === 'svg'
      ? Buffer.from(posterSvg(content))
      : format === 'png'
        ? await posterPng(content)
        : posterPdf(content);
  return { body, type: POSTER_TYPES[format], filename: `venue-${v.code}-v${v.code_version}.${format}` };
}
