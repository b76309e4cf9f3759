import {
  CalendarOverridesSchema,
  OFFICIAL_CALENDAR_LAST_YEAR,
  StatusLightRulesSchema,
  calendarKnown,
  wallClock,
  type Alliance,
} from '@tongxin/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../lib/format.js';
import { Field, type FieldErrors } from './fields.js';
import { useAllianceChange } from './queries.js';
import { SaveBar } from './SaveBar.js';
import './calendar.css';

type ListName = 'holidays' | 'workdays';
const MAX_DAYS = 200;

/**
 * 亮灯与工作日历: how near a deadline and how long without a report before an item turns yellow,
 * and the holidays and swapped working days of the years the bundled official calendar does not
 * know yet (announced each November or December). Saved together; every light follows at once.
 */
export function CalendarSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState({
    dueSoonWorkingDays: String(alliance.statusLightRules.dueSoonWorkingDays),
    silentDays: String(alliance.statusLightRules.silentDays),
  });
  const [days, setDays] = useState<Record<ListName, string[]>>({
    holidays: alliance.calendar.holidays,
    workdays: alliance.calendar.workdays,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAllianceChange<unknown>(alliance.id, 'PATCH', () => '');
  const manage = alliance.can.manage;
  const nextYear = wallClock(new Date()).year + 1;
  const known = calendarKnown(nextYear, days);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsedRules = StatusLightRulesSchema.safeParse({
      dueSoonWorkingDays: Number(rules.dueSoonWorkingDays),
      silentDays: Number(rules.silentDays),
    });
    const parsedCalendar = CalendarOverridesSchema.safeParse(days);
    const next: FieldErrors = {};
    if (!parsedRules.success) {
      for (const issue of parsedRules.error.issues) {
        const key = String(issue.path[0]);
        next[key] = key === 'silentDays' ? t('allianceSettings.errSilentRange') : t('allianceSettings.errDueSoonRange');
      }
    }
    if (!parsedCalendar.success) next.workdays = t('allianceSettings.errBoth');
    setErrors(next);
    if (!parsedRules.success || !parsedCalendar.success) return;
    save.mutate({ statusLightRules: parsedRules.data, calendar: parsedCalendar.data });
  };

  const add = (list: ListName, day: string): string | null => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return t('allianceSettings.errDate');
    if (days[list].includes(day)) return t('allianceSettings.errDuplicate');
    if (days[list === 'holidays' ? 'workdays' : 'holidays'].includes(day)) return t('allianceSettings.errBoth');
    if (days[list].length >= MAX_DAYS) return t('allianceSettings.errTooMany');
    setDays({ ...days, [list]: [...days[list], day].sort() });
    return null;
  };
  const remove = (list: ListName, day: string) => setDays({ ...days, [list]: days[list].filter((d) => d !== day) });

  return (
    <form className="form calendar-form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('allianceSettings.calendarLead')}</p>
      <fieldset className="calendar-rules">
        <legend>{t('allianceSettings.lightRules')}</legend>
        <Field
          id="cal-due-soon"
          label={t('allianceSettings.dueSoonWorkingDays')}
          hint={t('allianceSettings.dueSoonHint')}
          error={errors.dueSoonWorkingDays}
        >
          {(p) => (
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={10}
              value={rules.dueSoonWorkingDays}
              disabled={!manage}
              onChange={(e) => setRules({ ...rules, dueSoonWorkingDays: e.target.value })}
              {...p}
            />
          )}
        </Field>
        <Field
          id="cal-silent"
          label={t('allianceSettings.silentDays')}
          hint={t('allianceSettings.silentHint')}
          error={errors.silentDays}
        >
          {(p) => (
            <input
              type="number"
              inputMode="numeric"
              min={3}
              max={60}
              value={rules.silentDays}
              disabled={!manage}
              onChange={(e) => setRules({ ...rules, silentDays: e.target.value })}
              {...p}
            />
          )}
        </Field>
      </fieldset>
      <fieldset className="calendar-days">
        <legend>{t('allianceSettings.calendarTitle')}</legend>
        <p className="calendar-explain">{t('allianceSettings.calendarExplain')}</p>
        <p className="muted small">{t('allianceSettings.calendarKnownUntil', { year: OFFICIAL_CALENDAR_LAST_YEAR })}</p>
        {!known && (
          <p role="note" className="alert calendar-warning" data-testid="calendar-warning">
            {t('allianceSettings.calendarMissing', { year: nextYear })}
          </p>
        )}
        <div className="calendar-lists">
          <DayList
            list="holidays"
            days={days.holidays}
            manage={manage}
            onAdd={add}
            onRemove={remove}
            error={errors.holidays}
          />
          <DayList
            list="workdays"
            days={days.workdays}
            manage={manage}
            onAdd={add}
            onRemove={remove}
            error={errors.workdays}
          />
        </div>
      </fieldset>
      {manage && <SaveBar mutation={save} />}
    </form>
  );
}

function DayList({
  list,
  days,
  manage,
  onAdd,
  onRemove,
  error,
}: {
  list: ListName;
  days: string[];
  manage: boolean;
  onAdd: (list: ListName, day: string) => string | null;
  onRemove: (list: ListName, day: string) => void;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ?? error;
  const add = () => {
    const p = onAdd(list, draft);
    setProblem(p);
    if (!p) setDraft('');
  };
  const titleId = `${id}-title`;
  return (
    <section className="calendar-list" aria-labelledby={titleId} data-testid={`calendar-${list}`}>
      <h3 id={titleId}>{t(`allianceSettings.${list}`)}</h3>
      <p className="muted small">{t(`allianceSettings.${list}Hint`)}</p>
      {days.length === 0 ? (
        <p className="muted">{t('allianceSettings.noDates')}</p>
      ) : (
        <ul className="plain-list calendar-dates">
          {days.map((d) => (
            <li key={d}>
              <time dateTime={d}>{formatDay(d, i18n.language)}</time>
              {manage && (
                <button
                  type="button"
                  className="ghost small"
                  aria-label={t('allianceSettings.removeDate', { date: formatDay(d, i18n.language) })}
                  onClick={() => onRemove(list, d)}
                >
                  {t('allianceSettings.removeShort')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <div className={shown ? 'field invalid calendar-add' : 'field calendar-add'}>
          <label htmlFor={`${id}-add`}>
            {t(list === 'holidays' ? 'allianceSettings.addHolidayLabel' : 'allianceSettings.addWorkdayLabel')}
          </label>
          <span className="calendar-add-row">
            <input
              id={`${id}-add`}
              type="date"
              value={draft}
              aria-invalid={!!shown}
              aria-describedby={shown ? `${id}-err` : undefined}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" className="button outline" onClick={add}>
              {t('allianceSettings.addDate')}
            </button>
          </span>
          {shown && (
            <span className="field-error" id={`${id}-err`}>
              {shown}
            </span>
          )}
        </div>
      )}
    </section>
  );
}
