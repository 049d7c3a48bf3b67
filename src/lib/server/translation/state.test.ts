import { describe, expect, it } from 'vitest';
import { afterEditorSave, localeState, machineLocales, sourceHash, type TranslatableActivity } from './state';

function activity(): TranslatableActivity {
	const base: TranslatableActivity = {
		title: { en: 'Chess', nl: '[nl] Chess', it: 'Scacchi' },
		description: { en: 'Play.', nl: '[nl] Play.' },
		imageAlt: {},
		badge: null,
		translations: {}
	};
	base.translations = { nl: { status: 'machine', source: 'en', sourceHash: sourceHash(base, 'en'), at: '2026-01-01T00:00:00.000Z' } };
	return base;
}

describe('translation status', () => {
	it('is missing without a title, reviewed for text a person wrote, machine for drafts', () => {
		const a = activity();
		expect(localeState(a, 'el').status).toBe('missing');
		expect(localeState(a, 'it')).toEqual({ status: 'reviewed', outdated: false, source: null, at: null });
		expect(localeState(a, 'nl')).toMatchObject({ status: 'machine', outdated: false, source: 'en' });
		expect(machineLocales(a)).toEqual(['nl']);
	});

	it('is outdated once the source text changes', () => {
		const a = activity();
		a.description = { ...a.description, en: 'Play chess on Mondays.' };
		expect(localeState(a, 'nl').outdated).toBe(true);
	});

	it('becomes reviewed when a person changes the draft in the normal editor, and stays a draft otherwise', () => {
		const a = activity();
		expect(afterEditorSave(a, { title: { ...a.title } })).toBeUndefined();
		expect(afterEditorSave(a, { description: { ...a.description, en: 'Changed source' } })).toBeUndefined();
		expect(afterEditorSave(a, { title: { ...a.title, nl: 'Schaken' } })).toEqual({});
		expect(afterEditorSave(a, { title: { en: 'Chess' } })).toEqual({});
	});
});
