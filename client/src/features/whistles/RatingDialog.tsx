import { WHISTLE_RATINGS, type WhistleDetail } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { FormDialog } from '../lists/fields.js';
import { postWhistle, useWhistleClocks, useWhistleMutation } from './queries.js';

/** 办结评价: 满意 / 基本满意 / 不满意 and a comment for every summoned department. */
export function RatingDialog({ w, onClose }: { w: WhistleDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const reopenDays = useWhistleClocks(w.alliance).data?.clocks.reopenDays ?? 7;
  const [ratings, setRatings] = useState(w.departments.map((d) => ({ unit: d.unit.id, rating: 'satisfied', comment: '' })));
  const close = useWhistleMutation((body: unknown) => postWhistle(`/api/whistles/${w.id}/close`, body));
  const set = (i: number, k: 'rating' | 'comment', v: string) => setRatings((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <FormDialog
      open
      title={t('whistles.rate.title')}
      submitLabel={t('whistles.rate.submit')}
      cancelLabel={t('whistles.detail.cancel')}
      pending={close.isPending}
      error={close.error ? errorMessage(t, close.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate({ ratings }, { onSuccess: onClose });
      }}
      onClose={onClose}
      testId="whistle-rating"
    >
      <p className="muted small lists-field wide">{t('whistles.rate.intro', { days: reopenDays })}</p>
      {w.departments.map((d, i) => (
        <fieldset key={d.unit.id} className="lists-field wide whistle-rate">
          <legend>
            {d.unit.name}（{t(`whistles.role.${d.role}`)}）
          </legend>
          <div className="whistle-rate-choices">
            {WHISTLE_RATINGS.map((r) => (
              <label key={r} className="whistles-check">
                <input type="radio" name={`rating-${d.unit.id}`} value={r} checked={ratings[i]!.rating === r} onChange={() => set(i, 'rating', r)} />
                <span>{t(`whistles.rating.${r}`)}</span>
              </label>
            ))}
          </div>
          <label className="whistle-rate-comment">
            <span>{t('whistles.rate.comment')}</span>
            <input value={ratings[i]!.comment} onChange={(e) => set(i, 'comment', e.target.value)} />
          </label>
        </fieldset>
      ))}
    </FormDialog>
  );
}
