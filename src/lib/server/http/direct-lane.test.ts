import { describe, expect, it } from 'vitest';
import { directEndpoints } from './direct-lane';
import { apiRoutes } from '../openapi/api-routes';
import type { RouteModule } from '../openapi/document';

describe('directEndpoints', () => {
	it('lists the GET endpoints declared direct, by path', () => {
		const table = directEndpoints(apiRoutes());
		expect([...table.keys()].sort()).toEqual(['/api/v1/activities', '/api/v1/skills']);
	});

	it('refuses a direct endpoint with path parameters, which the lane cannot match', () => {
		const direct = async () => ({ status: 204, headers: new Headers(), body: null });
		const route = { path: '/api/v1/cities/{slug}', handlers: { GET: Object.assign(() => new Response(), { spec: {}, direct }) } } as unknown as RouteModule;
		expect(() => directEndpoints([route])).toThrow(/path parameters/);
	});
});
