/**
 * RFC 4180 CSV (CRLF, quoted when needed) whose cells a spreadsheet would not run as formulas: a
 * cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe.
 */
export function csvCell(value: unknown): string {
	let text = value instanceof Date ? value.toISOString() : String(value ?? '');
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRows(rows: readonly (readonly unknown[])[]): string {
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Excel reads a file as UTF-8 (Greek, Lithuanian) only with a byte-order mark in front. */
export const EXCEL_UTF8_BOM = '\uFEFF';
