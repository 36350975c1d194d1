/** Read-your-writes: a query waits (bounded) until the read models reflect the position a command returned. */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { ProjectionLagError } from '../shared/errors';
import { ProjectionService } from './projection.service';
import { APP_CONFIG } from './tokens';

@Injectable()
export class ReadModelFreshness {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves once the read models are at `position` or beyond; 503 (ProjectionLagError) past the timeout. */
  async waitFor(position: number | undefined): Promise<void> {
    if (position === undefined) return;
    // On every instance: the holder of the projection lease waits on its runner, a standby on the stored checkpoint.
    const reached = await this.projections.waitForPosition(position, this.config.readYourWritesTimeoutMs);
    if (!reached) throw new ProjectionLagError(position, this.projections.position);
  }
}
