import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../../command-handling/command-envelope';
import type { CommandOutcome } from '../../../command-handling/stream-command-executor';
import type { TargetChange } from '../../../domain/indicator/target';
import { definedOnly } from '../defined-only';
import { IndicatorWriter } from '../indicator-writer';
import type { ReviseTargetDto } from './revise-target.dto';

export class ReviseTargetCommand extends Command<CommandOutcome> {
  constructor(
    readonly indicatorId: string,
    readonly input: Omit<ReviseTargetDto, 'expectedRevision'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(ReviseTargetCommand)
export class ReviseTargetHandler implements ICommandHandler<ReviseTargetCommand, CommandOutcome> {
  constructor(private readonly writer: IndicatorWriter) {}

  execute({ indicatorId, input, envelope }: ReviseTargetCommand): Promise<CommandOutcome> {
    const { metric, reason, decisionRef, comparator, value, min, max, dueDate } = input;
    const change: TargetChange = definedOnly({ comparator, value, min, max, dueDate });
    return this.writer.execute(indicatorId, envelope, { type: 'ReviseTarget', hashOf: { metric, change, reason, decisionRef } }, (context) => ({
      type: 'ReviseTarget',
      data: { indicatorId, metric, change, reason, decisionRef },
      context,
    }));
  }
}
