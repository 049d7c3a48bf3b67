/** Import files for tests. */

/** A CSV in our template with `count` records, ids `prefix-0`...; optional days move every start. */
export const largeCsv = (prefix: string, count: number, day = 1) =>
	['ID;Title;Start;End;URL;Online;Description', ...Array.from({ length: count }, (_, i) => `${prefix}-${i};Lab ${prefix} ${i};2030-05-${String(day).padStart(2, '0')} 10:00;2030-05-${String(day).padStart(2, '0')} 12:00;https://example.org/${prefix}/${i};yes;Session ${i}.`), ''].join('\n');
