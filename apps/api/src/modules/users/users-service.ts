import type {
  CreateUserBody,
  Page,
  UpdateUserBody,
  User,
  UsersListQuery,
  Locale,
  Role,
} from '@gestco/contract';
import type { Database, Executor } from '../../db/client.ts';
import { AppError, versionConflict } from '../../lib/app-error.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { UserPatch, UserRow, UsersRepository } from './users-repository.ts';

export const toUserWire = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  active: row.active,
  locale: row.locale,
  lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

/** The audited view of a user: what an admin may see changed. */
const auditView = (row: Pick<UserRow, 'email' | 'name' | 'role' | 'active' | 'locale'>) => ({
  email: row.email,
  name: row.name,
  role: row.role,
  active: row.active,
  locale: row.locale,
});

const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && 'cause' in error
    ? (error.cause as { code?: string } | undefined)?.code === 'ER_DUP_ENTRY'
    : (error as { code?: string } | null)?.code === 'ER_DUP_ENTRY';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createUsersService(deps: {
  db: Database;
  usersRepository: UsersRepository;
  auditService: Pick<AuditService, 'record'>;
  revokeSessions: (userId: number, tx: Executor) => Promise<void>;
}) {
  const { db, usersRepository: repo, auditService } = deps;

  async function requireUser(id: number, tx?: Executor, forUpdate = false) {
    const row = await repo.findById(id, tx, { forUpdate });
    if (!row) throw new AppError('USER_NOT_FOUND', `User ${id} does not exist.`);
    return row;
  }

  /** Shared by admin edits and self-service edits: version check, last-admin guard, audit. */
  async function applyPatch(
    actor: ActorContext,
    id: number,
    version: number,
    patch: UserPatch,
    action: string,
  ) {
    return db.transaction(async (tx) => {
      const before = await requireUser(id, tx, true);
      if (before.version !== version) throw versionConflict('user');
      const losesAdmin =
        before.role === 'admin' &&
        before.active &&
        ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
      if (losesAdmin) {
        const admins = await repo.lockActiveAdmins(tx);
        if (admins.length <= 1) {
          throw new AppError(
            'LAST_ADMIN',
            'This is the last active administrator; promote another user first.',
          );
        }
      }
      if ((await repo.update(id, version, patch, tx)) === 0) throw versionConflict('user');
      const after = await requireUser(id, tx);
      if (before.active && !after.active) await deps.revokeSessions(id, tx);
      await auditService.record(
        actor,
        {
          action,
          entity: 'user',
          entityId: id,
          before: auditView(before),
          after: auditView(after),
        },
        tx,
      );
      return toUserWire(after);
    });
  }

  return {
    async get(id: number) {
      return toUserWire(await requireUser(id));
    },

    async list(query: UsersListQuery): Promise<Page<User>> {
      const page = await repo.list(query);
      return { ...page, items: page.items.map(toUserWire) };
    },

    async count() {
      return repo.count();
    },

    async create(actor: ActorContext, body: CreateUserBody & { locale?: Locale }) {
      const email = normaliseEmail(body.email);
      const passwordHash = await hashPassword(body.password);
      try {
        return await db.transaction(async (tx) => {
          const id = await repo.insert(
            {
              email,
              name: body.name.trim(),
              role: body.role,
              passwordHash,
              locale: body.locale ?? 'fr',
            },
            tx,
          );
          const row = await requireUser(id, tx);
          await auditService.record(
            actor,
            { action: 'user.create', entity: 'user', entityId: id, after: auditView(row) },
            tx,
          );
          return toUserWire(row);
        });
      } catch (error) {
        if (isDuplicateKey(error)) {
          const existing = await repo.findByEmail(email);
          throw new AppError('EMAIL_TAKEN', `A user with the email ${email} already exists.`, {
            ...(existing ? { existingId: existing.id } : {}),
            errors: [{ path: '/email', message: 'is already used by another user' }],
          });
        }
        throw error;
      }
    },

    update(actor: ActorContext, id: number, body: UpdateUserBody) {
      const { version, ...patch } = body;
      if (patch.name !== undefined) patch.name = patch.name.trim();
      return applyPatch(actor, id, version, patch, 'user.update');
    },

    updateSelf(
      actor: ActorContext,
      id: number,
      body: { version: number; locale?: Locale; name?: string },
    ) {
      const { version, ...patch } = body;
      return applyPatch(actor, id, version, patch, 'user.update_self');
    },

    async resetPassword(actor: ActorContext, id: number, password: string) {
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const before = await requireUser(id, tx, true);
        await repo.update(id, before.version, { passwordHash }, tx);
        await deps.revokeSessions(id, tx);
        await auditService.record(
          actor,
          {
            action: 'user.reset_password',
            entity: 'user',
            entityId: id,
            before: null,
            after: { passwordChanged: true },
          },
          tx,
        );
      });
    },

    /** Same answer and about the same time for an unknown email and a wrong password. */
    async checkCredentials(email: string, password: string): Promise<UserRow | null> {
      const row = await repo.findByEmail(normaliseEmail(email));
      if (!row) return burnPasswordCheck(password).then(() => null);
      return (await verifyPassword(row.passwordHash, password)) ? row : null;
    },

    /** For authentication on every request: the current role and active flag. */
    async findActive(id: number): Promise<{ id: number; role: Role; email: string } | null> {
      const row = await repo.findById(id);
      return row && row.active ? { id: row.id, role: row.role, email: row.email } : null;
    },

    async findRow(id: number) {
      return repo.findById(id);
    },

    touchLastLogin: (id: number) => repo.touchLastLogin(id),
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
