import { ApiProperty } from '@nestjs/swagger';

/** What every command answers: where the stream now is, and the global position to read your write. */
export class CommandResultDto {
  @ApiProperty({ type: 'integer', description: 'Revision of the stream the command wrote to (the indicator, or the unit), after it (0-based).', example: 3 })
  revision!: number;

  @ApiProperty({ type: 'integer', description: 'Global position of the write; pass as ?minPosition= to read it back.', example: 128 })
  position!: number;
}

export interface CommandResult {
  revision: number;
  position: number;
}
