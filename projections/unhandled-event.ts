/**
 * A projection was asked to create a document from an event type it does not handle. The runner
 * only passes the types a read model declares it handles, so this means a wiring defect, not bad data.
 */
export class UnhandledEventError extends Error {
  readonly code = 'EVENT_NOT_HANDLED';

  constructor(
    readonly readModel: string,
    readonly eventType: string,
    readonly position: number,
  ) {
    super(`The ${readModel} projection does not handle ${eventType} (position ${position})`);
    this.name = new.target.name;
  }
}
