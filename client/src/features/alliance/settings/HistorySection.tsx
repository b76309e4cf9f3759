import type { Alliance } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { formatShortDateTime } from '../../../lib/format.js';

/** 成员变动记录: units that left, and when current members joined. */
export function HistorySection({ alliance }: { alliance: Alliance }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatShortDateTime(iso, i18n.language);
  return (
    <>
      <p className="muted">{t('allianceSettings.historyLead')}</p>
      {alliance.formerMembers.length === 0 ? (
        <p className="muted">{t('allianceSettings.historyEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="history-table" data-testid="former-members">
            <thead>
              <tr>
                <th scope="col">{t('allianceSettings.colUnit')}</th>
                <th scope="col">{t('allianceSettings.colRole')}</th>
                <th scope="col">{t('allianceSettings.colJoined')}</th>
                <th scope="col">{t('allianceSettings.colLeft')}</th>
              </tr>
            </thead>
            <tbody>
              {alliance.formerMembers.map((f, i) => (
                <tr key={`${f.unit.id}-${i}`}>
                  <th scope="row">{f.unit.name}</th>
                  <td>{t(`roles.${f.role}`)}</td>
                  <td>{when(f.joinedAt)}</td>
                  <td>{when(f.leftAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('allianceSettings.currentMembers')}</h3>
      <ul className="plain-list joined-list">
        {[...alliance.memberships]
          .sort((a, b) => b.joinedAt.localeCompare(a.joinedAt))
          .map((m) => (
            <li key={m.unit.id}>
              <span>{m.unit.name}</span>{' '}
              <span className="muted">{t('allianceSettings.joinedAt', { date: when(m.joinedAt) })}</span>
            </li>
          ))}
      </ul>
    </>
  );
}
