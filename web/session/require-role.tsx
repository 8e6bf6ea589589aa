import { Navigate, Outlet } from "react-router";
import type { Role } from "../../common/domain/roles.ts";
import { useCurrentUser } from "../hooks/use-session.ts";

interface RequireRoleProps {
  roles: readonly Role[];
  // Where someone without one of the roles goes instead.
  redirectTo: string;
}

// Hides pages a role cannot use; the server enforces the same rule on every request.
export function RequireRole({ roles, redirectTo }: RequireRoleProps) {
  const user = useCurrentUser();
  if (!roles.includes(user.role)) {
    return <Navigate to={redirectTo} replace />;
  }
  return <Outlet />;
}
