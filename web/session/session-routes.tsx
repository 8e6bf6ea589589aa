import type { RouteObject } from "react-router";
import { RouteErrorPage } from "../components/route-error-page.tsx";
import { ForgotPasswordPage } from "./forgot-password-page.tsx";
import { ResetPasswordPage } from "./reset-password-page.tsx";
import { SignInPage } from "./sign-in-page.tsx";

// The pages reachable without a session: sign in, forgotten password, and the e-mailed link's page.
export const sessionRoutes: RouteObject[] = [
  { path: "/login", element: <SignInPage />, errorElement: <RouteErrorPage /> },
  { path: "/forgot-password", element: <ForgotPasswordPage />, errorElement: <RouteErrorPage /> },
  { path: "/reset-password", element: <ResetPasswordPage />, errorElement: <RouteErrorPage /> },
];
