import { ApiProperty } from '@nestjs/swagger';
import { IsNumber } from 'class-validator';
import { ExpectedRevisionField, NoteField, ReasonField } from '../common-fields';
import { EvidenceListField, type EvidenceDto } from '../evidence.dto';

export class CorrectReportDto {
  @ApiProperty({ description: 'The corrected figure.', example: 235 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ReasonField('Why the report is corrected.')
  reason!: string;

  @NoteField()
  note?: string;

  @EvidenceListField()
  evidence?: EvidenceDto[];

  @ExpectedRevisionField()
  expectedRevision?: number;
}
