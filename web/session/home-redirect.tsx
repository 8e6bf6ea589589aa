import { Navigate } from "react-router";
import { useCurrentUser } from "../hooks/use-session.ts";
import { homePathFor } from "./home-path.ts";

export function HomeRedirect() {
  const user = useCurrentUser();
  return <Navigate to={homePathFor(user.role)} replace />;
}
