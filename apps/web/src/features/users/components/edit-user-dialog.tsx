import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type UpdateUserBody, type User } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useUpdateUser } from '../api/update-user';

/** `user` follows the list, so after a VERSION_CONFLICT the next save carries the fresh version. */
export function EditUserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={user !== null}
      title={t('users.editTitle', { name: user?.name ?? '' })}
      onClose={onClose}
    >
      {user && <EditUserForm key={user.id} user={user} onClose={onClose} />}
    </Dialog>
  );
}

function EditUserForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const updateUser = useUpdateUser();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [active, setActive] = useState(user.active);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Send only what changed, so a concurrent edit of another field is not overwritten.
    const body: UpdateUserBody = { version: user.version };
    if (name.trim() !== user.name) body.name = name.trim();
    if (role !== user.role) body.role = role;
    if (active !== user.active) body.active = active;
    if (Object.keys(body).length === 1) {
      onClose();
      return;
    }
    updateUser.mutate(
      { id: user.id, body },
      {
        onSuccess: (updated) => {
          toast.success(t('users.updated', { name: updated.name }));
          onClose();
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <ErrorAlert error={updateUser.error} />
      <p className="muted">{user.email}</p>
      <TextField
        label={t('users.name')}
        name="name"
        required
        maxLength={120}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <SelectField
        label={t('users.role')}
        name="role"
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {t(`roles.${value}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxField
        label={t('users.activeAccount')}
        name="active"
        checked={active}
        onChange={(event) => setActive(event.target.checked)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={updateUser.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
