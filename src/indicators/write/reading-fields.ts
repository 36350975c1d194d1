/**
 * The reading a report or correction body brings: `value` for a numeric target, or `state`,
 * `narrative` and (when completed) `completedOn` for a milestone. Their types and formats are
 * checked here (400 with the field list); which of them the target takes is the decider's rule
 * (422 `VALUE_ON_MILESTONE_TARGET`, `STATE_ON_NUMERIC_TARGET`, `STATE_REQUIRED`, …), because only
 * the indicator's state knows the target's kind.
 */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MILESTONE_STATES, MILESTONE_STATE_LABELS, type MilestoneState } from '../../domain/indicator/reading';

const STATE_DESCRIPTION = MILESTONE_STATES.map((state) => `\`${state}\` (${MILESTONE_STATE_LABELS[state]})`).join(', ');

/** A body that says nothing of a milestone is a numeric report: its value is required, as it always was. */
function valueExpected(body: ReadingFields): boolean {
  return body.value !== undefined || (body.state === undefined && body.narrative === undefined && body.completedOn === undefined);
}

export class ReadingFields {
  @ApiPropertyOptional({
    description: "The figure, in the target's unit (year-to-date for cumulative targets). Required for a numeric target; refused for a milestone.",
    example: 230,
  })
  @ValidateIf(valueExpected)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @ApiPropertyOptional({ enum: MILESTONE_STATES, description: `A milestone's state for the period: ${STATE_DESCRIPTION}. Required for a milestone; refused for a numeric target.` })
  @IsOptional()
  @IsIn(MILESTONE_STATES)
  state?: MilestoneState;

  @ApiPropertyOptional({
    description: 'What was done in the period (kết quả thực hiện). Required with a state.',
    example: 'Đã hoàn thành thi công, bàn giao đưa vào sử dụng',
    maxLength: 4000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  narrative?: string;

  @ApiPropertyOptional({
    description: 'The day the task was completed, YYYY-MM-DD: required with state `completed`, refused with any other.',
    example: '2021-08-30',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'completedOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'completedOn must be a real calendar date' })
  completedOn?: string;
}
