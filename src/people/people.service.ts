import { divisionOf, resolveCommunity } from '../geo/geo.service.ts';
import { recordAudit, recordAuditNow } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import type { Crypto } from '../platform/crypto.ts';
import { AppError } from '../platform/errors.ts';
import { PeopleErrors } from './people.errors.ts';
import {
  countByDistrict,
  findPerson,
  findPersonByIndex,
  insertPerson,
  listPersons as listRows,
  type NewPerson,
  type StoredPerson,
} from './people.repo.ts';
import { maskIdNumber, maskName, maskPhone, normalisePhone, parseResidentId } from './people.rules.ts';
import type { PersonFull, PersonInput, PersonMasked, PersonQuery } from './people.schema.ts';

/** Validates a resident ID and throws the precise PERSON_ID_* error. */
export function validateIdNumber(raw: string) {
  const r = parseResidentId(raw);
  if (!r.ok) {
    const { code, ...params } = r.problem;
    throw new AppError(code, params);
  }
  return r.facts;
}

/** Builds the stored row for a validated person: ciphertext, blind indexes and masks. */
export function sealPerson(crypto: Crypto, input: PersonInput, now: string): NewPerson {
  const facts = validateIdNumber(input.idNumber);
  const { community, street, district } = resolveCommunity(input.communityCode);
  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (input.phone && !phone) throw new AppError(PeopleErrors.PERSON_PHONE_INVALID);
  return {
    id_index: crypto.blindIndex('id', facts.idNumber),
    id_cipher: crypto.encrypt(facts.idNumber),
    id_masked: maskIdNumber(facts.idNumber),
    name_cipher: crypto.encrypt(input.name.trim()),
    name_masked: maskName(input.name),
    phone_index: phone ? crypto.blindIndex('phone', phone) : null,
    phone_cipher: phone ? crypto.encrypt(phone) : null,
    phone_masked: phone ? maskPhone(phone) : null,
    sex: facts.sex,
    birth_date: facts.birthDate,
    district_code: district.code,
    street_code: street.code,
    community_code: community.code,
    address_cipher: input.address ? crypto.encrypt(input.address) : null,
    created_at: now,
    updated_at: now,
  };
}

function masked(p: StoredPerson): PersonMasked {
  return {
    id: p.id,
    idNumberMasked: p.id_masked,
    nameMasked: p.name_masked,
    phoneMasked: p.phone_masked,
    sex: p.sex as PersonMasked['sex'],
    birthYear: Number(p.birth_date.slice(0, 4)),
    districtCode: p.district_code,
    streetCode: p.street_code,
    communityCode: p.community_code,
    communityName: divisionOf(p.community_code)?.name ?? '',
  };
}

function assertInScope(actor: Actor, divisionCode: string): void {
  if (!scopeCoversDivision(actor.scope, divisionCode)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
}

/** Registers a person; re-submitting the same person returns the existing record unchanged. */
export async function createPerson(
  ctx: Ctx,
  actor: Actor,
  input: PersonInput,
): Promise<{ person: PersonMasked; created: boolean }> {
  requirePermission(actor, 'persons:write');
  const row = sealPerson(ctx.crypto, input, nowIso());
  assertInScope(actor, row.community_code);
  return ctx.db.k.transaction().execute(async (trx) => {
    const existing = await findPersonByIndex(trx, row.id_index);
    if (existing) {
      const same =
        ctx.crypto.decrypt(existing.name_cipher) === input.name.trim() &&
        existing.community_code === row.community_code &&
        existing.phone_index === row.phone_index;
      if (!same) throw new AppError(PeopleErrors.PERSON_EXISTS, { id: existing.id });
      return { person: masked(existing), created: false };
    }
    const id = await insertPerson(trx, row);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'person-created',
      entity: 'person',
      entityId: id,
      detail: { idNumberMasked: row.id_masked, communityCode: row.community_code },
    });
    return { person: masked({ ...(row as StoredPerson), id }), created: true };
  });
}

/** A page of masked persons inside the actor's scope. */
export async function listPersons(ctx: Ctx, actor: Actor, q: PersonQuery) {
  requirePermission(actor, 'persons:read');
  const filter: { district?: string; street?: string; community?: string; idIndex?: string } = {};
  for (const code of [q.district, q.street, q.community]) if (code) assertInScope(actor, code);
  filter.district = q.district;
  filter.street = q.street;
  filter.community = q.community;
  // The scope narrows every list, whatever the filters ask for.
  if (actor.scope.kind === 'district' && !filter.district) filter.district = actor.scope.code;
  if (actor.scope.kind === 'street' && !filter.street) filter.street = actor.scope.code;
  if (actor.scope.kind === 'zone') throw new AppError(AuthErrors.OUT_OF_SCOPE);
  if (q.q) filter.idIndex = ctx.crypto.blindIndex('id', q.q.trim().toUpperCase());
  const { rows, total } = await listRows(ctx.db, filter, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  return { items: rows.map(masked), total, page: q.page, pageSize: q.pageSize };
}

async function loadInScope(ctx: Ctx, actor: Actor, id: number): Promise<StoredPerson> {
  const p = await findPerson(ctx.db, id);
  if (!p) throw new AppError(PeopleErrors.PERSON_NOT_FOUND, { id });
  assertInScope(actor, p.community_code);
  return p;
}

/** One masked person; OUT_OF_SCOPE outside the actor's jurisdiction. */
export async function getPerson(ctx: Ctx, actor: Actor, id: number): Promise<PersonMasked> {
  requirePermission(actor, 'persons:read');
  return masked(await loadInScope(ctx, actor, id));
}

/** One person in clear; every call leaves an audit entry before the data is returned. */
export async function getPersonUnmasked(
  ctx: Ctx,
  actor: Actor,
  id: number,
  reason: string | undefined,
): Promise<PersonFull> {
  requirePermission(actor, 'persons:unmask');
  const p = await loadInScope(ctx, actor, id);
  await recordAuditNow(ctx.db, ctx.crypto, {
    actor: actorLabel(actor),
    action: 'person-unmasked-read',
    entity: 'person',
    entityId: id,
    detail: { reason: reason ?? null },
  });
  return {
    ...masked(p),
    idNumber: ctx.crypto.decrypt(p.id_cipher),
    name: ctx.crypto.decrypt(p.name_cipher),
    phone: p.phone_cipher ? ctx.crypto.decrypt(p.phone_cipher) : null,
    address: p.address_cipher ? ctx.crypto.decrypt(p.address_cipher) : null,
  };
}

/** Residents per district inside the actor's scope (for the dashboard). */
export async function residentsByDistrict(ctx: Ctx, actor: Actor): Promise<Array<{ code: string; n: number }>> {
  const { kind, code } = actor.scope;
  if (kind === 'zone') return [];
  return countByDistrict(ctx.db, kind === 'district' ? { district: code } : kind === 'street' ? { street: code } : {});
}
