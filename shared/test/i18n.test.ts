import { describe, expect, it } from 'vitest';
import { catalogues } from '../src/index.js';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('i18n catalogues', () => {
  it('English has every key Chinese has, and no more', () => {
    expect(keys(catalogues.en).sort()).toEqual(keys(catalogues['zh-CN']).sort());
  });

  it('no string is left empty in either language', () => {
    for (const cat of Object.values(catalogues)) {
      const empty = keys(cat).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], cat) === '');
      expect(empty).toEqual([]);
    }
  });
});
