export const SESSION_COOKIE = "switchboard_session";
export const CSRF_HEADER = "x-csrf-token";
