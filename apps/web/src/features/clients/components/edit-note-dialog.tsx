import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientNote, NotePriority, UpdateNoteBody } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextareaField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useUpdateClientNote } from '../api/update-client-note';
import { NOTE_PRIORITIES } from './client-options';

/** `note` follows the notes list, so after a VERSION_CONFLICT the next save carries the new version. */
export function EditNoteDialog({
  note,
  onClose,
}: {
  note: ClientNote | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={note !== null} title={t('clients.notes.editTitle')} onClose={onClose}>
      {note && <EditNoteForm key={note.id} note={note} onClose={onClose} />}
    </Dialog>
  );
}

function EditNoteForm({ note, onClose }: { note: ClientNote; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const updateNote = useUpdateClientNote();
  const [text, setText] = useState(note.text);
  const [priority, setPriority] = useState<NotePriority>(note.priority);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: UpdateNoteBody = { version: note.version };
    if (text.trim() !== note.text) body.text = text.trim();
    if (priority !== note.priority) body.priority = priority;
    if (Object.keys(body).length === 1) {
      onClose();
      return;
    }
    updateNote.mutate(
      { clientId: note.clientId, noteId: note.id, body },
      {
        onSuccess: () => {
          toast.success(t('clients.notes.updated'));
          onClose();
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <ErrorAlert error={updateNote.error} />
      <TextareaField
        label={t('clients.notes.text')}
        name="text"
        required
        rows={5}
        maxLength={5000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <SelectField
        label={t('clients.notes.priority')}
        name="priority"
        value={priority}
        onChange={(event) => setPriority(event.target.value as NotePriority)}
      >
        {NOTE_PRIORITIES.map((value) => (
          <option key={value} value={value}>
            {t(`clients.priorities.${value}`)}
          </option>
        ))}
      </SelectField>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={updateNote.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
