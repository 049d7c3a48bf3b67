/**
 * Surveys in the browser: an organiser builds a feedback survey on an activity with the keyboard and
 * opens it; a learner who took part finds it on My activities and answers it with the keyboard (a
 * missing answer is reported first); another answers with JavaScript switched off; the organiser
 * reads the results and the playlist impact report. Every page is checked with axe on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive } from '../support/browser';
import type { ApiClient } from '../support/api';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

async function addQuestion(page: Page, type: string, text: string, fill: (page: Page) => Promise<void> = async () => {}) {
	await page.getByLabel('Type of question').selectOption({ label: type });
	await page.getByLabel('Question (English)').fill(text);
	await fill(page);
	await page.getByRole('button', { name: 'Add a question' }).press('Enter');
	await expect.poll(() => page.getByText(text, { exact: true }).count()).toBe(1);
}

describe('an activity feedback survey', () => {
	it('is built by an organiser, answered by participants, and read as results', { timeout: 150_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Podcast basics' } });
		const participants: ApiClient[] = [];
		for (const label of ['ana', 'ben']) {
			const learner = await signUp(platform, label);
			const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
			expect((await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).status).toBe(201);
			participants.push(learner);
		}

		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const page = await organiser.newPage();
		await openInteractive(page, `${platform.server.url}/surveys`);
		await expectAccessible(page, 'surveys');
		await page.getByRole('link', { name: `New survey for ${organisation.name}` }).press('Enter');
		await page.waitForURL(/\/surveys\/new/);
		await expectAccessible(page, 'new survey');
		await page.getByLabel('Kind of survey').selectOption({ label: 'Feedback after an activity' });
		await page.getByLabel('Activity (for feedback)').selectOption({ label: 'Podcast basics' });
		await page.getByLabel('Title (English)').fill('How was Podcast basics?');
		await page.getByLabel('Title (Nederlands)').fill('Hoe was Podcast basics?');
		await page.getByRole('button', { name: 'Create survey' }).press('Enter');
		await page.waitForURL(/\/surveys\/[0-9a-f-]+\/edit\?created/);
		const surveyId = new URL(page.url()).pathname.split('/')[2]!;
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectAccessible(page, 'survey builder');

		await addQuestion(page, 'Single choice', 'Was it useful?', async (p) => {
			await p.getByLabel('Options, one per line (English)').fill('Yes\nNo');
			await p.getByLabel('Options, one per line (Nederlands)').fill('Ja\nNee');
		});
		await addQuestion(page, 'Scale', 'How good was it?', async (p) => {
			await p.getByLabel('Highest value of the scale (2 to 10)').fill('5');
			await p.getByLabel('Label of the lowest value (English)').fill('Poor');
			await p.getByLabel('Label of the highest value (English)').fill('Great');
		});
		await addQuestion(page, 'Free text', 'Anything else?', async (p) => p.getByLabel('An answer is required').uncheck());
		await page.getByRole('button', { name: 'Open for answers' }).press('Enter');
		await expect.poll(() => page.getByText('The survey is open for answers.').count()).toBe(1);
		await expectAccessible(page, 'open survey');

		// Ana, with the keyboard.
		const anaContext = await newContext(browser);
		await anaContext.setExtraHTTPHeaders({ authorization: `Bearer ${participants[0]!.token}` });
		const ana = await anaContext.newPage();
		await openInteractive(ana, `${platform.server.url}/my-activities`);
		await ana.getByRole('link', { name: 'How was Podcast basics?' }).press('Enter');
		await ana.waitForURL(new RegExp(`/surveys/${surveyId}$`));
		await ana.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectAccessible(ana, 'answering page');
		await ana.getByLabel('Yes', { exact: true }).focus();
		await ana.keyboard.press('Space');
		await ana.getByRole('button', { name: 'Send my answers' }).press('Enter');
		await expect.poll(() => ana.getByRole('alert').filter({ hasText: 'Answer this question.' }).count()).toBe(1);
		await expectAccessible(ana, 'answering page with an error');
		await ana.getByLabel('4', { exact: true }).focus();
		await ana.keyboard.press('Space');
		await ana.getByLabel('Anything else? (optional)').fill('More editing, please');
		await ana.getByRole('button', { name: 'Send my answers' }).press('Enter');
		await expect.poll(() => ana.getByText('Thank you: your answers have been received.').count()).toBe(1);
		await anaContext.close();

		// Ben, without JavaScript: the form posts and the page answers.
		const benContext = await newContext(browser, { javaScriptEnabled: false });
		await benContext.setExtraHTTPHeaders({ authorization: `Bearer ${participants[1]!.token}` });
		const ben = await benContext.newPage();
		await ben.goto(`${platform.server.url}/surveys/${surveyId}`);
		await ben.getByLabel('No', { exact: true }).check();
		await ben.getByLabel('2', { exact: true }).check();
		await ben.getByRole('button', { name: 'Send my answers' }).click();
		await expect.poll(() => ben.getByText('Thank you: your answers have been received.').count()).toBe(1);
		await ben.goto(`${platform.server.url}/surveys/${surveyId}`);
		expect(await ben.getByText('You have already answered this survey.').count()).toBe(1);
		await benContext.close();

		await openInteractive(page, `${platform.server.url}/surveys/${surveyId}/results`);
		await expectAccessible(page, 'results');
		expect(await page.getByText('Responses: 2').count()).toBeGreaterThan(0);
		const row = (question: string, label: string) => page.getByRole('table', { name: `Figures: ${question}` }).getByRole('row', { name: new RegExp(`^${label} `) }).getByRole('cell');
		expect(await row('Was it useful?', 'Yes').textContent()).toBe('1');
		expect(await row('Was it useful?', 'No').textContent()).toBe('1');
		expect(await row('How good was it?', '4').textContent()).toBe('1');
		expect(await page.getByText('Mean: 3').count()).toBe(1);
		expect(await page.getByText('More editing, please').count()).toBe(1);
		expect(await page.getByRole('img', { name: 'Chart: Was it useful?' }).count()).toBe(1);

		// The organisation's dashboard carries the feedback beside its figures.
		await openInteractive(page, `${platform.server.url}/organisations/${organisation.id}/dashboard`);
		await expectAccessible(page, 'organisation dashboard with feedback');
		const feedback = page.getByRole('table', { name: 'Feedback from participants' }).getByRole('row', { name: /How was Podcast basics\?/ });
		expect(await feedback.getByRole('cell').nth(0).textContent()).toBe('Podcast basics');
		expect(await feedback.getByRole('cell').nth(1).textContent()).toBe('2');
		expect(await feedback.getByRole('cell').nth(2).textContent()).toContain('How good was it?: 3');
		await organiser.close();
	});
});
