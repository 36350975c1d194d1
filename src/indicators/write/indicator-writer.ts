/**
 * Runs a command against one indicator stream: the decider is the indicator decider, the state
 * is folded from the stream, the time comes from the clock. Each command slice supplies only how
 * to build its domain command.
 */
import { Inject, Injectable } from '@nestjs/common';
import { commandHash, type CommandEnvelope } from '../../command-handling/command-envelope';
import type { StreamFold } from '../../command-handling/known-stream';
import { StreamCommandExecutor, type CommandOutcome } from '../../command-handling/stream-command-executor';
import type { CommandContext, IndicatorCommand } from '../../domain/indicator/commands';
import { decideIndicator } from '../../domain/indicator/decide';
import { indicatorStreamId, type IndicatorEvent } from '../../domain/indicator/events';
import { evolveIndicator, initialIndicatorState, type FoldableIndicatorEvent, type IndicatorState } from '../../domain/indicator/state';
import type { EventStore } from '../../event-store/event-store.port';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { ReadModelAvailability } from '../../read-models/read-model-availability';
import { Clock } from '../../shared/clock';

const INDICATOR_FOLD: StreamFold<IndicatorState> = {
  initial: initialIndicatorState,
  evolve: (state, event) => evolveIndicator(state, event as unknown as FoldableIndicatorEvent),
};

@Injectable()
export class IndicatorWriter {
  private readonly executor: StreamCommandExecutor;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    private readonly clock: Clock,
    availability: ReadModelAvailability,
  ) {
    this.executor = new StreamCommandExecutor(eventStore, undefined, availability);
  }

  execute(
    indicatorId: string,
    envelope: CommandEnvelope,
    input: { type: IndicatorCommand['type']; hashOf: unknown },
    build: (context: CommandContext) => IndicatorCommand | Promise<IndicatorCommand>,
  ): Promise<CommandOutcome> {
    return this.executor.execute<IndicatorState, IndicatorEvent>({
      streamId: indicatorStreamId(indicatorId),
      envelope,
      commandHash: commandHash(input.type, { indicatorId, ...(input.hashOf as object) }),
      fold: INDICATOR_FOLD,
      decide: async (state, now) => decideIndicator(await build({ actor: envelope.actor, now }), state),
      now: () => this.clock.now(),
    });
  }
}
