/** An inspector closes an answered query with a conclusion (kết luận). */
import { ApiProperty } from '@nestjs/swagger';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { CommandEnvelope } from '../../command-handling/command-envelope';
import type { CommandOutcome } from '../../command-handling/stream-command-executor';
import { ExpectedRevisionField } from '../../indicators/write/common-fields';
import { IndicatorWriter } from '../../indicators/write/indicator-writer';

export class CloseQueryDto {
  @ApiProperty({ description: "The inspector's conclusion.", example: 'Đơn vị đã giải trình và đính chính số liệu; chấp nhận' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  conclusion!: string;

  @ExpectedRevisionField()
  expectedRevision?: number;
}

export class CloseQueryCommand extends Command<CommandOutcome> {
  constructor(
    readonly indicatorId: string,
    readonly queryId: string,
    readonly conclusion: string,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(CloseQueryCommand)
export class CloseQueryHandler implements ICommandHandler<CloseQueryCommand, CommandOutcome> {
  constructor(private readonly writer: IndicatorWriter) {}

  execute({ indicatorId, queryId, conclusion, envelope }: CloseQueryCommand): Promise<CommandOutcome> {
    return this.writer.execute(indicatorId, envelope, { type: 'CloseReportQuery', hashOf: { queryId, conclusion } }, (context) => ({
      type: 'CloseReportQuery',
      data: { indicatorId, queryId, conclusion },
      context,
    }));
  }
}
