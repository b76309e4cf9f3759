import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DecisionCreateSchema, DecisionSchema } from '@tongxin/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { decisionsKey } from './queries.js';

/** A one-field form that starts a decision draft (决议草案) in a meeting. */
export function NewDecisionForm({ meetingId, onCreated }: { meetingId: string; onCreated?: (id: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [invalid, setInvalid] = useState(false);
  const create = useMutation({
    mutationFn: (body: { title: string }) => send('POST', `/api/meetings/${meetingId}/decisions`, body, DecisionSchema),
    onSuccess: async (d) => {
      setTitle('');
      await queryClient.invalidateQueries({ queryKey: decisionsKey(meetingId) });
      if (d) onCreated?.(d.id);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = DecisionCreateSchema.safeParse({ title });
    setInvalid(!parsed.success);
    if (parsed.success) create.mutate(parsed.data);
  };
  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={id}>{t('decision.new')}</label>
      <div className="inline-row">
        <input
          id={id}
          value={title}
          maxLength={200}
          placeholder={t('decision.newTitle')}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={invalid}
        />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('decision.creating') : t('decision.create')}
        </button>
      </div>
      {create.isError && (
        <p role="alert" className="field-error">
          {errorMessage(t, create.error)}
        </p>
      )}
    </form>
  );
}
