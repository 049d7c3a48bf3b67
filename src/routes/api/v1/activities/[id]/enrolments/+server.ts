import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { joinActivity, listParticipants, participantsCsv } from '$lib/server/enrolments/service';
import { EnrolmentDto, ParticipantDto, presentEnrolment, presentParticipant } from '$lib/server/enrolments/presenters';

export const POST = endpoint(
	{
		summary: 'Join an activity',
		description:
			'Signed-in learners. Takes a place, or a place on the waiting list when the activity is full (409 `activity_full` when it keeps none). Joining again returns the existing enrolment with 200.',
		tags: ['Enrolments'],
		access: 'user',
		response: z.object({ enrolment: EnrolmentDto }),
		status: 201,
		errors: ['activity_full', 'invalid_state']
	},
	async ({ app, actor, params }) => {
		const { enrolment, created } = await joinActivity(app, actor, uuidParam(params.id, 'Activity'));
		const body = JSON.stringify({ enrolment: presentEnrolment(enrolment) });
		return new Response(body, { status: created ? 201 : 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
	}
);

export const GET = endpoint(
	{
		summary: 'The participants of an activity',
		description: 'Members of the organisation. `?format=csv` (or `Accept: text/csv`) returns a CSV file.',
		tags: ['Enrolments'],
		access: 'user',
		query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
		response: z.object({ items: z.array(ParticipantDto) })
	},
	async ({ app, actor, params, query, event }) => {
		const rows = await listParticipants(app, actor, uuidParam(params.id, 'Activity'));
		if (query.format === 'csv' || event.request.headers.get('accept')?.includes('text/csv')) {
			return new Response(participantsCsv(rows, ['name', 'email', 'status', 'waitlist_position', 'since', 'left_at']), {
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': `attachment; filename="participants-${params.id}.csv"`,
					'cache-control': 'no-store'
				}
			});
		}
		return { items: rows.map((row) => presentParticipant(app.config.publicUrl, row)) };
	}
);
