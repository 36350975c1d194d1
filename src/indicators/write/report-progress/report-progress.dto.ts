import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PERIOD_PATTERN } from '../../../domain/indicator/period';
import { ExpectedRevisionField, MetricField, NoteField } from '../common-fields';
import { EvidenceListField, type EvidenceDto } from '../evidence.dto';
import { ReadingFields } from '../reading-fields';

/** A numeric target's report carries `value`; a milestone's carries `state`, `narrative` and, when completed, `completedOn`. */
export class ReportProgressDto extends ReadingFields {
  /**
   * Typed as always there for the code that turns a numeric report's body into an event directly
   * (the benchmarks' minimal servers). A milestone's body leaves it out; the validation above
   * (ReadingFields) and the decider are what decide, never this type.
   */
  declare value: number;

  @MetricField()
  metric!: string;

  @ApiProperty({ description: 'Reporting period: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY.', example: '2021-Q2' })
  @IsString()
  @Matches(PERIOD_PATTERN, { message: 'period must be YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY' })
  period!: string;

  @NoteField()
  note?: string;

  @EvidenceListField()
  evidence?: EvidenceDto[];

  @ExpectedRevisionField()
  expectedRevision?: number;
}

export class ReportProgressResultDto {
  @ApiProperty({ example: '0b6c1f0e-4c8e-5a57-9d1c-2f3b9e1d7a10' })
  reportId!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  revision!: number;

  @ApiProperty({ type: 'integer', example: 128 })
  position!: number;
}
