import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../http/errors';
import { toFieldIssues } from '../http/validation';
import { translateError, translateIssue } from './messages';

/** What a failed form action returns to its page: a message, per-field errors, and what was typed. */
export interface FormFailure {
	message?: string;
	errors: Record<string, string>;
	values: Record<string, unknown>;
}

export interface FormOptions {
	/** Fields that may appear several times (checkboxes); always read as arrays. */
	arrays?: string[];
	/** Fields read as numbers (an empty field stays missing). */
	numbers?: string[];
	/** Fields read as booleans (a checkbox: present means true). */
	booleans?: string[];
}

const SECRET_FIELD = /password|token/i;

/**
 * Turns form data into the object an API schema expects: `center.lat` nests, empty fields are left out
 * (so optional fields stay optional), and declared fields become arrays, numbers or booleans.
 */
export function formDataToObject(data: FormData, options: FormOptions = {}): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const set = (path: string, value: unknown) => {
		const keys = path.split('.');
		let target = out;
		for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
		target[keys.at(-1)!] = value;
	};
	for (const name of options.arrays ?? []) set(name, data.getAll(name).map(String).filter((v) => v !== ''));
	for (const name of options.booleans ?? []) set(name, data.has(name) && data.get(name) !== 'false');
	for (const [name, raw] of data.entries()) {
		if (options.arrays?.includes(name) || options.booleans?.includes(name) || typeof raw !== 'string') continue;
		const value = raw.trim() === '' ? undefined : raw;
		if (value === undefined) continue;
		if (options.numbers?.includes(name)) {
			const number = Number(value.replace(',', '.'));
			set(name, Number.isFinite(number) ? number : value);
		} else set(name, value);
	}
	return out;
}

function visibleValues(data: FormData): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const name of new Set(data.keys())) {
		if (SECRET_FIELD.test(name)) continue;
		const all = data.getAll(name).filter((v): v is string => typeof v === 'string');
		values[name] = all.length > 1 ? all : (all[0] ?? '');
	}
	return values;
}

export function issuesToErrors(issues: FieldIssue[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of issues) {
		const field = issue.path.replace(/\.\d+$/, '') || 'form';
		errors[field] ??= translateIssue(issue);
	}
	return errors;
}

/** The failure a page shows for an AppError, with its message in the page's language. */
export function failureFor(error: AppError, values: Record<string, unknown> = {}): ActionFailure<FormFailure> {
	// Only field issues name a field; other details (an import's record errors) are the caller's to show.
	const issues = Array.isArray(error.details) ? (error.details as Partial<FieldIssue>[]).filter((d): d is FieldIssue => typeof d.path === 'string') : [];
	const errors = issuesToErrors(issues);
	const message = error.code === 'validation_failed' && issues.length ? undefined : translateError(error);
	return fail(error.status, { ...(message ? { message } : {}), errors, values });
}

/**
 * Reads a submitted form. A body over adapter-node's BODY_SIZE_LIMIT fails while it is read: the
 * page then shows "too large" in its language, not a generic error.
 */
export async function readForm(request: Request): Promise<FormData | ActionFailure<FormFailure>> {
	try {
		return await request.formData();
	} catch (error) {
		const code = (error as { status?: number }).status === 413 ? 'payload_too_large' : 'bad_request';
		return failureFor(new AppError(code, ''));
	}
}

/** Runs an action's work and turns AppErrors into the page's translated failure; redirects pass through. */
export async function attemptAction<T>(work: () => Promise<T>, values: Record<string, unknown> = {}): Promise<T | ActionFailure<FormFailure>> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof AppError) return failureFor(error, values);
		throw error;
	}
}

/**
 * Runs a form action: reads and validates the form with the same zod schema as the API, calls the
 * handler, and turns AppErrors into a translated failure. Redirects and other throws pass through.
 */
export async function handleForm<S extends z.ZodType, R>(
	request: Request,
	schema: S,
	options: FormOptions,
	handler: (input: z.output<S>, form: FormData) => Promise<R>
): Promise<R | ActionFailure<FormFailure>> {
	const data = await readForm(request);
	if (!(data instanceof FormData)) return data;
	const values = visibleValues(data);
	const parsed = schema.safeParse(formDataToObject(data, options));
	if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)), values });
	try {
		return await handler(parsed.data, data);
	} catch (error) {
		if (error instanceof AppError) return failureFor(error, values);
		throw error;
	}
}
