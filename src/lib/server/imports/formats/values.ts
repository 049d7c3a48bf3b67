/**
 * Reading loosely typed values the way feeds actually write them: one value or a list, a number as a
 * string, "12,50 €", "yes", a name as a string or as an object with `name`. Every reader returns
 * undefined rather than guessing when a value is not what it should be.
 */
export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One value or a list of them, as a list (nothing for null or undefined). */
export function asArray(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

/** A non-empty trimmed string (numbers are written out). */
export function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed || undefined;
}

export function firstText(...values: unknown[]): string | undefined {
	for (const value of values) {
		for (const item of asArray(value)) {
			const found = text(item);
			if (found) return found;
		}
	}
	return undefined;
}

/** A number from `12`, `"12.50"`, `"12,50"`, `"1.234,56"`, `"€ 12"`, `"12 EUR"`. */
export function parseNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	let digits = value.replace(/[^\d.,-]/g, '');
	if (!/\d/.test(digits)) return undefined;
	const lastComma = digits.lastIndexOf(',');
	const lastDot = digits.lastIndexOf('.');
	if (lastComma >= 0 && lastDot >= 0) {
		// Both separators: the later one is the decimal point ("1.234,56" and "1,234.56").
		digits = lastComma > lastDot ? digits.replace(/\./g, '').replace(',', '.') : digits.replace(/,/g, '');
	} else if (lastComma >= 0) {
		digits = /^-?\d{1,3}(,\d{3})+$/.test(digits) ? digits.replace(/,/g, '') : digits.replace(',', '.');
	} else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(digits)) {
		digits = digits.replace(/\./g, '');
	}
	const number = Number(digits);
	return Number.isFinite(number) ? number : undefined;
}

/** A whole number, for ages and capacities (a fraction is not one). */
export function parseInteger(value: unknown): number | undefined {
	const number = parseNumber(value);
	return number !== undefined && Number.isInteger(number) ? number : undefined;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'ja', 'j', 'oui', 'si', 'sì', 'x', 'online', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', 'nee', 'nein', 'non', 'offline', 'off', '']);
export function parseBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value !== 'string') return undefined;
	const lower = value.trim().toLowerCase();
	if (TRUE.has(lower)) return true;
	if (FALSE.has(lower)) return false;
	return undefined;
}

/** An absolute http(s) URL, or undefined. */
export function httpUrl(value: unknown): string | undefined {
	const candidate = text(value);
	if (!candidate || !/^https?:\/\//i.test(candidate)) return undefined;
	try {
		return new URL(candidate).toString() === candidate ? candidate : new URL(candidate).toString();
	} catch {
		// Not a URL after all (spaces, a broken host): treated as no URL.
		return undefined;
	}
}

/** The first http(s) URL written in a text (iCalendar descriptions often carry the page link only there). */
export function firstUrlIn(value: string | undefined): string | undefined {
	const match = value?.match(/https?:\/\/[^\s<>"'\\]+/i);
	return match ? httpUrl(match[0].replace(/[.,;:)\]]+$/, '')) : undefined;
}

/** A name given as a string, an object with `name`/`legalName`/`title`, or a list of either. */
export function nameOf(value: unknown): string | undefined {
	for (const item of asArray(value)) {
		const direct = text(item);
		if (direct) return direct;
		if (isObject(item)) {
			const name = firstText(item.name, item.legalName, item.title, item.text);
			if (name) return name;
			// Multilingual names ({"en": "..."}) and nested lists of {name} both occur.
			for (const nested of [item.name, item.legalName]) {
				if (isObject(nested)) {
					const first = Object.values(nested).map(text).find(Boolean);
					if (first) return first;
				} else if (Array.isArray(nested)) {
					const found = nameOf(nested);
					if (found) return found;
				}
			}
		}
	}
	return undefined;
}

/** Splits a multi-value cell or string (`a; b`, `a, b`, `a|b`), trims, drops empties and repeats. */
export function splitList(value: unknown, separators = /[;,|]/): string[] {
	const items = asArray(value).flatMap((item) => (typeof item === 'string' ? item.split(separators) : [text(item) ?? '']));
	return [...new Set(items.map((item) => item.trim()).filter(Boolean))];
}

/**
 * JSON as people write it by hand: a comma before a closing `}` or `]` (which JSON forbids and
 * browsers' structured-data readers forgive) is dropped; anything else still has to be valid JSON,
 * and the first error is the one reported.
 */
export function parseJsonLeniently(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		const mended = withoutTrailingCommas(text);
		if (mended === text) throw error;
		try {
			return JSON.parse(mended);
		} catch {
			throw error;
		}
	}
}

function withoutTrailingCommas(text: string): string {
	let out = '';
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (inString) {
			out += char;
			if (char === '\\') out += text[++i] ?? '';
			else if (char === '"') inString = false;
			continue;
		}
		if (char === '"') inString = true;
		if (char === ',') {
			let next = i + 1;
			while (next < text.length && /\s/.test(text[next]!)) next++;
			if (text[next] === '}' || text[next] === ']') continue;
		}
		out += char;
	}
	return out;
}
