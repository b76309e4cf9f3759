import type { TestServer } from './testServer.js';

export const DEMO_PASSWORD = 'tongxin-demo';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** A REST client acting as one person, with a bearer token as a non-browser client would. */
export interface ApiClient {
  token: string;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body: unknown): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string): Promise<ApiResponse<T>>;
}

export async function request(
  server: Pick<TestServer, 'url'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function loginAs(
  server: Pick<TestServer, 'url'>,
  login: string,
  password = DEMO_PASSWORD,
): Promise<ApiClient> {
  const res = await request(server, 'POST', '/auth/token', { login, password });
  if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.token as string;
  const auth = { authorization: `Bearer ${token}` };
  return {
    token,
    get: (p) => request(server, 'GET', p, undefined, auth),
    post: (p, b) => request(server, 'POST', p, b, auth),
    patch: (p, b) => request(server, 'PATCH', p, b, auth),
    put: (p, b) => request(server, 'PUT', p, b, auth),
    delete: (p) => request(server, 'DELETE', p, undefined, auth),
  };
}
