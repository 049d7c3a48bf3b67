/** A calendar month from `YYYY-MM` (this month when missing or malformed), with its neighbours. */
export function monthRange(value: string | null, today = new Date()) {
	const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value ?? '');
	const year = match ? Number(match[1]) : today.getUTCFullYear();
	const month = match ? Number(match[2]) - 1 : today.getUTCMonth();
	const pad = (n: number) => String(n).padStart(2, '0');
	const key = (y: number, m: number) => {
		const d = new Date(Date.UTC(y, m, 1));
		return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
	};
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return {
		key: key(year, month),
		year,
		month,
		days: last,
		from: `${year}-${pad(month + 1)}-01`,
		to: `${year}-${pad(month + 1)}-${pad(last)}`,
		previous: key(year, month - 1),
		next: key(year, month + 1)
	};
}
