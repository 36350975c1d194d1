import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../../command-handling/command-envelope';
import type { CommandOutcome } from '../../../command-handling/stream-command-executor';
import type { Target } from '../../../domain/indicator/target';
import { AggregateLookup } from '../aggregate-lookup';
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
    const { id, targets, responsibilityAssumed, number, ...rest } = input;
    const data = {
      indicatorId: id,
      ...rest,
      ...(number === undefined ? {} : { number }),
      responsibilityAssumed: responsibilityAssumed ?? false,
      targets: targets.map(withoutUndefined),
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

/** DTO instances carry no undefined keys into events: the stored JSON is what was said. */
function withoutUndefined(target: Target): Target {
  return Object.fromEntries(Object.entries(target).filter(([, v]) => v !== undefined)) as unknown as Target;
}
