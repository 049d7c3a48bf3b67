/**
 * The role matrix: every role against every protected action, through HTTP, in its own city and in
 * another. Each cell says whether the action is allowed; a denied action must answer 401 (visitor),
 * 403, or 404 where even the existence of the target is private.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { ApiClient } from '../../../../tests/support/api';
import { cityWithAdmin, createOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { linkIn } from '../../../../tests/support/server';

let platform: Platform;
const roles: Record<string, ApiClient> = {};
let cityA: { slug: string };
let org: { id: string };
let learnerForRoleChange: { userId: string };
let activityId: string;

async function join(owner: ApiClient, organisationId: string, role: 'admin' | 'member') {
	const email = `${role}-${randomBytes(3).toString('hex')}@example.org`;
	await owner.post(`/api/v1/organisations/${organisationId}/invitations`, { email, role });
	const mail = await platform.server.waitForMail((m) => m.to === email);
	const token = linkIn(mail, '/invitations/').pathname.split('/').pop();
	const reg = await platform.anonymous.post('/api/v1/auth/register', { email, password: 'member password', name: role });
	const client = platform.anonymous.as(reg.body.token);
	expect((await client.post(`/api/v1/invitations/${token}/accept`)).status).toBe(200);
	return Object.assign(client, { userId: reg.body.user.id as string });
}

beforeAll(async () => {
	platform = await startPlatform();
	const a = await cityWithAdmin(platform);
	const b = await cityWithAdmin(platform);
	cityA = a.city;
	const owner = await signUp(platform, 'owner');
	org = await createOrganisation(owner, cityA.slug);
	await a.cityAdmin.post(`/api/v1/organisations/${org.id}/approve`);
	const orgAdmin = await join(owner, org.id, 'admin');
	const orgMember = await join(owner, org.id, 'member');
	learnerForRoleChange = await join(owner, org.id, 'member');
	activityId = (await publishedActivity(owner, org.id)).id;
	Object.assign(roles, {
		visitor: platform.anonymous,
		learner: await signUp(platform, 'learner'),
		orgMember,
		orgAdmin,
		orgOwner: owner,
		cityAdminHere: a.cityAdmin,
		cityAdminElsewhere: b.cityAdmin,
		platformAdmin: platform.admin
	});
});
afterAll(() => platform?.server.stop());

type Check = (client: ApiClient) => Promise<number>;
const unique = () => randomBytes(3).toString('hex');
const pendingOrg = async () => createOrganisation(await signUp(platform, 'applicant'), cityA.slug);

const actions: Record<string, Check> = {
	'create a city': async (c) =>
		(await c.post('/api/v1/cities', { slug: `c-${unique()}`, name: 'New', locales: ['en'], defaultLocale: 'en', timezone: 'UTC', center: { lat: 1, lon: 1 } })).status,
	'edit city settings': async (c) => (await c.patch(`/api/v1/cities/${cityA.slug}`, { name: 'Breda' })).status,
	'list city admins': async (c) => (await c.get(`/api/v1/cities/${cityA.slug}/admins`)).status,
	'read city audit log': async (c) => (await c.get(`/api/v1/cities/${cityA.slug}/audit-log`)).status,
	'appoint a city admin': async (c) => {
		const someone = await signUp(platform, 'candidate');
		return (await c.post(`/api/v1/cities/${cityA.slug}/admins`, { email: someone.email })).status;
	},
	'register an organisation': async (c) =>
		(await c.post('/api/v1/organisations', { city: cityA.slug, name: 'Another org', type: 'ngo', email: 'o@example.org' })).status,
	'list pending organisations': async (c) => (await c.get(`/api/v1/organisations?city=${cityA.slug}&status=pending`)).status,
	'see a pending organisation': async (c) => (await c.get(`/api/v1/organisations/${(await pendingOrg()).id}`)).status,
	'approve an organisation': async (c) => (await c.post(`/api/v1/organisations/${(await pendingOrg()).id}/approve`)).status,
	'suspend an organisation': async (c) => (await c.post(`/api/v1/organisations/${(await pendingOrg()).id}/suspend`, { reason: 'test' })).status,
	'edit the organisation profile': async (c) => (await c.patch(`/api/v1/organisations/${org.id}`, { website: 'https://example.org' })).status,
	'list members': async (c) => (await c.get(`/api/v1/organisations/${org.id}/members`)).status,
	'invite a member': async (c) => (await c.post(`/api/v1/organisations/${org.id}/invitations`, { email: `i-${unique()}@example.org` })).status,
	'list invitations': async (c) => (await c.get(`/api/v1/organisations/${org.id}/invitations`)).status,
	'change a member role': async (c) => (await c.patch(`/api/v1/organisations/${org.id}/members/${learnerForRoleChange.userId}`, { role: 'member' })).status,
	'create a playlist': async (c) => (await c.post('/api/v1/playlists', playlistBody())).status,
	'see a draft playlist': async (c) => (await c.get(`/api/v1/playlists/${await draftPlaylist()}`)).status,
	'feature a playlist': async (c) => (await c.post(`/api/v1/playlists/${await publishedPlaylist()}/feature`, { featured: true })).status,
	'follow a playlist': async (c) => (await c.post(`/api/v1/playlists/${await publishedPlaylist()}/follow`)).status,
	'list badges imported from elsewhere': async (c) => (await c.get('/api/v1/me/imported-credentials')).status,
	'build an organisation survey': async (c) => (await c.post('/api/v1/surveys', { organisationId: org.id, kind: 'needs', title: { en: 'Needs' } })).status,
	'build a city survey': async (c) => (await c.post('/api/v1/surveys', { city: cityA.slug, kind: 'needs', title: { en: 'Needs' } })).status,
	'see a survey’s results': async (c) => (await c.get(`/api/v1/surveys/${await organisationSurvey()}/results`)).status,
	'see a playlist’s impact': async (c) => (await c.get(`/api/v1/playlists/${await publishedPlaylist()}/impact`)).status,
	'see feedback on an organisation’s activities': async (c) => (await c.get(`/api/v1/organisations/${org.id}/feedback`)).status,
	'read the city dashboard': async (c) => (await c.get(`/api/v1/cities/${cityA.slug}/stats`)).status,
	'set the city targets': async (c) => (await c.put(`/api/v1/cities/${cityA.slug}/targets`, { targets: [{ metric: 'enrolments', target: 10 }] })).status,
	'read the organisation dashboard': async (c) => (await c.get(`/api/v1/organisations/${org.id}/stats`)).status
};

async function organisationSurvey() {
	return (await roles.orgOwner!.post('/api/v1/surveys', { organisationId: org.id, kind: 'needs', title: { en: 'Needs' } })).body.id as string;
}

const playlistBody = () => ({ organisationId: org.id, title: { en: 'Pathway' }, description: {}, items: [{ activityId }] });
async function draftPlaylist() {
	return (await roles.orgOwner!.post('/api/v1/playlists', playlistBody())).body.id as string;
}
async function publishedPlaylist() {
	const id = await draftPlaylist();
	await roles.orgOwner!.post(`/api/v1/playlists/${id}/publish`);
	return id;
}

const Y = true;
const N = false;
// prettier-ignore
const expected: Record<string, Record<string, boolean>> = {
	//                               visitor learner orgMember orgAdmin orgOwner cityAdminHere cityAdminElsewhere platformAdmin
	'create a city':                 row(N, N, N, N, N, N, N, Y),
	'edit city settings':            row(N, N, N, N, N, Y, N, Y),
	'list city admins':              row(N, N, N, N, N, Y, N, Y),
	'read city audit log':           row(N, N, N, N, N, Y, N, Y),
	'appoint a city admin':          row(N, N, N, N, N, N, N, Y),
	'register an organisation':      row(N, Y, Y, Y, Y, Y, Y, Y),
	'list pending organisations':    row(N, N, N, N, N, Y, N, Y),
	'see a pending organisation':    row(N, N, N, N, N, Y, N, Y),
	'approve an organisation':       row(N, N, N, N, N, Y, N, Y),
	'suspend an organisation':       row(N, N, N, N, N, Y, N, Y),
	'edit the organisation profile': row(N, N, N, Y, Y, N, N, N),
	'list members':                  row(N, N, Y, Y, Y, Y, N, Y),
	'invite a member':               row(N, N, N, Y, Y, N, N, N),
	'list invitations':              row(N, N, N, Y, Y, N, N, N),
	'change a member role':          row(N, N, N, N, Y, N, N, N),
	'create a playlist':             row(N, N, Y, Y, Y, N, N, N),
	'see a draft playlist':          row(N, N, Y, Y, Y, Y, N, Y),
	'feature a playlist':            row(N, N, N, N, N, Y, N, Y),
	'follow a playlist':             row(N, Y, Y, Y, Y, Y, Y, Y),
	'list badges imported from elsewhere': row(N, Y, Y, Y, Y, Y, Y, Y),
	'build an organisation survey':  row(N, N, Y, Y, Y, N, N, N),
	'build a city survey':           row(N, N, N, N, N, Y, N, Y),
	'see a survey’s results':        row(N, N, Y, Y, Y, Y, N, Y),
	'see a playlist’s impact':       row(N, N, Y, Y, Y, Y, N, Y),
	'see feedback on an organisation’s activities': row(N, N, Y, Y, Y, Y, N, Y),
	'read the city dashboard':       row(N, N, N, N, N, Y, N, Y),
	'set the city targets':          row(N, N, N, N, N, Y, N, Y),
	'read the organisation dashboard': row(N, N, Y, Y, Y, Y, N, Y)
};

function row(...cells: boolean[]) {
	const names = ['visitor', 'learner', 'orgMember', 'orgAdmin', 'orgOwner', 'cityAdminHere', 'cityAdminElsewhere', 'platformAdmin'];
	return Object.fromEntries(names.map((name, i) => [name, cells[i]!]));
}

describe('role matrix', () => {
	for (const [action, check] of Object.entries(actions)) {
		it(action, async () => {
			const outcome: Record<string, number> = {};
			for (const role of Object.keys(expected[action]!)) outcome[role] = await check(roles[role]!);
			const allowed = Object.fromEntries(Object.entries(outcome).map(([role, status]) => [role, status < 300]));
			expect(allowed, JSON.stringify(outcome)).toEqual(expected[action]);
			for (const [role, status] of Object.entries(outcome)) {
				if (status < 300) continue;
				expect(role === 'visitor' ? [401, 404] : [403, 404], `${role}: ${status}`).toContain(status);
			}
		});
	}
});
