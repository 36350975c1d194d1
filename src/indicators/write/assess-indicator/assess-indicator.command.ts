import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../../command-handling/command-envelope';
import type { CommandOutcome } from '../../../command-handling/stream-command-executor';
import { IndicatorWriter } from '../indicator-writer';
import type { AssessIndicatorDto } from './assess-indicator.dto';

export class AssessIndicatorCommand extends Command<CommandOutcome> {
  constructor(
    readonly indicatorId: string,
    readonly input: Omit<AssessIndicatorDto, 'expectedRevision'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(AssessIndicatorCommand)
export class AssessIndicatorHandler implements ICommandHandler<AssessIndicatorCommand, CommandOutcome> {
  constructor(private readonly writer: IndicatorWriter) {}

  execute({ indicatorId, input, envelope }: AssessIndicatorCommand): Promise<CommandOutcome> {
    const { outcome, conclusion, decisionRef } = input;
    return this.writer.execute(indicatorId, envelope, { type: 'AssessIndicator', hashOf: { outcome, conclusion, decisionRef } }, (context) => ({
      type: 'AssessIndicator',
      data: { indicatorId, outcome, conclusion, decisionRef },
      context,
    }));
  }
}
