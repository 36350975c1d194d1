/** Given/when/then for deciders: given past events, when a command is decided, then these events or this error. */
import { LedgerError } from '../../src/shared/errors';

export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function specFor<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return (given: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        thenFails: (code: string, errorClass?: abstract new (...args: never[]) => LedgerError) => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(errorClass ?? LedgerError);
          expect((caught as LedgerError).code).toBe(code);
        },
      };
    },
  });
}
