import {
  COMMITTEE_POSTS,
  CommitteeSchema,
  type Alliance,
  type CommitteeMember,
  type CommitteePost,
} from '@tongxin/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../app/QueryState.js';
import { useUnitPeople } from '../alliance/settings/queries.js';
import { issuesToErrors, serverIssues, type PathErrors } from './issues.js';
import { useCommittee, useSaveCommittee, type CommitteeAnswer } from './queries.js';
import './people.css';

interface Row {
  key: number;
  name: string;
  user: string;
  post: CommitteePost;
  homeUnit: string;
  title: string;
}

let nextKey = 1;
const toRow = (m: CommitteeMember): Row => ({
  key: nextKey++,
  name: m.name,
  user: m.user?.id ?? '',
  post: m.post,
  homeUnit: m.homeUnit.id,
  title: m.title,
});

/** 委员名单 in 联合体设置: the committee as rows, added, removed and put in order, saved at once. */
export function CommitteeSection({ alliance }: { alliance: Alliance }) {
  const committee = useCommittee(alliance.id);
  return <QueryState query={committee}>{(c) => <CommitteeEditor alliance={alliance} committee={c} />}</QueryState>;
}

function CommitteeEditor({ alliance, committee }: { alliance: Alliance; committee: CommitteeAnswer }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(() => committee.members.map(toRow));
  const [errors, setErrors] = useState<PathErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveCommittee(alliance.id);
  const focusRow = useRef<number | null>(null);
  const focusMoved = useRef<{ key: number; dir: 'up' | 'down' } | null>(null);
  const manage = committee.can.manage;

  // A new row takes the focus on its name, so adding with the keyboard goes straight on typing.
  useEffect(() => {
    if (focusRow.current === null) return;
    document.getElementById(focusRow.current === -1 ? 'cm-add' : `cm-${focusRow.current}-name`)?.focus();
    focusRow.current = null;
  }, [rows]);
  // A moved row keeps the focus on the arrow pressed, or the other one at the end of the list.
  useEffect(() => {
    const moved = focusMoved.current;
    if (!moved) return;
    focusMoved.current = null;
    const pressed = document.getElementById(`cm-${moved.key}-${moved.dir}`) as HTMLButtonElement | null;
    const other = document.getElementById(`cm-${moved.key}-${moved.dir === 'up' ? 'down' : 'up'}`);
    (pressed && !pressed.disabled ? pressed : other)?.focus();
  }, [rows]);

  const change = (key: number, patch: Partial<Row>) => {
    save.reset();
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const move = (index: number, by: -1 | 1) => {
    save.reset();
    setErrors({});
    focusMoved.current = { key: rows[index]!.key, dir: by < 0 ? 'up' : 'down' };
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  };
  const remove = (key: number) => {
    save.reset();
    setErrors({});
    // The focus goes to the next row's name (or the previous one's, or 添加委员), not to the page's top.
    const at = rows.findIndex((r) => r.key === key);
    const neighbour = rows[at + 1] ?? rows[at - 1];
    focusRow.current = neighbour ? neighbour.key : -1;
    setRows((rs) => rs.filter((r) => r.key !== key));
  };
  const add = () => {
    save.reset();
    const key = nextKey++;
    focusRow.current = key;
    setRows((rs) => [...rs, { key, name: '', user: '', post: 'partTimeMember', homeUnit: '', title: '' }]);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      members: rows.map((r) => ({
        name: r.name,
        user: r.user || null,
        post: r.post,
        homeUnit: r.homeUnit,
        title: r.title,
      })),
    };
    const words = {
      selects: ['homeUnit', 'post', 'user'],
      data: body,
      special: { members: t('people.committee.errTooMany') },
    };
    const parsed = CommitteeSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(issuesToErrors(t, parsed.error.issues, words));
      setFormError(t('people.committee.fixErrors'));
      return;
    }
    setErrors({});
    setFormError(null);
    save.mutate(parsed.data, {
      onSuccess: (answer) => answer && setRows(answer.members.map(toRow)),
      onError: (err) => {
        const s = serverIssues(t, err, words);
        setErrors(s.fields);
        setFormError(s.form ?? t('people.committee.fixErrors'));
      },
    });
  };

  if (!manage) return <p className="alert">{t('people.committee.forbidden')}</p>;
  return (
    <form className="form committee-editor" onSubmit={onSubmit} noValidate data-testid="committee-editor">
      <p className="muted">{t('people.committee.lead')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('people.committee.noRows')}</p>
      ) : (
        <ol className="plain-list committee-rows">
          {rows.map((r, i) => (
            <CommitteeRow
              key={r.key}
              alliance={alliance}
              row={r}
              index={i}
              last={i === rows.length - 1}
              errors={errors}
              onChange={(patch) => change(r.key, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => remove(r.key)}
            />
          ))}
        </ol>
      )}
      {errors.members && <p className="field-error">{errors.members}</p>}
      <div className="form-actions">
        <button type="button" className="secondary" id="cm-add" onClick={add} disabled={rows.length >= 60}>
          {t('people.committee.add')}
        </button>
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('people.committee.saving') : t('people.committee.save')}
        </button>
        {formError && (
          <span role="alert" className="field-error">
            {formError}
          </span>
        )}
        {save.isSuccess && (
          <span role="status" className="success">
            {t('people.committee.saved')}
          </span>
        )}
      </div>
    </form>
  );
}

