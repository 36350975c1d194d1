/** Registering the resolution itself (done by seeding; the frame every indicator refers to). */
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandHash, type CommandEnvelope } from '../command-handling/command-envelope';
import type { StreamFold } from '../command-handling/known-stream';
import { StreamCommandExecutor, type CommandOutcome } from '../command-handling/stream-command-executor';
import { decideResolution, evolveResolution, initialResolutionState, type ResolutionState } from '../domain/resolution/decider';
import { resolutionStreamId, type ResolutionEvent, type ResolutionRegistered } from '../domain/resolution/events';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../infrastructure/tokens';
import { ReadModelAvailability } from '../read-models/read-model-availability';
import { Clock } from '../shared/clock';

export class RegisterResolutionCommand extends Command<CommandOutcome> {
  constructor(readonly data: ResolutionRegistered['data'], readonly envelope: CommandEnvelope) {
    super();
  }
}

const RESOLUTION_FOLD: StreamFold<ResolutionState> = {
  initial: initialResolutionState,
  evolve: (state, event) => evolveResolution(state, event as unknown as ResolutionEvent),
};

@CommandHandler(RegisterResolutionCommand)
export class RegisterResolutionHandler implements ICommandHandler<RegisterResolutionCommand, CommandOutcome> {
  private readonly executor: StreamCommandExecutor;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    private readonly clock: Clock,
    availability: ReadModelAvailability,
  ) {
    this.executor = new StreamCommandExecutor(eventStore, undefined, availability);
  }

  execute({ data, envelope }: RegisterResolutionCommand): Promise<CommandOutcome> {
    return this.executor.execute<ResolutionState, ResolutionEvent>({
      streamId: resolutionStreamId(data.resolutionId),
      envelope,
      commandHash: commandHash('RegisterResolution', data),
      fold: RESOLUTION_FOLD,
      decide: (state) => decideResolution({ type: 'RegisterResolution', data, context: { actor: envelope.actor } }, state),
      now: () => this.clock.now(),
    });
  }
}
