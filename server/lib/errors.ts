// CONVENTIONS.md rule 8: a small set of error classes with a stable snake_case code, a status and a safe message.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(400, code, message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(code = "unauthenticated", message = "Sign in to continue.") {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = "forbidden", message = "You do not have access to this.") {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(code = "not_found", message = "Not found.") {
    super(404, code, message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}
