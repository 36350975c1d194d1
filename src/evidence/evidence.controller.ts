/**
 * Evidence over HTTP: verify a file against the citations (`POST /evidence/verify`). Open to every
 * key: it tells which reports cite a file the caller already holds, which the reports' history
 * shows anyway.
 */
import { Controller, HttpCode, Post, Query as QueryParams, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadOnlyRoute } from '../auth/read-only-route.decorator';
import type { HttpRequest } from '../http/http-exchange';
import { RawBodyRoute } from '../http/json-body.guard';
import { ReadQueryDto } from '../http/read-query.dto';
import { Refuses } from '../http/route-refusals';
import { ReadModelFreshness } from '../infrastructure/read-model-freshness';
import { EVIDENCE_VERIFICATION_SCHEMA } from './evidence-verification.schema';
import { hashRequestBody, OCTET_STREAM } from './hash-request-body';
import { EVIDENCE_FILE_MAX_BYTES, FindEvidenceCitationsQuery, type EvidenceCitationView, type EvidenceVerification } from './verify-evidence';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('evidence')
export class EvidenceController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Post('verify')
  @ReadOnlyRoute()
  @RawBodyRoute()
  @HttpCode(200)
  @ApiOperation({ summary: `Which reports cite this file? Send its raw bytes (application/octet-stream, at most ${EVIDENCE_FILE_MAX_BYTES / 1024 / 1024} MB)` })
  @ApiConsumes(OCTET_STREAM)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ schema: EVIDENCE_VERIFICATION_SCHEMA })
  @Refuses({ reads: ['read-models'], codes: { 400: ['EMPTY_FILE'] } })
  async verify(@Req() req: HttpRequest, @QueryParams() query: ReadQueryDto): Promise<EvidenceVerification> {
    const digest = await hashRequestBody(req, EVIDENCE_FILE_MAX_BYTES);
    await this.freshness.waitFor(query.minPosition);
    const citedBy: EvidenceCitationView[] = await this.queryBus.execute(new FindEvidenceCitationsQuery(digest.sha256));
    return { ...digest, citedBy };
  }
}
