import { describe, expect, it } from 'vitest';
import { defaultFrameworksFolder, FrameworkCatalog, readFrameworkFiles } from '../frameworks/catalog';
import { buildCredential } from '../credentials/openbadge';
import { skillProfile, skillProfileCsv } from './skill-profile';
import { evidencedCompetences } from './evidence';

const catalog = new FrameworkCatalog(readFrameworkFiles(defaultFrameworksFolder()));

/** A credential document aligned to these skills, built by the same code that issues real ones. */
function credentialWith(id: string, skills: string[], revokedAt: Date | null = null) {
	const document = buildCredential(
		{
			credentialId: id,
			publicUrl: 'https://col.example.org',
			statusIndex: 0,
			issuedAt: new Date('2030-01-01T00:00:00Z'),
			validUntil: null,
			locales: ['en'],
			organisation: { id: 'org', name: 'Youth Hub', email: null },
			learner: { id: 'learner', email: 'learner@example.org', name: 'Learner' },
			achievement: { kind: 'activity', id: `activity-${id}`, skills, badge: { name: { en: `Badge ${id}` }, description: { en: '' }, criteria: { en: '' } } },
			narrative: null
		},
		catalog
	);
	return { id, document, revokedAt };
}

const count = (profile: ReturnType<typeof skillProfile>, competenceId: string) =>
	profile.flatMap((f) => f.areas.flatMap((a) => a.competences)).find((c) => c.id === competenceId)?.count;

describe('the skill profile', () => {
	it('reads the skills back from the signed alignment, ESCO URIs included', () => {
		const esco = catalog.frameworks.find((f) => f.id === 'esco-transversal')!.items.find((i) => i.uri && i.type === 'competence')!;
		const { document } = credentialWith('a', ['lifecomp:P2', 'digcomp:3.4', esco.id]);
		expect(evidencedCompetences(document, catalog).map((c) => c.id).sort()).toEqual(['digcomp:3.4', esco.id, 'lifecomp:P2'].sort());
	});

	it('counts each credential once per competence, rolls descriptors up, skips revoked ones', () => {
		const descriptor = catalog.childrenOf('lifecomp:P2').find((i) => i.type === 'descriptor')!;
		const profile = skillProfile(
			[
				credentialWith('1', ['lifecomp:P2', 'digcomp:3.4']),
				credentialWith('2', ['lifecomp:P2', descriptor.id]),
				credentialWith('3', ['lifecomp:S1']),
				credentialWith('4', ['lifecomp:P2', 'digcomp:1.1'], new Date())
			],
			catalog
		);
		expect(profile.map((f) => f.id)).toEqual(['digcomp', 'lifecomp']);
		expect(count(profile, 'lifecomp:P2')).toBe(2);
		expect(count(profile, 'lifecomp:S1')).toBe(1);
		expect(count(profile, 'lifecomp:P1')).toBe(0);
		expect(count(profile, 'digcomp:3.4')).toBe(1);
		expect(count(profile, 'digcomp:1.1')).toBe(0);
		expect(profile.find((f) => f.id === 'lifecomp')!.credentials).toBe(3);
		expect(profile.find((f) => f.id === 'lifecomp')!.areas.map((a) => a.id)).toEqual(['lifecomp:P', 'lifecomp:S', 'lifecomp:L']);
	});

	it('lists a badge that names a whole area as a row of that area', () => {
		const profile = skillProfile([credentialWith('1', ['lifecomp:P'])], catalog);
		expect(profile[0]!.areas[0]!.competences[0]).toMatchObject({ id: 'lifecomp:P', count: 1 });
	});

	it('writes CSV that spreadsheets do not run as formulas', () => {
		const csv = skillProfileCsv([{ id: 'x', name: '=Evil, "framework"', credentials: 1, areas: [{ id: 'a', title: 'Area', competences: [{ id: 'c', code: '1', title: 'Comp', count: 2 }] }] }], ['F', 'A', 'C', 'T', 'N']);
		expect(csv).toBe('F,A,C,T,N\r\n"\'=Evil, ""framework""",Area,1,Comp,2\r\n');
	});
});
