import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionKey, catalogues, ErrorCodeSchema } from '../src/index.js';

/** Every leaf as [dotted key, value]. */
function leaves(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? leaves(v as object, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}
const keys = (obj: object) => leaves(obj).map(([k]) => k);
const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('English has every key Chinese has, and no more', () => {
    expect(keys(catalogues.en).sort()).toEqual(keys(catalogues['zh-CN']).sort());
  });

  it('no string is left empty in either language', () => {
    for (const cat of Object.values(catalogues)) {
      expect(leaves(cat).filter(([, v]) => typeof v !== 'string' || v.trim() === '')).toEqual([]);
    }
  });

  it('every error code the server answers with has a message in both languages', () => {
    for (const cat of Object.values(catalogues)) {
      const labels = new Map(leaves(cat));
      expect(ErrorCodeSchema.options.filter((c) => typeof labels.get(`errors.${c}`) !== 'string')).toEqual([]);
    }
  });

  it('every audit action has a label in both languages', () => {
    for (const cat of Object.values(catalogues)) {
      const labels = new Map(leaves(cat));
      expect(AUDIT_ACTIONS.filter((a) => typeof labels.get(auditActionKey(a)) !== 'string')).toEqual([]);
    }
  });

  it('both languages use the same {{placeholders}} in each string', () => {
    const en = new Map(leaves(catalogues.en));
    for (const [key, zh] of leaves(catalogues['zh-CN'])) {
      expect({ key, placeholders: placeholders(en.get(key)) }).toEqual({ key, placeholders: placeholders(zh) });
    }
  });

  it('no key contains a dot, which i18next would read as nesting', () => {
    const flatKeys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => [k, ...(typeof v === 'object' && v !== null ? flatKeys(v as object) : [])]);
    expect(flatKeys(catalogues['zh-CN']).filter((k) => k.includes('.'))).toEqual([]);
  });
});
