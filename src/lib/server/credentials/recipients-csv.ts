import Papa from 'papaparse';
import type { FieldIssue } from '../http/errors';

/**
 * Reads the recipients of a bulk award from a CSV file (or pasted lines): a column of e-mails and,
 * optionally, names and narratives. A header row names the columns in any of our languages; without
 * one the columns are e-mail, name, narrative in that order. Delimiter (comma, semicolon, tab) and a
 * byte-order mark are detected, as spreadsheet programs write them differently per country.
 */
export interface RecipientRow {
	row: number;
	email: string;
	name?: string;
	narrative?: string;
}

const HEADERS: Record<'email' | 'name' | 'narrative', RegExp> = {
	email: /^(e-?mail|email address|e-mailadres|mail|correo|posta elettronica|el\.? paštas|adresa de e-mail|ηλεκτρονικό ταχυδρομείο)$/i,
	name: /^(name|naam|nome|nume|vardas|όνομα|full name|volledige naam)$/i,
	narrative: /^(narrative|evidence|comment|toelichting|bewijs|motivazione|descriere|aprašymas|αιτιολόγηση|note|notes)$/i
};
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

export function readRecipientsCsv(text: string): { recipients: RecipientRow[]; issues: FieldIssue[] } {
	// Blank lines are kept while parsing, so that line numbers match what a spreadsheet shows.
	// (Papa guesses the delimiter well only without them: it is guessed on a first pass.)
	const clean = text.replace(/^\uFEFF/, '');
	const delimiter = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy', preview: 50, delimitersToGuess: [',', ';', '\t', '|'] }).meta.delimiter;
	const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: false, delimiter });
	const rows = parsed.data.map((cells) => cells.map((cell) => String(cell ?? '').trim()));
	const blank = (cells: string[]) => cells.every((cell) => cell === '');
	const issues: FieldIssue[] = [];
	const firstRow = rows.findIndex((cells) => !blank(cells));
	if (firstRow < 0) return { recipients: [], issues: [{ path: 'file', code: 'required', message: 'The file has no rows.' }] };

	const header = rows[firstRow]!;
	const hasHeader = !header.some(looksLikeEmail) && header.some((cell) => HEADERS.email.test(cell));
	const column = (kind: keyof typeof HEADERS, fallback: number) => (hasHeader ? header.findIndex((cell) => HEADERS[kind].test(cell)) : fallback);
	const emailAt = column('email', 0);
	const nameAt = column('name', 1);
	const narrativeAt = column('narrative', 2);

	const recipients: RecipientRow[] = [];
	rows.forEach((cells, index) => {
		if ((hasHeader && index === firstRow) || blank(cells)) return;
		// Line numbers as a spreadsheet shows them (the header is line 1).
		const row = index + 1;
		const email = cells[emailAt] ?? '';
		if (!looksLikeEmail(email)) {
			issues.push({ path: `recipients.${row}`, code: 'invalid_email_row', message: `Line ${row}: "${email.slice(0, 80)}" is not an e-mail address.`, params: { row, value: email.slice(0, 80) } });
			return;
		}
		const name = nameAt >= 0 ? cells[nameAt] : undefined;
		const narrative = narrativeAt >= 0 ? cells[narrativeAt] : undefined;
		recipients.push({ row, email, ...(name ? { name } : {}), ...(narrative ? { narrative } : {}) });
	});
	return { recipients, issues };
}
