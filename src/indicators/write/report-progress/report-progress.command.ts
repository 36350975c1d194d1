import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../../command-handling/command-envelope';
import { uuidFromName } from '../../../shared/deterministic-id';
import { definedOnly } from '../defined-only';
import { IndicatorWriter } from '../indicator-writer';
import type { ReportProgressDto } from './report-progress.dto';

export interface ReportProgressResult {
  reportId: string;
  revision: number;
  position: number;
  replayed: boolean;
}

export class ReportProgressCommand extends Command<ReportProgressResult> {
  constructor(
    readonly indicatorId: string,
    readonly input: Omit<ReportProgressDto, 'expectedRevision'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler implements ICommandHandler<ReportProgressCommand, ReportProgressResult> {
  constructor(private readonly writer: IndicatorWriter) {}

  async execute({ indicatorId, input, envelope }: ReportProgressCommand): Promise<ReportProgressResult> {
    // Derived from the command id, so a retried command answers with the report id it got first.
    const reportId = uuidFromName(`${envelope.commandId}:report`);
    const { metric, period, value, state, narrative, completedOn, note, evidence } = input;
    const hashOf = { metric, period, value, state, narrative, completedOn, note, evidence };
    const outcome = await this.writer.execute(indicatorId, envelope, { type: 'ReportProgress', hashOf }, (context) => ({
      type: 'ReportProgress',
      data: { indicatorId, reportId, metric, period, ...definedOnly({ value, state, narrative, completedOn, note, evidence }) },
      context,
    }));
    return { reportId, ...outcome };
  }
}
