import { describe, expect, it } from 'vitest';
import { readRecipientsCsv } from './recipients-csv';

describe('reading a recipient list', () => {
	it('finds the columns by their header in any order and language, with a BOM and semicolons', () => {
		const csv = '\uFEFFNaam;Toelichting;E-mailadres\r\nAna;"Ran the stand; twice";ana@example.org\r\n;;ben@example.org\r\n';
		expect(readRecipientsCsv(csv)).toEqual({
			recipients: [
				{ row: 2, email: 'ana@example.org', name: 'Ana', narrative: 'Ran the stand; twice' },
				{ row: 3, email: 'ben@example.org' }
			],
			issues: []
		});
	});

	it('reads e-mail, name, narrative in that order without a header, and quoted line breaks', () => {
		const { recipients } = readRecipientsCsv('ana@example.org,Ana,"Line one\nline two"\nben@example.org\n');
		expect(recipients).toEqual([
			{ row: 1, email: 'ana@example.org', name: 'Ana', narrative: 'Line one\nline two' },
			{ row: 2, email: 'ben@example.org' }
		]);
	});

	it('names each line that holds no e-mail address, and skips blank lines', () => {
		const { recipients, issues } = readRecipientsCsv('email\tname\nana@example.org\tAna\n\nnot-an-address\tBen\n\tCleo\n');
		expect(recipients.map((r) => r.email)).toEqual(['ana@example.org']);
		expect(issues.map((i) => [i.code, i.params?.row, i.params?.value])).toEqual([
			['invalid_email_row', 4, 'not-an-address'],
			['invalid_email_row', 5, '']
		]);
	});

	it('reports an empty file', () => {
		expect(readRecipientsCsv('\n\n').issues[0]?.code).toBe('required');
	});
});
