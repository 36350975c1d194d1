import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsString, Matches } from 'class-validator';
import { PERIOD_PATTERN } from '../../../domain/indicator/period';
import { ExpectedRevisionField, MetricField, NoteField } from '../common-fields';
import { EvidenceListField, type EvidenceDto } from '../evidence.dto';

export class ReportProgressDto {
  @MetricField()
  metric!: string;

  @ApiProperty({ description: 'Reporting period: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY.', example: '2021-Q2' })
  @IsString()
  @Matches(PERIOD_PATTERN, { message: 'period must be YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY' })
  period!: string;

  @ApiProperty({ description: "The figure, in the target's unit; year-to-date for cumulative targets.", example: 230 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

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

  @ApiProperty({ example: 3 })
  revision!: number;

  @ApiProperty({ example: 128 })
  position!: number;
}
