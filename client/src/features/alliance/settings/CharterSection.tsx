import { AlliancePatchSchema, type Alliance, type CharterRevision } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../app/Pager.js';
import { QueryState } from '../../../app/QueryState.js';
import { formatShortDateTime } from '../../../lib/format.js';
import { Field, fieldErrors, type FieldErrors } from './fields.js';
import { useAllianceChange, useCharterHistory } from './queries.js';
import { SaveBar } from './SaveBar.js';

const PAGE_SIZE = 10;

/** 章程: the text, and every version it has had — who changed what, when. */
export function CharterSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const [charter, setCharter] = useState(alliance.charter);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAllianceChange<unknown>(alliance.id, 'PATCH', () => '');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = AlliancePatchSchema.safeParse({ charter });
    if (!parsed.success) return setErrors(fieldErrors(t, parsed.error));
    setErrors({});
    save.mutate({ charter });
  };
  return (
    <>
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field id="ac-charter" label={t('allianceSettings.charter')} error={errors.charter}>
          {(p) => (
            <textarea
              className="charter-text"
              rows={12}
              value={charter}
              onChange={(e) => setCharter(e.target.value)}
              readOnly={!alliance.can.manage}
              {...p}
            />
          )}
        </Field>
        {alliance.can.manage && (
          <SaveBar mutation={save} label={t('allianceSettings.charterSave')} disabled={charter === alliance.charter} />
        )}
      </form>
      <CharterHistory allianceId={alliance.id} />
    </>
  );
}

function CharterHistory({ allianceId }: { allianceId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useCharterHistory(allianceId, page);
  return (
    <div className="charter-history">
      <h3 id="charter-history">{t('allianceSettings.charterHistory')}</h3>
      <p className="muted small">{t('allianceSettings.diffLegend')}</p>
      <QueryState query={history} isEmpty={(p) => p.items.length === 0} empty={t('allianceSettings.charterNoHistory')}>
        {(p) => (
          <>
            <ol className="plain-list versions" aria-labelledby="charter-history">
              {p.items.map((r, i) => (
                <Revision key={r.id} revision={r} number={p.total - (p.page - 1) * p.pageSize - i} />
              ))}
            </ol>
            <Pager
              page={p.page}
              pages={Math.ceil(p.total / PAGE_SIZE)}
              label={t('allianceSettings.charterHistory')}
              onPage={setPage}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}

function Revision({ revision: r, number }: { revision: CharterRevision; number: number }) {
  const { t, i18n } = useTranslation();
  const [full, setFull] = useState(false);
  const changed = r.parts.some((p) => p.added || p.removed);
  return (
    <li className="version" data-testid={`charter-version-${number}`}>
      <h4>{t('allianceSettings.charterVersion', { n: number })}</h4>
      <p className="muted">
        {r.by
          ? t('allianceSettings.charterBy', {
              name: r.by.name,
              unit: r.byUnit ? t('alliance.actorUnit', { unit: r.byUnit.name }) : '',
              time: formatShortDateTime(r.at, i18n.language),
            })
          : t('allianceSettings.charterInitial')}
      </p>
      {r.first ? (
        <>
          <p className="small muted">{t('allianceSettings.charterFirst')}</p>
          <blockquote className="version-text">{r.text}</blockquote>
        </>
      ) : (
        <>
          <p className="small muted">{t('allianceSettings.charterChanges')}</p>
          {r.coarse && (
            <p role="note" className="muted">
              {t('allianceSettings.charterCoarse')}
            </p>
          )}
          {changed ? (
            <p className="diff">
              {r.parts.map((p, i) =>
                p.added ? (
                  <ins key={i}>{p.value}</ins>
                ) : p.removed ? (
                  <del key={i}>{p.value}</del>
                ) : (
                  <span key={i}>{p.value}</span>
                ),
              )}
            </p>
          ) : (
            <p className="muted">{t('allianceSettings.charterUnchanged')}</p>
          )}
          <button type="button" className="ghost" aria-expanded={full} onClick={() => setFull(!full)}>
            {full ? t('allianceSettings.charterHideText') : t('allianceSettings.charterShowText')}
          </button>
          {full && <blockquote className="version-text">{r.text}</blockquote>}
        </>
      )}
    </li>
  );
}
