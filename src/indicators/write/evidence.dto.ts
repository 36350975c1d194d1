/**
 * Evidence in request bodies: `evidence: [{ title, documentRef, issuedOn, url?, sha256? }]` on a
 * report, a correction or a query answer. The shape is checked here (400 with the field list); the
 * rules that need the moment of the command (a document cannot be cited before it is issued) are
 * the decider's (422).
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MAX_EVIDENCE_ITEMS, SHA256_PATTERN } from '../../domain/indicator/evidence';

export class EvidenceDto {
  @ApiProperty({ description: 'What the document is (trích yếu).', example: 'Báo cáo kết quả giải quyết việc làm quý II năm 2021' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ description: 'Số hiệu văn bản.', example: '112/BC-LĐTBXH' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  documentRef!: string;

  @ApiProperty({ description: 'Ngày ban hành, YYYY-MM-DD; not after the day it is cited.', example: '2021-07-05' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'issuedOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'issuedOn must be a real calendar date' })
  issuedOn!: string;

  @ApiPropertyOptional({ description: 'Where a copy can be read (http or https).', example: 'https://vanban.halong.gov.vn/112-BC-LDTBXH.pdf' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  url?: string;

  @ApiPropertyOptional({ description: "SHA-256 of the cited file's bytes, 64 hex digits: POST /evidence/verify finds the reports citing it.", example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @IsOptional()
  @IsString()
  @Matches(SHA256_PATTERN, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256?: string;
}

export const EvidenceListField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [EvidenceDto], maxItems: MAX_EVIDENCE_ITEMS, description: `Documents cited for the figure (tài liệu kiểm chứng), at most ${MAX_EVIDENCE_ITEMS}.` }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_EVIDENCE_ITEMS),
    ValidateNested({ each: true }),
    Type(() => EvidenceDto),
  );
