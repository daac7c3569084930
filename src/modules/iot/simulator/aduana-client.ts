/** A small HTTP client for Aduana's API, for the simulator and the demo fleet. */
export class AduanaClient {
  private token: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly credentials: { username: string; password: string },
  ) {}

  async login(): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.credentials),
    });
    if (!res.ok) throw new Error(`sign-in as ${this.credentials.username} failed (${res.status})`);
    this.token = ((await res.json()) as { token: string }).token;
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    if (!this.token) await this.login();
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
