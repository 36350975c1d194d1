import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../../command-handling/command-envelope';
import type { CommandOutcome } from '../../../command-handling/stream-command-executor';
import { IndicatorWriter } from '../indicator-writer';
import type { CorrectReportDto } from './correct-report.dto';

export class CorrectReportCommand extends Command<CommandOutcome> {
  constructor(
    readonly indicatorId: string,
    readonly reportId: string,
    readonly input: Omit<CorrectReportDto, 'expectedRevision'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(CorrectReportCommand)
export class CorrectReportHandler implements ICommandHandler<CorrectReportCommand, CommandOutcome> {
  constructor(private readonly writer: IndicatorWriter) {}

  execute({ indicatorId, reportId, input, envelope }: CorrectReportCommand): Promise<CommandOutcome> {
    const { value, reason, note, evidence } = input;
    return this.writer.execute(indicatorId, envelope, { type: 'CorrectProgressReport', hashOf: { reportId, value, reason, note, evidence } }, (context) => ({
      type: 'CorrectProgressReport',
      data: { indicatorId, reportId, value, reason, ...(note === undefined ? {} : { note }), ...(evidence === undefined ? {} : { evidence }) },
      context,
    }));
  }
}
