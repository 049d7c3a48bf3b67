/**
 * The syntax of iCalendar (RFC 5545 section 3): folded content lines, `NAME;PARAM="v":value`, nested
 * BEGIN/END components and text escapes. Meaning (times, recurrence) is read elsewhere.
 */
export interface IcalProperty {
	name: string;
	/** Parameter names upper-cased; quoted values unquoted; a list parameter keeps its commas. */
	params: Record<string, string>;
	value: string;
}

export interface IcalComponent {
	name: string;
	properties: IcalProperty[];
	components: IcalComponent[];
}

/** The outermost components of a file (normally one VCALENDAR); undefined when it is not iCalendar at all. */
export function parseIcalComponents(content: string): { components: IcalComponent[]; problems: string[] } | undefined {
	const lines = unfold(content);
	const firstLine = lines.find((line) => line.trim());
	if (!firstLine || !/^BEGIN:VCALENDAR\s*$/i.test(firstLine.trim())) return undefined;
	const roots: IcalComponent[] = [];
	const stack: IcalComponent[] = [];
	const problems: string[] = [];
	lines.forEach((line, index) => {
		if (!line.trim()) return;
		const property = parseContentLine(line);
		if (!property) {
			problems.push(`line ${index + 1} is not a property ("${line.slice(0, 40)}")`);
			return;
		}
		if (property.name === 'BEGIN') {
			const component: IcalComponent = { name: property.value.trim().toUpperCase(), properties: [], components: [] };
			(stack.at(-1)?.components ?? roots).push(component);
			stack.push(component);
		} else if (property.name === 'END') {
			const name = property.value.trim().toUpperCase();
			// Tolerate a missing END of an inner component: close up to the matching one.
			const depth = stack.map((c) => c.name).lastIndexOf(name);
			if (depth >= 0) stack.length = depth;
			else problems.push(`line ${index + 1}: END:${name} without BEGIN`);
		} else {
			stack.at(-1)?.properties.push(property);
		}
	});
	if (stack.length) problems.push(`the file ends inside ${stack.map((c) => c.name).join(' > ')} (cut short?)`);
	return { components: roots, problems };
}

/** Joins folded lines: a line break followed by one space or tab continues the line. */
function unfold(content: string): string[] {
	return content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

/** `NAME;P1=a;P2="b:c",d:value` -> name, params, value (colons inside quotes belong to the parameter). */
export function parseContentLine(line: string): IcalProperty | undefined {
	let index = 0;
	const nameMatch = /^[A-Za-z0-9-]+/.exec(line);
	if (!nameMatch) return undefined;
	const name = nameMatch[0].toUpperCase();
	index = name.length;
	const params: Record<string, string> = {};
	while (line[index] === ';') {
		index += 1;
		const equals = line.indexOf('=', index);
		if (equals < 0) return undefined;
		const paramName = line.slice(index, equals).trim().toUpperCase();
		index = equals + 1;
		const values: string[] = [];
		for (;;) {
			if (line[index] === '"') {
				const close = line.indexOf('"', index + 1);
				if (close < 0) return undefined;
				values.push(line.slice(index + 1, close));
				index = close + 1;
			} else {
				const match = /^[^;:,"]*/.exec(line.slice(index))!;
				values.push(match[0]);
				index += match[0].length;
			}
			if (line[index] !== ',') break;
			index += 1;
		}
		params[paramName] = values.join(',');
	}
	if (line[index] !== ':') return undefined;
	return { name, params, value: line.slice(index + 1) };
}

/** Undoes TEXT escapes: `\n` and `\N` are line breaks, `\,` `\;` `\\` the characters themselves. */
export function unescapeText(value: string): string {
	return value.replace(/\\([nN,;\\:])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A TEXT list (CATEGORIES, RESOURCES): split at commas that are not escaped. */
export function splitTextList(value: string): string[] {
	return value
		.split(/(?<!\\),/)
		.map((part) => unescapeText(part).trim())
		.filter(Boolean);
}

export function propertiesNamed(component: IcalComponent, name: string): IcalProperty[] {
	return component.properties.filter((p) => p.name === name);
}

export function property(component: IcalComponent, name: string): IcalProperty | undefined {
	return component.properties.find((p) => p.name === name);
}

export function textOf(component: IcalComponent, name: string): string | undefined {
	const found = property(component, name);
	const value = found ? unescapeText(found.value).trim() : '';
	return value || undefined;
}
