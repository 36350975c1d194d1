/**
 * The quarterly review (sơ kết) the standing committee receives: the reviewable periods, a
 * period's review as of a cut-off, its approval and the approval's verification. Reading is open to
 * every key, like the indicators it is made of; approving is the standing committee's alone.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query as QueryParams, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal-directory';
import { envelopeFor } from '../http/command-request';
import type { HttpRequest, HttpResponse } from '../http/http-exchange';
import { parseIsoInstant } from '../http/iso-instant';
import { Refuses } from '../http/route-refusals';
import { ReadQueryDto } from '../http/read-query.dto';
import { CommandResultDto } from '../indicators/write/command-result';
import { respond } from '../indicators/write/indicator-commands.controller';
import { ReadModelFreshness } from '../infrastructure/read-model-freshness';
import { ApproveReviewCommand } from './approve-review.command';
import { GetReviewQuery } from './get-review.query';
import { ListReviewsQuery } from './list-reviews.query';
import { ApproveReviewDto, ReviewPeriodParam, ReviewQueryDto } from './review.dto';
import { REVIEW_LIST_SCHEMA, REVIEW_SCHEMA, REVIEW_VERIFICATION_SCHEMA } from './review-view.schema';
import { VerifyReviewApprovalQuery } from './verify-approval.query';

/** What reading a review can meet besides the common refusals. */
const READ_CODES = { 400: ['INVALID_REVIEW_PERIOD'], 404: ['RESOLUTION_NOT_FOUND'] } as const;

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The reviewable periods of each resolution (quarters, first half-year, year), with their approval state' })
  @ApiOkResponse({ schema: REVIEW_LIST_SCHEMA })
  @Refuses({ reads: ['read-models', 'event-store'] })
  async list(@QueryParams() query: ReadQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new ListReviewsQuery());
  }

  @Get(':period')
  @ApiOperation({
    summary: 'A period’s review (sơ kết): every indicator and task as of the period’s end, as known at `asOf`',
    description:
      'Each target’s figure or state and status from the reports for periods ending on or before the period’s end; the change since the previous quarter; ' +
      'what was recorded for and during the period; the indicators and tasks with no report for it, by responsible unit; totals by group, status and change. ' +
      'Once approved (at or before `asOf`), `content` is the review as approved, recomputed from the ledger at the approval’s position, and ' +
      '`changedSinceApproval` lists what was recorded since that would change it. Computed from the event store (docs/reviews.md).',
  })
  @ApiOkResponse({ schema: REVIEW_SCHEMA })
  @ReviewPeriodParam()
  @Refuses({ reads: ['read-models', 'event-store'], codes: READ_CODES })
  async get(@Param('period') period: string, @QueryParams() query: ReviewQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new GetReviewQuery(period, parseIsoInstant(query.asOf)));
  }

  @Post(':period/approval')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Approve a period’s review (standing committee)',
    description:
      'Appends `ReviewApproved` to the stream `review-<resolution>-<period>`, carrying the audit digest of the ledger at its head and the SHA-256 of the ' +
      'review’s content computed from exactly the events that digest covers. Once per period, after the period’s last day, on a ledger whose chains are intact. ' +
      'Idempotent with `Idempotency-Key`.',
  })
  @ReviewPeriodParam()
  @Refuses({ command: 'ApproveReview', reads: ['read-models', 'event-store'], codes: { 500: ['EVENT_STORE_UNREADABLE'] } })
  @ApiCreatedResponse({ type: CommandResultDto })
  async approve(
    @Param('period') period: string,
    @Body() body: ApproveReviewDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @CurrentPrincipal() principal: Principal,
  ) {
    const outcome = await this.commandBus.execute(new ApproveReviewCommand({ period, ...body }, envelopeFor(req, principal)));
    return respond(res, outcome);
  }

  @Get(':period/approval/verify')
  @ApiOperation({
    summary: 'Verify an approved review against the ledger as it is today',
    description:
      'Recomputes the content hash from the events at or below the approval’s position and the audit digest at that position (as GET /audit/digest/verify does), ' +
      'and checks the approval event’s own chain. `valid` is false with each failed check named in `failures` ' +
      '(`CONTENT_HASH_MISMATCH`, `CHAIN_BROKEN`, `DIGEST_MISMATCH`, `APPROVAL_EVENT_ALTERED`).',
  })
  @ApiOkResponse({ schema: REVIEW_VERIFICATION_SCHEMA })
  @ReviewPeriodParam()
  @Refuses({ reads: ['read-models', 'event-store'], codes: { ...READ_CODES, 404: [...READ_CODES[404], 'REVIEW_NOT_APPROVED'], 500: ['EVENT_STORE_UNREADABLE'] } })
  async verify(@Param('period') period: string, @QueryParams() query: ReadQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new VerifyReviewApprovalQuery(period));
  }
}
