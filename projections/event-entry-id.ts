/** The `_id` of a read model entry that stands for one event, as the indicator history and the audit log key them. */
export const eventEntryId = (streamId: string, revision: number): string => `${streamId}:${revision}`;
