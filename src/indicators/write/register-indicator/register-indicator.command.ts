import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../../command-handling/command-envelope';
import type { CommandOutcome } from '../../../command-handling/stream-command-executor';
import type { Target } from '../../../domain/indicator/target';
import { AggregateLookup } from '../aggregate-lookup';
import { definedOnly } from '../defined-only';
import { IndicatorWriter } from '../indicator-writer';
import type { RegisterIndicatorDto } from './register-indicator.dto';

export class RegisterIndicatorCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: RegisterIndicatorDto,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(RegisterIndicatorCommand)
export class RegisterIndicatorHandler implements ICommandHandler<RegisterIndicatorCommand, CommandOutcome> {
  constructor(
    private readonly writer: IndicatorWriter,
    private readonly lookup: AggregateLookup,
  ) {}

  execute({ input, envelope }: RegisterIndicatorCommand): Promise<CommandOutcome> {
    const { id, targets, responsibilityAssumed, number, supportsIndicators, ...rest } = input;
    const data = {
      indicatorId: id,
      ...rest,
      ...definedOnly({ number, supportsIndicators }),
      responsibilityAssumed: responsibilityAssumed ?? false,
      // Which fields a target of each kind may carry is the decider's rule (`targetProblems`).
      targets: targets.map((target) => definedOnly(target) as Target),
    };
    return this.writer.execute(id, envelope, { type: 'RegisterIndicator', hashOf: data }, async (context) => ({
      type: 'RegisterIndicator',
      data,
      context,
      responsibleUnit: await this.lookup.unit(input.responsibleUnitId),
      resolution: await this.lookup.resolution(input.resolutionId),
    }));
  }
}
