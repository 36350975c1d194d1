import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../../command-handling/command-envelope';
import type { CommandOutcome } from '../../../command-handling/stream-command-executor';
import { definedOnly } from '../defined-only';
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
    const { value, state, narrative, completedOn, reason, note, evidence } = input;
    const hashOf = { reportId, value, state, narrative, completedOn, reason, note, evidence };
    return this.writer.execute(indicatorId, envelope, { type: 'CorrectProgressReport', hashOf }, (context) => ({
      type: 'CorrectProgressReport',
      data: { indicatorId, reportId, reason, ...definedOnly({ value, state, narrative, completedOn, note, evidence }) },
      context,
    }));
  }
}
