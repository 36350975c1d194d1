import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'ledger:public-route';

/** A route anyone may call without a key (the health check). It must answer nothing sensitive. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
