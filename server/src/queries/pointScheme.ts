import { DEFAULT_POINT_SCHEME, PointSchemeSchema, type PointScheme } from '@tongxin/shared';

/** The alliance's scheme: its own rules (any criterion it lacks from the default), or the default. */
export function schemeOf(alliance: { pointRules?: unknown }): PointScheme {
  const stored = Array.isArray(alliance.pointRules) ? (alliance.pointRules as unknown[]) : [];
  if (stored.length === 0) return DEFAULT_POINT_SCHEME;
  const plain = stored.map((r) => {
    const o = (r && typeof r === 'object' && 'toObject' in r ? (r as { toObject(): unknown }).toObject() : r) as Record<string, unknown>;
    return { criterion: o.criterion, enabled: o.enabled, points: o.points, cap: o.cap ?? null, capPeriod: o.capPeriod };
  });
  const rules = DEFAULT_POINT_SCHEME.rules.map((d) => plain.find((r) => r.criterion === d.criterion) ?? d);
  const parsed = PointSchemeSchema.safeParse({ rules });
  return parsed.success ? parsed.data : DEFAULT_POINT_SCHEME;
}
