import { ApiPropertyOptional } from '@nestjs/swagger';
import type { PanicRequest } from '@redtail/contracts';
import { IsBoolean, IsOptional } from 'class-validator';

export class PanicRequestDto implements PanicRequest {
  @ApiPropertyOptional({
    default: false,
    description: 'Refuse ingestion (503) until POST /logs/resume.',
  })
  @IsOptional()
  @IsBoolean()
  lockdown?: boolean;
}
