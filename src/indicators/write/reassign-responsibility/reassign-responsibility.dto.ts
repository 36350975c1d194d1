import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ID_PATTERN } from '../../../http/id-param.pipe';
import { DecisionRefField, ExpectedRevisionField, ReasonField } from '../common-fields';

export class ReassignResponsibilityDto {
  @ApiProperty({ description: 'The unit taking over.', example: 'phong-kinh-te' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'toUnitId must be a lowercase id of letters, digits and dashes' })
  toUnitId!: string;

  @ReasonField('Why responsibility moves.')
  reason!: string;

  @DecisionRefField()
  decisionRef!: string;

  @ExpectedRevisionField()
  expectedRevision?: number;
}
