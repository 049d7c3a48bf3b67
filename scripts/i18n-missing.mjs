// Lists, per locale, the message keys that English has and the locale lacks (or still has in English),
// as JSON: { "<locale>": { "<key>": "<English text>" } }. Used when adding strings.
import fs from 'node:fs';
const dir = new URL('../messages/', import.meta.url);
const en = JSON.parse(fs.readFileSync(new URL('en.json', dir), 'utf8'));
const out = {};
for (const file of fs.readdirSync(dir)) {
	const locale = file.replace(/\.json$/, '');
	if (locale === 'en') continue;
	const messages = JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8'));
	for (const [key, text] of Object.entries(en)) {
		if (key === '$schema') continue;
		if (!(key in messages) || (messages[key] === text && text.length > 24)) (out[locale] ??= {})[key] = text;
	}
}
console.log(JSON.stringify(out, null, 2));
