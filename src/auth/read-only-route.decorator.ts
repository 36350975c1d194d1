import { SetMetadata } from '@nestjs/common';

export const READ_ONLY_ROUTE = 'ledger:read-only-route';

/**
 * A POST that writes nothing (it only needs a request body, e.g. a file to hash). Guards that
 * restrict writers — a deactivated unit's keys — let it through like a GET.
 */
export const ReadOnlyRoute = () => SetMetadata(READ_ONLY_ROUTE, true);
