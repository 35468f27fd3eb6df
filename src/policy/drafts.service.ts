import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import { allDrafts, findDraft, insertDraft, updateDraft } from './drafts.repo.ts';
import type { Draft, DraftCreate, DraftEdit } from './drafts.schema.ts';
import { PolicyErrors } from './policy.errors.ts';
import { findPolicy, savePolicy } from './policy.repo.ts';
import type { Policy } from './policy.schema.ts';
import { getPolicy, listPolicies, validParams } from './policy.service.ts';
import type { PolicyDraftRow } from './policy.tables.ts';

function toDraft(r: PolicyDraftRow): Draft {
  return {
    id: r.id,
    basedOn: r.based_on,
    name: r.name,
    effectiveFrom: r.effective_from,
    params: JSON.parse(r.params),
    status: r.status as Draft['status'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
  };
}

/** Every draft, newest first. */
export async function listDrafts(ctx: Ctx, actor: Actor): Promise<Draft[]> {
  requirePermission(actor, 'zones:read');
  return (await allDrafts(ctx.db)).map(toDraft);
}

/** One draft. */
export async function getDraft(ctx: Ctx, actor: Actor, id: string): Promise<Draft> {
  requirePermission(actor, 'zones:read');
  const r = await findDraft(ctx.db, id);
  if (!r) throw new AppError(PolicyErrors.POLICY_DRAFT_NOT_FOUND, { id });
  return toDraft(r);
}

/** The draft as a version, to replay or compare under (never stored as one until published). */
export async function draftAsPolicy(ctx: Ctx, actor: Actor, id: string): Promise<Policy> {
  const d = await getDraft(ctx, actor, id);
  return {
    id: d.id,
    name: d.name,
    effectiveFrom: d.effectiveFrom,
    params: d.params,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
  };
}

/** Starts a draft from an existing version's parameters (audited). */
export async function createDraft(ctx: Ctx, actor: Actor, input: DraftCreate): Promise<Draft> {
  requirePermission(actor, 'policy:edit');
  const base = await getPolicy(ctx, input.basedOn);
  if ((await findPolicy(ctx.db, input.id)) || (await findDraft(ctx.db, input.id)))
    throw new AppError(PolicyErrors.POLICY_DRAFT_EXISTS, { id: input.id });
  const me = actorLabel(actor);
  const now = nowIso();
  const row: PolicyDraftRow = {
    id: input.id,
    based_on: base.id,
    name: input.name ?? `${base.name}（草案 / draft）`,
    effective_from: input.effectiveFrom,
    params: JSON.stringify(base.params),
    status: 'draft',
    created_by: me,
    created_at: now,
    updated_by: me,
    updated_at: now,
    published_by: null,
    published_at: null,
  };
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertDraft(trx, row);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: me,
      action: 'policy-drafted',
      entity: 'policy-draft',
      entityId: input.id,
      detail: { basedOn: base.id, effectiveFrom: input.effectiveFrom },
    });
  });
  return toDraft(row);
}

function open(r: PolicyDraftRow | undefined, id: string): PolicyDraftRow {
  if (!r) throw new AppError(PolicyErrors.POLICY_DRAFT_NOT_FOUND, { id });
  if (r.status !== 'draft') throw new AppError(PolicyErrors.POLICY_DRAFT_NOT_OPEN, { id, status: r.status });
  return r;
}

/** Edits a draft; its parameters must validate (a missing or contradictory one is refused by name). */
export async function editDraft(ctx: Ctx, actor: Actor, id: string, input: DraftEdit): Promise<Draft> {
  requirePermission(actor, 'policy:edit');
  const params = validParams(id, input.params);
  const me = actorLabel(actor);
  return ctx.db.k.transaction().execute(async (trx) => {
    const before = open(await findDraft(trx, id), id);
    const set = {
      name: input.name,
      effective_from: input.effectiveFrom,
      params: JSON.stringify(params),
      updated_by: me,
      updated_at: nowIso(),
    };
    await updateDraft(trx, id, set);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: me,
      action: 'policy-draft-edited',
      entity: 'policy-draft',
      entityId: id,
      detail: {
        before: { effectiveFrom: before.effective_from, params: JSON.parse(before.params) },
        after: { effectiveFrom: input.effectiveFrom, params },
      },
    });
    return toDraft({ ...before, ...set });
  });
}

/**
 * Publishes a draft as a version: only by a second person (neither its author nor its last editor),
 * only if its parameters validate and its date is free; the version, the draft's status and the
 * audit entry naming author, editor and approver commit together.
 */
export async function publishDraft(ctx: Ctx, actor: Actor, id: string): Promise<Draft> {
  requirePermission(actor, 'policy:edit');
  const me = actorLabel(actor);
  const draft = open(await findDraft(ctx.db, id), id);
  if (draft.created_by === me || draft.updated_by === me) throw new AppError(PolicyErrors.POLICY_DRAFT_SAME_PERSON);
  const params = validParams(id, JSON.parse(draft.params));
  const taken = (await listPolicies(ctx)).find((p) => p.effectiveFrom === draft.effective_from);
  if (taken) throw new AppError(PolicyErrors.POLICY_DATE_TAKEN, { date: draft.effective_from, other: taken.id });
  if (await findPolicy(ctx.db, id)) throw new AppError(PolicyErrors.POLICY_DRAFT_EXISTS, { id });
  const now = nowIso();
  const done = await ctx.db.k.transaction().execute(async (trx) => {
    const still = open(await findDraft(trx, id), id);
    await savePolicy(trx, {
      id,
      name: still.name,
      effective_from: still.effective_from,
      params: JSON.stringify(params),
      updated_at: now,
      updated_by: me,
    });
    await updateDraft(trx, id, { status: 'published', published_by: me, published_at: now });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: me,
      action: 'policy-published',
      entity: 'policy',
      entityId: id,
      detail: {
        basedOn: still.based_on,
        author: still.created_by,
        editor: still.updated_by,
        approver: me,
        effectiveFrom: still.effective_from,
        params,
      },
    });
    return { ...still, status: 'published', published_by: me, published_at: now };
  });
  announce('policies-changed');
  return toDraft(done);
}
