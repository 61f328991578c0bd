import { Navigate, Outlet } from 'react-router';
import { canReadReports } from '@/lib/report-access';
import { useCurrentUser } from '@/lib/session';

/**
 * The home page: the dashboard for those who may read it; operators (whom the API
 * answers 403) start on the orders list, without loading the dashboard's code.
 */
export function DashboardHome() {
  const { role } = useCurrentUser();
  return canReadReports(role) ? <Outlet /> : <Navigate to="/orders" replace />;
}
