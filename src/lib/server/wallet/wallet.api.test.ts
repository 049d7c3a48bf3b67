/**
 * The skill wallet through HTTP: the skill profile's numbers for credentials awarded for activities
 * (and a playlist) with known skills, a revoked one left out, and the wallet pages with their filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let learner: ApiClient & { userId: string };
const awarded: Record<string, string> = {};

type Profile = { frameworks: { id: string; credentials: number; areas: { id: string; competences: { id: string; count: number }[] }[] }[] };
const countOf = (profile: Profile, competenceId: string) => profile.frameworks.flatMap((f) => f.areas.flatMap((a) => a.competences)).find((c) => c.id === competenceId)?.count;

beforeAll(async () => {
	platform = await startPlatform();
	const { owner, organisation } = await approvedOrganisation(platform);
	learner = await signUp(platform, 'wallet');
	const award = async (name: string, skills: string[]) => {
		const activity = await publishedActivity(owner, organisation.id, { title: { en: name }, skills });
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		const res = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
		expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
		awarded[name] = res.body.credential.id;
		return activity.id;
	};
	const voice = await award('Find your voice', ['lifecomp:P2', 'digcomp:3.4']);
	const team = await award('Team up', ['lifecomp:P2', 'lifecomp:S1']);
	await award('Search the web', ['digcomp:1.1']);
	expect((await owner.post(`/api/v1/credentials/${awarded['Search the web']}/revoke`, { reason: 'Awarded by mistake' })).status).toBe(200);
	// A playlist of the first two, with skills of its own: following it awards its badge at once.
	const playlist = await owner.post('/api/v1/playlists', { organisationId: organisation.id, title: { en: 'Green steps' }, description: { en: 'Steps.' }, items: [{ activityId: voice }, { activityId: team }], skills: ['greencomp:1.1'] });
	expect(playlist.status, JSON.stringify(playlist.body)).toBe(201);
	expect((await owner.post(`/api/v1/playlists/${playlist.body.id}/publish`)).status).toBe(200);
	expect((await learner.post(`/api/v1/playlists/${playlist.body.id}/follow`)).status).toBeLessThan(300);
}, 120_000);
afterAll(async () => {
	await platform?.server.stop();
});

describe('GET /api/v1/me/skill-profile', () => {
	it('needs a signed-in learner', async () => {
		expect((await platform.anonymous.get('/api/v1/me/skill-profile')).status).toBe(401);
	});

	it('is empty for a learner without badges', async () => {
		const res = await (await signUp(platform, 'newcomer')).get('/api/v1/me/skill-profile');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ frameworks: [] });
	});

	it('counts the credentials that give evidence for each competence', async () => {
		const res = await learner.get('/api/v1/me/skill-profile');
		expect(res.status).toBe(200);
		const profile = res.body as Profile;
		expect(profile.frameworks.map((f) => f.id)).toEqual(['digcomp', 'greencomp', 'lifecomp']);
		expect(countOf(profile, 'lifecomp:P2')).toBe(2);
		expect(countOf(profile, 'lifecomp:S1')).toBe(1);
		expect(countOf(profile, 'lifecomp:P1')).toBe(0);
		expect(countOf(profile, 'digcomp:3.4')).toBe(1);
		// Revoked: no longer evidence.
		expect(countOf(profile, 'digcomp:1.1')).toBe(0);
		expect(countOf(profile, 'greencomp:1.1')).toBe(1);
		expect(profile.frameworks.map((f) => [f.id, f.credentials])).toEqual([['digcomp', 1], ['greencomp', 1], ['lifecomp', 2]]);
		expect(profile.frameworks.find((f) => f.id === 'lifecomp')!.areas.map((a) => a.id)).toEqual(['lifecomp:P', 'lifecomp:S', 'lifecomp:L']);
	});

	it('gives the same numbers as CSV', async () => {
		const res = await learner.request('GET', '/wallet/skills.csv');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		const lines = (res.body as string).trim().split('\r\n');
		expect(lines[0]).toBe('Framework,Area,Code,Competence,Badges');
		expect(lines.find((line) => line.includes(',P2,'))).toMatch(/,2$/);
		expect(lines.find((line) => line.includes(',3.4,'))).toMatch(/,1$/);
	});
});

describe('the wallet pages', () => {
	it('send a visitor to sign in', async () => {
		for (const path of ['/wallet', '/wallet/skills', '/wallet/cv', '/wallet/skills.csv']) {
			const res = await fetch(platform.server.url + path, { redirect: 'manual' });
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location'), path).toContain('/login?next=');
		}
	});

	it('list every credential, filtered by framework or skill, with the status of each', async () => {
		const all = await learner.request('GET', '/wallet');
		expect(all.status).toBe(200);
		for (const name of ['Find your voice', 'Team up', 'Search the web', 'Green steps']) expect(all.body).toContain(name);
		expect(all.body).toContain('Revoked');
		const cardsIn = (html: string) => Object.keys(awarded).filter((name) => html.includes(`id="credential-${awarded[name]}"`)).sort();
		expect(cardsIn(all.body)).toEqual(['Find your voice', 'Search the web', 'Team up']);
		expect(cardsIn((await learner.request('GET', '/wallet?framework=digcomp')).body)).toEqual(['Find your voice', 'Search the web']);
		const social = (await learner.request('GET', '/wallet?skill=lifecomp%3AS1')).body as string;
		expect(cardsIn(social)).toEqual(['Team up']);
		expect(social).toContain('Badges shown: 1 of 4');
		// An unknown filter value is ignored rather than emptying the wallet.
		expect(cardsIn((await learner.request('GET', '/wallet?framework=nonsense')).body)).toHaveLength(3);
	});

	it('make a CV of the chosen credentials with a verification QR code each', async () => {
		const ids = [awarded['Find your voice'], awarded['Team up']];
		const res = await learner.request('GET', `/wallet/cv?${ids.map((id) => `credential=${id}`).join('&')}`);
		expect(res.status).toBe(200);
		expect((res.body as string).match(/<svg/g)?.length).toBeGreaterThanOrEqual(2);
		for (const id of ids) expect(res.body).toContain(`/credentials/${id}`);
		// A credential of someone else, or a revoked one, is not printed.
		expect((await learner.request('GET', `/wallet/cv?credential=${awarded['Search the web']}`)).body).not.toContain('cv-name');
	});

	it('serve a QR code per credential', async () => {
		const res = await platform.anonymous.request('GET', `/credentials/${awarded['Team up']}/qr.svg`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('image/svg+xml');
		expect((await platform.anonymous.request('GET', '/credentials/00000000-0000-4000-8000-000000000000/qr.svg')).status).toBe(404);
	});
});

describe('a wallet with badges from elsewhere and more than a page of them', () => {
	it('lists imported badges beside issued ones, pages them, and counts verified imports in the skill profile', async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const collector = await signUp(platform, 'collector');
		const awardTo = async (person: ApiClient, title: string, skills: string[]) => {
			const activity = await publishedActivity(owner, organisation.id, { title: { en: title }, skills });
			const joined = await person.post(`/api/v1/activities/${activity.id}/enrolments`);
			const res = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
			expect(res.status, JSON.stringify(res.body)).toBe(201);
			return res.body.credential as { id: string; url: string };
		};
		for (let i = 1; i <= 25; i++) await awardTo(collector, `Workshop ${String(i).padStart(2, '0')}`, ['lifecomp:P1']);
		// A badge earned "elsewhere" (another learner's, fetched as its JSON), brought in by the collector.
		const elsewhere = await awardTo(await signUp(platform, 'elsewhere'), 'Digital content creation', ['digcomp:3.1']);
		const document = await (await fetch(`${elsewhere.url}.json`)).json();
		const imported = await collector.post('/api/v1/me/imported-credentials', { credential: document });
		expect(imported.status, JSON.stringify(imported.body)).toBe(201);

		const first = (await collector.request('GET', '/wallet')).body as string;
		expect(first).toContain('Badges shown: 26 of 26');
		expect(first.match(/<article class="card credential/g)).toHaveLength(24);
		expect(first).toContain('Page 1 of 2');
		// Newest first: the imported badge was issued last, so it leads, linking to its checks.
		expect(first).toContain(`href="/account/badges#imported-${imported.body.id}"`);
		const second = (await collector.request('GET', '/wallet?page=2')).body as string;
		expect(second.match(/<article class="card credential/g)).toHaveLength(2);
		expect(second).toContain('Workshop 01');
		// A page past the end shows the last page; a filter counts what matches.
		expect((await collector.request('GET', '/wallet?page=99')).body).toContain('Workshop 01');
		const digital = (await collector.request('GET', '/wallet?framework=digcomp')).body as string;
		expect(digital).toContain('Badges shown: 1 of 26');
		expect(digital).toContain('Digital content creation');

		const profile = (await collector.get('/api/v1/me/skill-profile')).body as Profile;
		expect(countOf(profile, 'lifecomp:P1')).toBe(25);
		expect(countOf(profile, 'digcomp:3.1')).toBe(1);
	}, 120_000);
});

describe('the installable app', () => {
	it('has a manifest that opens the wallet, with icons drawn at their sizes', async () => {
		const res = await platform.anonymous.request('GET', '/manifest.webmanifest');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/manifest+json');
		const manifest = res.body;
		expect(manifest).toMatchObject({ start_url: '/wallet', display: 'standalone', theme_color: '#1d4ed8', name: 'Cities of Learning' });
		for (const icon of manifest.icons as { src: string; sizes: string }[]) {
			const image = await fetch(platform.server.url + icon.src);
			expect(image.headers.get('content-type')).toBe('image/png');
			const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
			expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
		}
		expect((await fetch(`${platform.server.url}/icons/64.png`)).status).toBe(404);
	});

	it('serves the offline page in the reader’s language', async () => {
		const res = await fetch(`${platform.server.url}/offline`, { headers: { 'accept-language': 'nl' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-language')).toBe('nl');
		expect(await res.text()).toContain('Je bent offline');
	});
});
