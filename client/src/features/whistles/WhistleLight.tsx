import type { WhistleLight as Light } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import '../actionItems/statusLight.css';

/** 亮灯 of a whistle or a department: the dot and the word, never the colour alone. */
export function WhistleLight({ light }: { light: Light }) {
  const { t } = useTranslation();
  if (light === 'none') return null;
  return (
    <span className={`sl-badge sl-${light}`} data-testid="whistle-light" data-light={light}>
      <span className="sl-colour">
        <span className="sl-dot" aria-hidden="true" />
        {t(`whistles.light.${light}`)}
      </span>
    </span>
  );
}
