/** What the review routes take: the cut-off of a reading, the body of an approval. */
import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { ISO_INSTANT_EXAMPLE, IsIsoInstant } from '../http/iso-instant';
import { ReadQueryDto } from '../http/read-query.dto';
import { DecisionRefField, NoteField } from '../indicators/write/common-fields';

export const ReviewPeriodParam = () =>
  applyDecorators(
    ApiParam({
      name: 'period',
      description: 'A reviewable period: `YYYY-Q1`…`YYYY-Q4`, `YYYY-H1` or `YYYY`; anything else is 400 `INVALID_REVIEW_PERIOD`.',
      schema: { type: 'string', example: '2021-Q2' },
    }),
  );

export class ReviewQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    description:
      'The cut-off: the review as known at this moment (events recorded at or before it). Default: now. An ISO-8601 date-time with a UTC offset. ' +
      'Whatever the cut-off, only reports for periods ending on or before the period’s end count.',
    example: ISO_INSTANT_EXAMPLE,
  })
  @IsOptional()
  @IsIsoInstant()
  asOf?: string;
}

export class ApproveReviewDto {
  @DecisionRefField()
  decisionRef!: string;

  @ApiPropertyOptional({ description: 'The day the standing committee met (YYYY-MM-DD); not in the future.', example: '2021-07-15' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'meetingDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'meetingDate must be a real calendar date' })
  meetingDate?: string;

  @NoteField()
  note?: string;
}
