import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../../command-handling/command-envelope';
import type { CommandOutcome } from '../../../command-handling/stream-command-executor';
import { AggregateLookup } from '../aggregate-lookup';
import { IndicatorWriter } from '../indicator-writer';
import type { ReassignResponsibilityDto } from './reassign-responsibility.dto';

export class ReassignResponsibilityCommand extends Command<CommandOutcome> {
  constructor(
    readonly indicatorId: string,
    readonly input: Omit<ReassignResponsibilityDto, 'expectedRevision'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(ReassignResponsibilityCommand)
export class ReassignResponsibilityHandler implements ICommandHandler<ReassignResponsibilityCommand, CommandOutcome> {
  constructor(
    private readonly writer: IndicatorWriter,
    private readonly lookup: AggregateLookup,
  ) {}

  execute({ indicatorId, input, envelope }: ReassignResponsibilityCommand): Promise<CommandOutcome> {
    const { toUnitId, reason, decisionRef } = input;
    return this.writer.execute(indicatorId, envelope, { type: 'ReassignResponsibility', hashOf: { toUnitId, reason, decisionRef } }, async (context) => ({
      type: 'ReassignResponsibility',
      data: { indicatorId, toUnitId, reason, decisionRef },
      context,
      toUnit: await this.lookup.unit(toUnitId),
    }));
  }
}
