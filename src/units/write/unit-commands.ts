/** Registering, renaming and deactivating units: Nest command classes and their handlers. */
import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandHash, type CommandEnvelope } from '../../command-handling/command-envelope';
import type { StreamFold } from '../../command-handling/known-stream';
import { StreamCommandExecutor, type CommandOutcome } from '../../command-handling/stream-command-executor';
import { decideUnit, evolveUnit, initialUnitState, type UnitCommand, type UnitState } from '../../domain/unit/decider';
import { unitStreamId, type UnitEvent, type UnitRegistered } from '../../domain/unit/events';
import type { EventStore } from '../../event-store/event-store.port';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { ReadModelAvailability } from '../../read-models/read-model-availability';
import { Clock } from '../../shared/clock';

type UnitCommandData = UnitCommand['data'];

const UNIT_FOLD: StreamFold<UnitState> = { initial: initialUnitState, evolve: (state, event) => evolveUnit(state, event as unknown as UnitEvent) };

/** Runs a unit command against its stream through the one write path. */
@Injectable()
export class UnitWriter {
  private readonly executor: StreamCommandExecutor;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    private readonly clock: Clock,
    availability: ReadModelAvailability,
  ) {
    this.executor = new StreamCommandExecutor(eventStore, undefined, availability);
  }

  write(type: UnitCommand['type'], data: UnitCommandData, envelope: CommandEnvelope): Promise<CommandOutcome> {
    return this.executor.execute<UnitState, UnitEvent>({
      streamId: unitStreamId(data.unitId),
      envelope,
      commandHash: commandHash(type, data),
      fold: UNIT_FOLD,
      decide: (state) => decideUnit({ type, data, context: { actor: envelope.actor } } as UnitCommand, state),
      now: () => this.clock.now(),
    });
  }
}

export class RegisterUnitCommand extends Command<CommandOutcome> {
  constructor(readonly data: UnitRegistered['data'], readonly envelope: CommandEnvelope) {
    super();
  }
}

export class RenameUnitCommand extends Command<CommandOutcome> {
  constructor(readonly data: { unitId: string; name: string; reason: string }, readonly envelope: CommandEnvelope) {
    super();
  }
}

export class DeactivateUnitCommand extends Command<CommandOutcome> {
  constructor(readonly data: { unitId: string; reason: string; decisionRef: string }, readonly envelope: CommandEnvelope) {
    super();
  }
}

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand, CommandOutcome> {
  constructor(private readonly writer: UnitWriter) {}

  execute({ data, envelope }: RegisterUnitCommand): Promise<CommandOutcome> {
    return this.writer.write('RegisterUnit', data, envelope);
  }
}

@CommandHandler(RenameUnitCommand)
export class RenameUnitHandler implements ICommandHandler<RenameUnitCommand, CommandOutcome> {
  constructor(private readonly writer: UnitWriter) {}

  execute({ data, envelope }: RenameUnitCommand): Promise<CommandOutcome> {
    return this.writer.write('RenameUnit', data, envelope);
  }
}

@CommandHandler(DeactivateUnitCommand)
export class DeactivateUnitHandler implements ICommandHandler<DeactivateUnitCommand, CommandOutcome> {
  constructor(private readonly writer: UnitWriter) {}

  execute({ data, envelope }: DeactivateUnitCommand): Promise<CommandOutcome> {
    return this.writer.write('DeactivateUnit', data, envelope);
  }
}