function CommitteeRow({
  alliance,
  row: r,
  index: i,
  last,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  alliance: Alliance;
  row: Row;
  index: number;
  last: boolean;
  errors: PathErrors;
  onChange: (patch: Partial<Row>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const people = useUnitPeople(r.homeUnit || null);
  const id = (k: string) => `cm-${r.key}-${k}`;
  const err = (k: string) => errors[`members.${i}.${k}`];
  const label = r.name.trim() || t('people.committee.unnamed');
  const field = (k: string) => ({
    id: id(k),
    'aria-invalid': err(k) !== undefined,
    'aria-describedby': err(k) ? id(`${k}-err`) : undefined,
  });
  const error = (k: string) =>
    err(k) && (
      <span className="field-error" id={id(`${k}-err`)}>
        {err(k)}
      </span>
    );
  return (
    <li className="committee-row" data-testid="committee-row">
      <fieldset>
        <legend>{t('people.committee.row', { n: i + 1 })}</legend>
        <div className="committee-fields">
          <div className={err('name') ? 'field invalid' : 'field'}>
            <label htmlFor={id('name')}>{t('people.committee.name')}</label>
            <input
              {...field('name')}
              value={r.name}
              maxLength={60}
              onChange={(e) => onChange({ name: e.target.value })}
            />
            {error('name')}
          </div>
          <div className={err('post') ? 'field invalid' : 'field'}>
            <label htmlFor={id('post')}>{t('people.committee.post')}</label>
            <select
              {...field('post')}
              value={r.post}
              onChange={(e) => onChange({ post: e.target.value as CommitteePost })}
            >
              {COMMITTEE_POSTS.map((p) => (
                <option key={p} value={p}>
                  {t(`people.post.${p}`)}
                </option>
              ))}
            </select>
            {error('post')}
          </div>
          <div className={err('homeUnit') ? 'field invalid' : 'field'}>
            <label htmlFor={id('homeUnit')}>{t('people.committee.homeUnit')}</label>
            <select
              {...field('homeUnit')}
              value={r.homeUnit}
              onChange={(e) => onChange({ homeUnit: e.target.value, user: '' })}
            >
              <option value="">{t('people.committee.chooseUnit')}</option>
              {alliance.memberships.map((m) => (
                <option key={m.unit.id} value={m.unit.id}>
                  {m.unit.name}
                </option>
              ))}
            </select>
            {error('homeUnit')}
          </div>
          <div className={err('user') ? 'field invalid' : 'field'}>
            <label htmlFor={id('user')}>{t('people.committee.account')}</label>
            <select
              {...field('user')}
              value={r.user}
              disabled={!r.homeUnit}
              onChange={(e) => {
                const person = people.data?.items.find((u) => u.id === e.target.value);
                // Naming the account names the member, unless a name was typed already.
                onChange({ user: e.target.value, ...(person && !r.name.trim() ? { name: person.name } : {}) });
              }}
            >
              <option value="">
                {r.homeUnit ? t('people.committee.noAccount') : t('people.committee.chooseUnitFirst')}
              </option>
              {(people.data?.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            {error('user')}
          </div>
          <div className={err('title') ? 'field invalid wide' : 'field wide'}>
            <label htmlFor={id('title')}>{t('people.committee.jobTitle')}</label>
            <input
              {...field('title')}
              value={r.title}
              maxLength={100}
              placeholder={t('people.committee.jobTitleHint')}
              onChange={(e) => onChange({ title: e.target.value })}
            />
            {error('title')}
          </div>
        </div>
        <div className="row-actions">
          <button
            type="button"
            className="ghost"
            id={id('up')}
            onClick={() => onMove(-1)}
            disabled={i === 0}
            aria-label={t('people.committee.moveUp', { name: label })}
          >
            ↑
          </button>
          <button
            type="button"
            className="ghost"
            id={id('down')}
            onClick={() => onMove(1)}
            disabled={last}
            aria-label={t('people.committee.moveDown', { name: label })}
          >
            ↓
          </button>
          <button type="button" className="secondary" onClick={onRemove}>
            {t('people.committee.remove', { name: label })}
          </button>
        </div>
      </fieldset>
    </li>
  );
}
