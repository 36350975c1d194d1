/**
 * Given/when/then for deciders: given past events, when a command is decided, then these events or
 * this error. A refusal must also be one the command declares (src/domain/refusals.ts), since the
 * API document tells clients the codes of each command's route from that list.
 */
import { COMMAND_REFUSALS, type CommandType, type Refusals } from '../../src/domain/refusals';
import { BusinessRuleError, ForbiddenError, InvalidInputError, LedgerError, NotFoundError } from '../../src/shared/errors';

export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function specFor<Command extends { type: CommandType }, Event, State>(decider: Decider<Command, Event, State>) {
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
          expect({ command: command.type, refusal: declared(command.type, caught as LedgerError) }).toEqual({ command: command.type, refusal: code });
        },
      };
    },
  });
}

/** The code, if the command declares it for the error's kind; what is missing otherwise. */
function declared(command: CommandType, error: LedgerError): string {
  const kind: keyof Refusals | null =
    error instanceof ForbiddenError
      ? 'forbidden'
      : error instanceof NotFoundError
        ? 'notFound'
        : error instanceof BusinessRuleError
          ? 'businessRule'
          : error instanceof InvalidInputError
            ? 'invalidInput'
            : null;
  const codes = kind ? (COMMAND_REFUSALS[command][kind] ?? []) : [];
  return codes.includes(error.code) ? error.code : `${error.code} (${error.name}) is not declared in src/domain/refusals.ts`;
}
