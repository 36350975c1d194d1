import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { AssessmentOutcome } from '../../../domain/indicator/events';
import { DecisionRefField, ExpectedRevisionField } from '../common-fields';

const OUTCOMES: readonly AssessmentOutcome[] = ['achieved', 'partially_achieved', 'not_achieved'];

export class AssessIndicatorDto {
  @ApiProperty({ enum: OUTCOMES, example: 'achieved' })
  @IsIn(OUTCOMES)
  outcome!: AssessmentOutcome;

  @ApiProperty({ description: 'Kết luận: the committee’s conclusion.', example: 'Hoàn thành vượt mức chỉ tiêu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  conclusion!: string;

  @DecisionRefField()
  decisionRef!: string;

  @ExpectedRevisionField()
  expectedRevision?: number;
}
