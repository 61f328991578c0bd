import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useResetUserPassword } from '../api/reset-user-password';

export function ResetPasswordDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={user !== null}
      title={t('users.resetTitle', { name: user?.name ?? '' })}
      onClose={onClose}
    >
      {user && <ResetPasswordForm key={user.id} user={user} onClose={onClose} />}
    </Dialog>
  );
}

function ResetPasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const resetPassword = useResetUserPassword();
  const [password, setPassword] = useState('');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    resetPassword.mutate(
      { id: user.id, body: { password } },
      {
        onSuccess: () => {
          toast.success(t('users.passwordReset', { name: user.name }));
          onClose();
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <ErrorAlert error={resetPassword.error} />
      <TextField
        label={t('users.newPassword')}
        hint={t('users.passwordHint')}
        type="password"
        name="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={200}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={resetPassword.isPending}>
          {t('users.resetPassword')}
        </button>
      </div>
    </form>
  );
}
