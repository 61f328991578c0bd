import type { User } from '@gestco/contract';

/**
 * Who may read the dashboard and reports and take data out as files: everyone but
 * operators (docs/decisions/0015-reports.md). The API enforces it; this spares
 * operators pages and buttons that would answer 403.
 */
export const REPORT_ROLES: readonly User['role'][] = ['admin', 'manager', 'viewer'];

export function canReadReports(role: User['role']): boolean {
  return REPORT_ROLES.includes(role);
}
