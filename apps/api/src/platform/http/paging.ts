import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number = 50;
}

export const paging = (q: PageQuery) => ({ skip: ((q.page ?? 1) - 1) * (q.pageSize ?? 50), take: q.pageSize ?? 50 });
export const page = <T>(items: T[], total: number, q: PageQuery) => ({ items, total, page: q.page ?? 1, pageSize: q.pageSize ?? 50 });

/** A query-string flag: `true`/`false` become booleans; anything else is left for `@IsBoolean()` to refuse. */
export const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
