/** The responsible unit answers an inspector's query, optionally correcting the figure in the same step. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { CommandEnvelope } from '../../command-handling/command-envelope';
import type { CommandOutcome } from '../../command-handling/stream-command-executor';
import { ExpectedRevisionField, ReasonField } from '../../indicators/write/common-fields';
import { definedOnly } from '../../indicators/write/defined-only';
import { EvidenceListField, type EvidenceDto } from '../../indicators/write/evidence.dto';
import { IndicatorWriter } from '../../indicators/write/indicator-writer';
import { ReadingFields } from '../../indicators/write/reading-fields';

/** The corrected reading of the queried report (a figure, or a milestone's state and narrative), with a reason. */
export class AnswerCorrectionDto extends ReadingFields {
  @ReasonField('Why the report is corrected.')
  reason!: string;
}

export class AnswerQueryDto {
  @ApiProperty({ description: 'The explanation (nội dung giải trình).', example: 'Số liệu quý I tổng hợp từ báo cáo của 33 xã, phường' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  answer!: string;

  @EvidenceListField()
  evidence?: EvidenceDto[];

  @ApiPropertyOptional({ type: AnswerCorrectionDto, description: 'Correct the queried report together with the answer: both are recorded, or neither.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnswerCorrectionDto)
  correction?: AnswerCorrectionDto;

  @ExpectedRevisionField()
  expectedRevision?: number;
}

function correctionOf({ value, state, narrative, completedOn, reason }: AnswerCorrectionDto) {
  return { reason, ...definedOnly({ value, state, narrative, completedOn }) };
}

export class AnswerQueryCommand extends Command<CommandOutcome> {
  constructor(
    readonly indicatorId: string,
    readonly queryId: string,
    readonly input: Omit<AnswerQueryDto, 'expectedRevision'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(AnswerQueryCommand)
export class AnswerQueryHandler implements ICommandHandler<AnswerQueryCommand, CommandOutcome> {
  constructor(private readonly writer: IndicatorWriter) {}

  execute({ indicatorId, queryId, input, envelope }: AnswerQueryCommand): Promise<CommandOutcome> {
    const { answer, evidence, correction } = input;
    return this.writer.execute(indicatorId, envelope, { type: 'AnswerReportQuery', hashOf: { queryId, answer, evidence, correction } }, (context) => ({
      type: 'AnswerReportQuery',
      data: {
        indicatorId,
        queryId,
        answer,
        ...(evidence === undefined ? {} : { evidence }),
        ...(correction === undefined ? {} : { correction: correctionOf(correction) }),
      },
      context,
    }));
  }
}
