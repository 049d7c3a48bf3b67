import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseOptions } from '../record';

/**
 * Shared by the parsers' unit tests: options with a small fake framework catalogue, and the real
 * sample files handed out beside the repository (read in place, never copied in).
 */
export const SAMPLES_FOLDER = process.env.IMPORT_SAMPLES ?? fileURLToPath(new URL('../../../../../../shared/import-samples/', import.meta.url));

export function sample(path: string): Buffer {
	return readFileSync(`${SAMPLES_FOLDER.replace(/\/?$/, '/')}${path}`);
}

/** DigComp codes ("4.2" in "DigComp 2.2"), ESCO URIs and our own ids, like the real catalogue. */
export function fakeSkillFor(code: string, framework?: string | null): string | undefined {
	if (/^(digcomp|lifecomp|esco-transversal):/.test(code)) return code;
	if (/digcomp/i.test(framework ?? '') && /^\d\.\d$/.test(code)) return `digcomp:${code}`;
	if (code === 'http://data.europa.eu/esco/skill/e9a4f6a2-3d5b-4a5a-9f6e-0f6a1c4b8e01') return 'esco-transversal:T1.1';
	return undefined;
}

export function options(overrides: Partial<ParseOptions> = {}): ParseOptions {
	return { defaultLocale: 'nl', defaultTimeZone: 'Europe/Amsterdam', skillFor: fakeSkillFor, now: new Date('2030-01-01T00:00:00Z'), ...overrides };
}
