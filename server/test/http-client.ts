import type { SessionResponse } from "../../common/api/auth.ts";

export interface TestResponse<Body = unknown> {
  status: number;
  body: Body;
  headers: Headers;
}

/**
 * A cookie-keeping HTTP client for API tests against a listening server: it signs in like the page does,
 * then sends the session cookie and the CSRF header on writes.
 */
export class TestClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  bearerToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    /** Sent on every request (a client address behind a trusted proxy, say). */
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  static withToken(baseUrl: string, token: string): TestClient {
    const client = new TestClient(baseUrl);
    client.bearerToken = token;
    return client;
  }

  async signIn(username: string, password: string): Promise<TestResponse<SessionResponse>> {
    const response = await this.request<SessionResponse>("POST", "/api/v1/auth/login", { username, password });
    if (response.status === 200) {
      this.csrfToken = response.body.csrfToken ?? undefined;
    }
    return response;
  }

  get<Body = unknown>(path: string) {
    return this.request<Body>("GET", path);
  }

  post<Body = unknown>(path: string, body?: unknown) {
    return this.request<Body>("POST", path, body);
  }

  patch<Body = unknown>(path: string, body?: unknown) {
    return this.request<Body>("PATCH", path, body);
  }

  delete<Body = unknown>(path: string) {
    return this.request<Body>("DELETE", path);
  }

  async request<Body = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<TestResponse<Body>> {
    const headers: Record<string, string> = { ...this.defaultHeaders, ...extraHeaders };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
    }
    if (this.cookie) {
      headers.cookie = this.cookie;
    }
    if (this.csrfToken && method !== "GET" && !("x-csrf-token" in headers)) {
      headers["x-csrf-token"] = this.csrfToken;
    }
    if (this.bearerToken) {
      headers.authorization = `Bearer ${this.bearerToken}`;
    }
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    this.keepCookie(response.headers.getSetCookie());
    const text = await response.text();
    // Downloads (CSV) come back as text; everything else is JSON.
    const isJson = response.headers.get("content-type")?.includes("json") ?? true;
    return { status: response.status, headers: response.headers, body: (text ? (isJson ? JSON.parse(text) : text) : undefined) as Body };
  }

  private keepCookie(setCookies: string[]): void {
    for (const setCookie of setCookies) {
      const pair = setCookie.split(";")[0] ?? "";
      const cleared = /expires=Thu, 01 Jan 1970/i.test(setCookie) || pair.endsWith("=");
      this.cookie = cleared ? undefined : pair;
    }
  }
}
