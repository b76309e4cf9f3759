import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DecisionCreateSchema, DecisionSchema } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { decisionsKey, useDecisions } from './queries.js';

/** The decision drafts of a meeting, and a one-field form to start another. */
export function DecisionsSection({ meetingId, canDraft }: { meetingId: string; canDraft: boolean }) {
  const { t } = useTranslation();
  const decisions = useDecisions(meetingId);
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [invalid, setInvalid] = useState(false);
  const create = useMutation({
    mutationFn: (body: { title: string }) => send('POST', `/api/meetings/${meetingId}/decisions`, body, DecisionSchema),
    onSuccess: async () => {
      setTitle('');
      await queryClient.invalidateQueries({ queryKey: decisionsKey(meetingId) });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = DecisionCreateSchema.safeParse({ title });
    setInvalid(!parsed.success);
    if (parsed.success) create.mutate(parsed.data);
  };

  return (
    <section className="card" aria-labelledby="decisions">
      <h2 id="decisions">{t('decision.list')}</h2>
      <QueryState query={decisions} isEmpty={(d) => d.items.length === 0} empty={t('decision.none')}>
        {(d) => (
          <ul className="plain-list">
            {d.items.map((item) => (
              <li key={item.id} className="alliance-item">
                <Link to={`/decisions/${item.id}`}>{item.title}</Link>
                <span className="tags">
                  <span className={`status decision-${item.status}`}>{t(`decision.status.${item.status}`)}</span>
                  {item.versionCount > 0 && (
                    <span className="tag">{t('decision.versionLabel', { number: item.versionCount })}</span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {canDraft && (
        <form className="inline-form" onSubmit={onSubmit} noValidate>
          <label htmlFor="new-decision">{t('decision.new')}</label>
          <div className="inline-row">
            <input
              id="new-decision"
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
      )}
    </section>
  );
}
