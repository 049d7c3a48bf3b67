/**
 * Debian's Chromium driven by playwright-core (a downloaded browser cannot be had here), and axe-core
 * checks for every page a test visits.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`No Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does).`);
	}
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
}

/**
 * A browser context. The service worker is blocked unless a test asks for it: installing it fetches
 * the whole app shell (some 250 files) in every new context, which only the offline journey needs and
 * which, with two suites running at once on two cores, slowed other journeys past their waits.
 */
export async function newContext(browser: Browser, options: { locale?: string; javaScriptEnabled?: boolean; width?: number; serviceWorkers?: boolean } = {}): Promise<BrowserContext> {
	const context = await browser.newContext({
		serviceWorkers: options.serviceWorkers ? 'allow' : 'block',
		locale: options.locale ?? 'en-GB',
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		viewport: { width: options.width ?? 1280, height: 900 },
		extraHTTPHeaders: { 'accept-language': options.locale ?? 'en-GB' }
	});
	// Fail a step with its own message well before the test's own timeout.
	context.setDefaultTimeout(15_000);
	const violations: string[] = [];
	cspViolations.set(context, violations);
	context.on('console', (message) => {
		if (message.type() === 'error' && message.text().includes('Content Security Policy')) violations.push(`${message.page()?.url()}: ${message.text()}`);
	});
	return context;
}

/**
 * What the Content Security Policy refused in a context, as Chromium reports it on the console. Every
 * page a test checks with `expectAccessible` must also have had nothing refused: a refusal means a
 * script, style or image the page needs did not load (or something was injected).
 */
const cspViolations = new WeakMap<BrowserContext, string[]>();

export function expectNoCspViolations(page: Page): void {
	expect(cspViolations.get(page.context()) ?? [], 'Content Security Policy violations').toEqual([]);
}

/**
 * axe-core's script, run in the page itself. @axe-core/playwright was dropped: its default mode opens
 * a second page for every check to merge the results of frames (our pages have none), which made the
 * all-pages test 2.7 times slower (62 s instead of 23 s for 104 pages in one language).
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe-core (WCAG 2.2 A/AA rules and best practices) and fails with a readable list of violations. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
	// A client-side navigation keeps the window, and axe with it; a full load needs it again.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	const found = await page.evaluate(async (tags) => {
		const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
		const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
	}, AXE_TAGS);
	const violations = found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 3).join(', ')}`);
	expect(violations, `axe violations on ${label}`).toEqual([]);
	expectNoCspViolations(page);
}

/** Visits a page, checks it answered 200 and is accessible, and returns the page. */
export async function visit(page: Page, url: string): Promise<Page> {
	const response = await page.goto(url);
	expect(response?.status(), url).toBe(200);
	await expectAccessible(page, url);
	return page;
}

/**
 * Loads a page and waits until the app has hydrated it: before that, Enter on a button submits the
 * form natively and skips what the enhanced page does (a confirmation dialog, a live filter).
 */
export async function openInteractive(page: Page, url: string): Promise<Page> {
	await page.goto(url, { waitUntil: 'networkidle' });
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	return page;
}

/** Reloads a page and waits for hydration, as `openInteractive`. */
export async function reloadInteractive(page: Page): Promise<Page> {
	await page.reload({ waitUntil: 'networkidle' });
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	return page;
}

/** The setup link the server prints on its first start without an admin. */
export function setupLinkFrom(logs: string[]): string {
	const line = logs.find((l) => l.includes('/setup?token='));
	if (!line) throw new Error(`No setup link in the server output:\n${logs.join('\n')}`);
	return line.slice(line.indexOf('http'));
}
