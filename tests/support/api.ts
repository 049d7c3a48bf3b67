/** A small JSON client for the platform's API, as an app would use it. */

/**
 * Response bodies are read loosely in tests: each test asserts the shape it relies on. This is the one
 * place the test code opts out of type checking.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
type LooseJson = any;
export interface ApiResponse<T = LooseJson> {
	status: number;
	body: T;
	headers: Headers;
}

export interface ApiClient {
	token?: string | undefined;
	request<T = LooseJson>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
	get<T = LooseJson>(path: string): Promise<ApiResponse<T>>;
	post<T = LooseJson>(path: string, body?: unknown): Promise<ApiResponse<T>>;
	patch<T = LooseJson>(path: string, body?: unknown): Promise<ApiResponse<T>>;
	put<T = LooseJson>(path: string, body?: unknown): Promise<ApiResponse<T>>;
	delete<T = LooseJson>(path: string, body?: unknown): Promise<ApiResponse<T>>;
	as(token: string | undefined): ApiClient;
}

export function apiClient(baseUrl: string, token?: string): ApiClient {
	const client: ApiClient = {
		token,
		async request(method, path, body, headers = {}) {
			const response = await fetch(baseUrl + path, {
				method,
				headers: {
					...(body !== undefined ? { 'content-type': 'application/json' } : {}),
					...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
					...headers
				},
				body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
			});
			const text = await response.text();
			let parsed: unknown = text;
			if (response.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
			return { status: response.status, body: parsed as any, headers: response.headers };
		},
		get: (path) => client.request('GET', path),
		post: (path, body) => client.request('POST', path, body),
		patch: (path, body) => client.request('PATCH', path, body),
		put: (path, body) => client.request('PUT', path, body),
		delete: (path, body) => client.request('DELETE', path, body),
		as: (other) => apiClient(baseUrl, other)
	};
	return client;
}
