import { randomInt } from 'node:crypto';
import type {
  Client,
  ClientNote,
  ClientLookupQuery,
  ClientsListQuery,
  CreateClientBody,
  CreateNoteBody,
  Page,
  UpdateClientBody,
  UpdateNoteBody,
} from '@gestco/contract';
import type { Database, Executor } from '../../db/client.ts';
import { AppError, versionConflict } from '../../lib/app-error.ts';
import { basisPointsToPercent, percentToBasisPoints } from '../../lib/percent.ts';
import { looksLikePhone, toE164, toNational } from '../../lib/phone.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import { normaliseText } from '../../lib/search-text.ts';
import { checkVat } from '../../lib/vat.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type {
  ClientListRow,
  ClientPatch,
  ClientRow,
  ClientsRepository,
  NewClientRow,
  NoteRow,
} from './clients-repository.ts';

// Crockford base32 without I, L, O, U: no 0/O or 1/I mix-ups when read aloud or printed.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LETTERS = CODE_ALPHABET.slice(10);
/** Six characters, at least one a letter: an all-digit code would read as a phone number in search. */
function generateCode() {
  const chars = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  if (chars.every((c) => /\d/.test(c))) chars[randomInt(6)] = LETTERS[randomInt(LETTERS.length)]!;
  return chars.join('');
}
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path} ${message}`, { errors: [{ path, message }] });

const notePreview = (note: NoteRow) => ({
  id: note.id,
  text: note.text.length > 140 ? `${note.text.slice(0, 139)}…` : note.text,
  priority: note.priority,
  createdAt: note.createdAt.toISOString(),
});

export function toClientWire(row: ClientListRow, lastNote?: NoteRow): Client {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    vatNumber: row.vatNumber,
    contactPerson: row.contactPerson,
    email: row.email,
    phone: row.phone,
    phoneNational: row.phone ? toNational(row.phone) : null,
    address: {
      line1: row.addressLine1,
      line2: row.addressLine2,
      postalCode: row.postalCode,
      city: row.city,
      country: row.country,
    },
    status: row.status,
    temperature: row.temperature,
    discountRate: basisPointsToPercent(row.discountBp),
    currency: row.currency,
    language: row.language,
    tags: row.tags,
    archived: row.archivedAt !== null,
    orderCount: row.orderCount,
    lastNote: lastNote ? notePreview(lastNote) : null,
    convertedAt: row.convertedAt?.toISOString() ?? null,
    convertedBy: row.convertedBy,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const toNoteWire = (row: NoteRow): ClientNote => ({
  id: row.id,
  clientId: row.clientId,
  text: row.text,
  priority: row.priority,
  authorId: row.authorId,
  authorName: row.authorName,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

/** What the audit log keeps of a client (everything a person can change). */
const auditView = (row: ClientRow) => {
  const {
    searchText: _s,
    activeEmail: _e,
    activePhone: _p,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = row;
  return {
    ...rest,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    convertedAt: row.convertedAt?.toISOString() ?? null,
  };
};

function searchTextOf(
  row: Pick<
    NewClientRow,
    'name' | 'contactPerson' | 'email' | 'code' | 'city' | 'postalCode' | 'vatNumber' | 'tags'
  >,
) {
  return normaliseText(
    [
      row.name,
      row.contactPerson,
      row.email,
      row.code,
      row.city,
      row.postalCode,
      row.vatNumber,
      ...(row.tags ?? []),
    ]
      .filter(Boolean)
      .join(' '),
  ).slice(0, 1000);
}

/** Which unique index a duplicate-key error hit, from the driver's message. */
function duplicateField(error: unknown): 'email' | 'phone' | 'code' | null {
  const cause =
    (error as { cause?: { code?: string; message?: string } }).cause ??
    (error as { code?: string; message?: string });
  if (cause?.code !== 'ER_DUP_ENTRY') return null;
  const message = cause.message ?? '';
  if (message.includes('clients_active_email_uq')) return 'email';
  if (message.includes('clients_active_phone_uq')) return 'phone';
  if (message.includes('clients_code_uq')) return 'code';
  return null;
}

export function createClientsService(deps: {
  db: Database;
  clientsRepository: ClientsRepository;
  auditService: Pick<AuditService, 'record'>;
  settingsService: Pick<SettingsService, 'get'>;
  authorName: (actor: ActorContext) => Promise<string>;
}) {
  const { db, clientsRepository: repo, auditService } = deps;

  async function requireClient(id: number, tx?: Executor, forUpdate = false) {
    const row = await repo.findById(id, tx, { forUpdate });
    if (!row) throw new AppError('CLIENT_NOT_FOUND', `Client ${id} does not exist.`);
    return row;
  }

  async function requireWritable(id: number, tx: Executor) {
    const row = await requireClient(id, tx, true);
    if (row.archivedAt)
      throw new AppError('CLIENT_ARCHIVED', `Client ${row.code} is archived; unarchive it first.`);
    return row;
  }

  /** Turns body fields into columns, validating what the schema cannot (phone, VAT, currency). */
  async function columnsOf(
    body: Omit<Partial<CreateClientBody>, 'note' | 'code'>,
    current?: ClientRow,
  ): Promise<ClientPatch> {
    const general = await deps.settingsService.get('general');
    const patch: ClientPatch = {};
    if (body.kind !== undefined) patch.kind = body.kind;
    if (body.name !== undefined) {
      patch.name = body.name.trim();
      if (!patch.name) throw invalid('/name', 'must not be blank');
    }
    if (body.contactPerson !== undefined) patch.contactPerson = body.contactPerson?.trim() || null;
    if (body.email !== undefined) patch.email = body.email ? body.email.trim().toLowerCase() : null;
    if (body.address !== undefined) {
      const a = body.address;
      if (a.line1 !== undefined) patch.addressLine1 = a.line1?.trim() || null;
      if (a.line2 !== undefined) patch.addressLine2 = a.line2?.trim() || null;
      if (a.postalCode !== undefined) patch.postalCode = a.postalCode?.trim() || null;
      if (a.city !== undefined) patch.city = a.city?.trim() || null;
      if (a.country !== undefined) patch.country = a.country;
    }
    if (body.phone !== undefined) {
      if (!body.phone?.trim()) patch.phone = null;
      else {
        const country = patch.country ?? current?.country ?? general.defaultCountry;
        const e164 = toE164(body.phone, country);
        if (!e164) throw invalid('/phone', 'is not a valid phone number');
        patch.phone = e164;
      }
    }
    if (body.vatNumber !== undefined) {
      if (!body.vatNumber?.trim()) patch.vatNumber = null;
      else {
        const vat = checkVat(body.vatNumber);
        if (!vat) throw invalid('/vatNumber', 'is not a valid VAT number (e.g. FR40303265045)');
        patch.vatNumber = vat;
      }
    }
    if (body.status !== undefined) patch.status = body.status;
    if (body.temperature !== undefined) patch.temperature = body.temperature;
    if (body.discountRate !== undefined) patch.discountBp = percentToBasisPoints(body.discountRate);
    if (body.currency !== undefined) {
      if (!CURRENCIES.has(body.currency)) throw invalid('/currency', 'is not an ISO 4217 currency');
      patch.currency = body.currency;
    }
    if (body.language !== undefined) patch.language = body.language;
    if (body.tags !== undefined) {
      const tags = [...new Set(body.tags.map((t) => t.trim()).filter(Boolean))];
      patch.tags = tags;
    }
    return patch;
  }

  async function duplicateError(
    error: unknown,
    values: { email?: string | null; phone?: string | null; code?: string },
    exceptId?: number,
  ) {
    const field = duplicateField(error);
    if (!field) return error;
    if (field === 'code') {
      return new AppError('DUPLICATE_CLIENT', `The client code ${values.code} is already used.`, {
        errors: [{ path: '/code', message: 'is already used by another client' }],
      });
    }
    const value = values[field];
    const holder = value ? await repo.findActiveHolder(field, value, exceptId) : undefined;
    return new AppError('DUPLICATE_CLIENT', `An active client already has this ${field}.`, {
      ...(holder ? { existingId: holder.id } : {}),
      errors: [{ path: `/${field}`, message: 'is already used by an active client' }],
    });
  }

  async function withLastNotes(rows: ClientListRow[]) {
    const notes = await repo.latestNotes(rows.map((r) => r.id));
    return rows.map((r) => toClientWire(r, notes.get(r.id)));
  }

  async function wire(row: ClientRow) {
    const [client] = await withLastNotes([row]);
    return client!;
  }

  /** Prospect → current, recorded; shared by the explicit action, PATCH and (later) the first order. */
  async function markConverted(
    actor: ActorContext,
    before: ClientRow,
    tx: Executor,
    action: string,
  ) {
    if (
      (await repo.update(
        before.id,
        before.version,
        {
          status: 'current',
          convertedAt: new Date(),
          convertedBy: actor.actorType === 'user' ? actor.actorId : null,
        },
        tx,
      )) === 0
    ) {
      throw versionConflict('client');
    }
    const after = await requireClient(before.id, tx);
    await auditService.record(
      actor,
      {
        action,
        entity: 'client',
        entityId: before.id,
        before: auditView(before),
        after: auditView(after),
      },
      tx,
    );
    return after;
  }

  return {
    async list(query: ClientsListQuery): Promise<Page<Client>> {
      // The default country only matters to read a phone number typed nationally.
      const defaultCountry =
        query.q && looksLikePhone(query.q)
          ? (await deps.settingsService.get('general')).defaultCountry
          : 'FR';
      const page = await repo.list(query, defaultCountry);
      return { ...page, items: await withLastNotes(page.items) };
    },

    async get(id: number) {
      return wire(await requireClient(id));
    },

    /** `?phone=` (order desk) or `?code=` (flashcode): exactly one. */
    async lookup(query: ClientLookupQuery) {
      if ((query.phone === undefined) === (query.code === undefined)) {
        throw invalid('/querystring', 'needs exactly one of phone or code');
      }
      return query.code !== undefined
        ? this.getByCode(query.code)
        : this.lookupByPhone(query.phone!);
    },

    async getByCode(code: string) {
      const row = await repo.findByCode(code.toUpperCase());
      if (!row) throw new AppError('CLIENT_NOT_FOUND', `No client has the code ${code}.`);
      return wire(row);
    },

    /** The order desk: the caller's number, typed any way, to the active client holding it. */
    async lookupByPhone(phone: string) {
      const { defaultCountry } = await deps.settingsService.get('general');
      const e164 = toE164(phone, defaultCountry);
      if (!e164) throw invalid('/querystring/phone', 'is not a valid phone number');
      const row = await repo.findActiveByPhone(e164);
      if (!row) throw new AppError('CLIENT_NOT_FOUND', `No active client has the number ${e164}.`);
      return wire(row);
    },

    async create(actor: ActorContext, body: CreateClientBody, tx?: Executor) {
      const general = await deps.settingsService.get('general');
      const columns = await columnsOf(body);
      const explicitCode = body.code?.toUpperCase();
      const run = async (t: Executor, code: string) => {
        const row: NewClientRow = {
          kind: 'company',
          status: 'current',
          temperature: 'warm',
          currency: general.baseCurrency,
          language: 'fr',
          tags: [],
          ...columns,
          name: columns.name!,
          code,
          createdBy: actor.actorType === 'user' ? actor.actorId : null,
          searchText: '',
        } as NewClientRow;
        row.searchText = searchTextOf(row);
        const id = await repo.insert(row, t);
        if (body.note) {
          await repo.insertNote(
            {
              clientId: id,
              text: body.note.text,
              priority: body.note.priority,
              authorId: actor.actorId,
              authorName: await deps.authorName(actor),
            },
            t,
          );
        }
        const created = await requireClient(id, t);
        await auditService.record(
          actor,
          { action: 'client.create', entity: 'client', entityId: id, after: auditView(created) },
          t,
        );
        return created;
      };
      // A generated code may collide (1 in a billion per pair): try a few.
      for (let attempt = 0; ; attempt += 1) {
        const code = explicitCode ?? generateCode();
        try {
          const created = tx ? await run(tx, code) : await db.transaction((t) => run(t, code));
          return wire(created);
        } catch (error) {
          if (!explicitCode && duplicateField(error) === 'code' && attempt < 4) continue;
          throw await duplicateError(error, { email: columns.email, phone: columns.phone, code });
        }
      }
    },

    async update(actor: ActorContext, id: number, body: UpdateClientBody) {
      const { version, ...fields } = body;
      let patch: ClientPatch = {};
      try {
        const after = await db.transaction(async (tx) => {
          const before = await requireWritable(id, tx);
          if (before.version !== version) throw versionConflict('client');
          patch = await columnsOf(fields, before);
          if (patch.status === 'current' && before.status === 'prospect') {
            patch.convertedAt = new Date();
            patch.convertedBy = actor.actorType === 'user' ? actor.actorId : null;
          }
          patch.searchText = searchTextOf({ ...before, ...patch });
          if ((await repo.update(id, version, patch, tx)) === 0) throw versionConflict('client');
          const updated = await requireClient(id, tx);
          await auditService.record(
            actor,
            {
              action: 'client.update',
              entity: 'client',
              entityId: id,
              before: auditView(before),
              after: auditView(updated),
            },
            tx,
          );
          return updated;
        });
        return wire(after);
      } catch (error) {
        throw await duplicateError(
          error,
          { email: patch.email ?? null, phone: patch.phone ?? null },
          id,
        );
      }
    },

    async convert(actor: ActorContext, id: number, version: number) {
      const after = await db.transaction(async (tx) => {
        const before = await requireWritable(id, tx);
        if (before.version !== version) throw versionConflict('client');
        if (before.status !== 'prospect')
          throw new AppError(
            'CLIENT_NOT_PROSPECT',
            `Client ${before.code} is already a current client.`,
          );
        return markConverted(actor, before, tx, 'client.convert');
      });
      return wire(after);
    },

    /** For the orders module: a prospect's first order makes them a current client. */
    async convertOnFirstOrder(actor: ActorContext, id: number, tx: Executor) {
      const before = await requireClient(id, tx, true);
      if (before.status === 'prospect')
        await markConverted(actor, before, tx, 'client.convert_first_order');
    },

    async setArchived(actor: ActorContext, id: number, version: number, archived: boolean) {
      try {
        const after = await db.transaction(async (tx) => {
          const before = await requireClient(id, tx, true);
          if (before.version !== version) throw versionConflict('client');
          if ((before.archivedAt !== null) === archived) return before;
          await repo.update(id, version, { archivedAt: archived ? new Date() : null }, tx);
          const updated = await requireClient(id, tx);
          await auditService.record(
            actor,
            {
              action: archived ? 'client.archive' : 'client.unarchive',
              entity: 'client',
              entityId: id,
              before: auditView(before),
              after: auditView(updated),
            },
            tx,
          );
          return updated;
        });
        return wire(after);
      } catch (error) {
        const row = await repo.findById(id);
        throw await duplicateError(
          error,
          { email: row?.email ?? null, phone: row?.phone ?? null },
          id,
        );
      }
    },

    async remove(actor: ActorContext, id: number) {
      await db.transaction(async (tx) => {
        const before = await requireClient(id, tx, true);
        if (before.orderCount > 0) {
          throw new AppError(
            'CONFLICT',
            `Client ${before.code} has orders: archive it instead of deleting it.`,
          );
        }
        await repo.delete(id, tx);
        await auditService.record(
          actor,
          { action: 'client.delete', entity: 'client', entityId: id, before: auditView(before) },
          tx,
        );
      });
    },

    async listNotes(clientId: number) {
      await requireClient(clientId);
      const rows = await repo.listNotes(clientId);
      return { items: rows.map(toNoteWire) };
    },

    async addNote(actor: ActorContext, clientId: number, body: CreateNoteBody) {
      const authorName = await deps.authorName(actor);
      return db.transaction(async (tx) => {
        await requireWritable(clientId, tx);
        const noteId = await repo.insertNote(
          {
            clientId,
            text: body.text,
            priority: body.priority ?? 'none',
            authorId: actor.actorType === 'user' ? actor.actorId : null,
            authorName,
          },
          tx,
        );
        const note = (await repo.findNote(clientId, noteId, tx))!;
        await auditService.record(
          actor,
          {
            action: 'client_note.create',
            entity: 'client_note',
            entityId: noteId,
            after: { clientId, text: note.text, priority: note.priority },
          },
          tx,
        );
        return toNoteWire(note);
      });
    },

    async updateNote(actor: ActorContext, clientId: number, noteId: number, body: UpdateNoteBody) {
      const { version, ...patch } = body;
      return db.transaction(async (tx) => {
        await requireWritable(clientId, tx);
        const before = await repo.findNote(clientId, noteId, tx);
        if (!before)
          throw new AppError('NOTE_NOT_FOUND', `Note ${noteId} does not exist on this client.`);
        if (before.version !== version || (await repo.updateNote(noteId, version, patch, tx)) === 0)
          throw versionConflict('note');
        const after = (await repo.findNote(clientId, noteId, tx))!;
        await auditService.record(
          actor,
          {
            action: 'client_note.update',
            entity: 'client_note',
            entityId: noteId,
            before: { text: before.text, priority: before.priority },
            after: { text: after.text, priority: after.priority },
          },
          tx,
        );
        return toNoteWire(after);
      });
    },

    async deleteNote(actor: ActorContext, clientId: number, noteId: number) {
      await db.transaction(async (tx) => {
        await requireWritable(clientId, tx);
        const before = await repo.findNote(clientId, noteId, tx);
        if (!before)
          throw new AppError('NOTE_NOT_FOUND', `Note ${noteId} does not exist on this client.`);
        await repo.deleteNote(noteId, tx);
        await auditService.record(
          actor,
          {
            action: 'client_note.delete',
            entity: 'client_note',
            entityId: noteId,
            before: { clientId, text: before.text, priority: before.priority },
          },
          tx,
        );
      });
    },
  };
}
export type ClientsService = ReturnType<typeof createClientsService>;
