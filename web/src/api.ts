// The gateway's /api/v1, and nothing else: every call carries the signed-in user's bearer token.

export interface FieldError {
  field: string;
  reason: string;
}

/** RFC 9457 problem+json as the gateway answers it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The reason given for one field, if the error concerns it. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.field === field)?.reason;
}

export interface Accepted {
  operationId: string;
  statusUrl: string;
}

export type TokenSource = () => Promise<string | null>;

export class Api {
  constructor(
    private readonly token: TokenSource,
    private readonly base = '',
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>('POST', path, body, headers);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** The raw response of a GET, for streams and downloads. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(this.base + path, {
      ...init,
      headers: { ...(await this.auth()), ...(init.headers as Record<string, string>) },
    });
    if (!response.ok) throw new ApiError(await problemOf(response));
    return response;
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(this.base + path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(await this.auth()),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new ApiError(await problemOf(response));
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async auth(): Promise<Record<string, string>> {
    const token = await this.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && typeof body.title === 'string') return { ...body, status: response.status };
  } catch {
    // not problem+json: fall through to a generic problem
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text || undefined };
}
