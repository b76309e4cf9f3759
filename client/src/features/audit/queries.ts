import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AuditEventSchema, pageOf, zonedInstant, type AuditCategory } from '@tongxin/shared';
import { getJson } from '../../lib/api.js';

export interface AuditFilters {
  category?: AuditCategory | undefined;
  unit?: string | undefined;
  /** Whole days in Beijing time, `to` included. */
  from?: string | undefined;
  to?: string | undefined;
}

const PAGE_SIZE = 10;

const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** `?page=…&category=…&from=<instant>&to=<instant>`: days become the instants they start at. */
function query(page: number, f: AuditFilters): string {
  const p = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (f.category) p.set('category', f.category);
  if (f.unit) p.set('unit', f.unit);
  if (f.from) p.set('from', zonedInstant(f.from).toISOString());
  if (f.to) p.set('to', zonedInstant(nextDay(f.to)).toISOString());
  return p.toString();
}

/** One page of an audit log: an alliance's (`/api/alliances/:id/audit`) or the system's (`/api/audit`). */
export function useAuditLog(endpoint: string, page: number, filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', endpoint, page, filters],
    queryFn: () => getJson(`${endpoint}?${query(page, filters)}`, pageOf(AuditEventSchema)),
    placeholderData: keepPreviousData,
    // Every action anywhere adds a line: a log opened after acting must show it, not a cached page.
    staleTime: 0,
    refetchOnMount: 'always',
  });
}
