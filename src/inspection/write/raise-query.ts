/** An inspector raises a query on a progress report (yêu cầu giải trình). */
import { ApiProperty } from '@nestjs/swagger';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { CommandEnvelope } from '../../command-handling/command-envelope';
import { IndicatorWriter } from '../../indicators/write/indicator-writer';
import { ExpectedRevisionField } from '../../indicators/write/common-fields';
import { uuidFromName } from '../../shared/deterministic-id';

export class RaiseQueryDto {
  @ApiProperty({ description: 'What the unit is asked to explain.', example: 'Đề nghị làm rõ căn cứ số liệu 1.700 lao động có việc làm mới trong quý I' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  question!: string;

  @ExpectedRevisionField()
  expectedRevision?: number;
}

export class RaiseQueryResultDto {
  @ApiProperty({ description: 'The new query: answer and close it by this id.', example: '3f0c2b8e-6a1d-5c44-9e7b-0d2f1a9c8b71' })
  queryId!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  revision!: number;

  @ApiProperty({ type: 'integer', example: 129 })
  position!: number;
}

export interface RaiseQueryResult {
  queryId: string;
  revision: number;
  position: number;
  replayed: boolean;
}

export class RaiseQueryCommand extends Command<RaiseQueryResult> {
  constructor(
    readonly indicatorId: string,
    readonly reportId: string,
    readonly question: string,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(RaiseQueryCommand)
export class RaiseQueryHandler implements ICommandHandler<RaiseQueryCommand, RaiseQueryResult> {
  constructor(private readonly writer: IndicatorWriter) {}

  async execute({ indicatorId, reportId, question, envelope }: RaiseQueryCommand): Promise<RaiseQueryResult> {
    // Derived from the command id, so a retried command answers with the query id it got first.
    const queryId = uuidFromName(`${envelope.commandId}:query`);
    const outcome = await this.writer.execute(indicatorId, envelope, { type: 'RaiseReportQuery', hashOf: { reportId, question } }, (context) => ({
      type: 'RaiseReportQuery',
      data: { indicatorId, reportId, queryId, question },
      context,
    }));
    return { queryId, ...outcome };
  }
}
