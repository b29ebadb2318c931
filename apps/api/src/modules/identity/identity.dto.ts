import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsTimeZone, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ROLES, type Role } from '@sitedesk/domain';
import { PageQuery } from '../../platform/http/paging.js';

export class RoleGrantDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null: every site of the organization (admin only)' })
  @IsOptional()
  @IsUUID()
  siteId?: string | null;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class RoleAssignmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) siteId: string | null;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() createdAt: Date;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'consultant@demo.sitedesk' }) login: string;
  @ApiProperty({ example: '李顾问' }) displayName: string;
  @ApiProperty({ example: 'zh-CN' }) locale: string;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty({ type: [RoleAssignmentDto] }) roles: RoleAssignmentDto[];
  @ApiProperty() createdAt: Date;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only users with a role on this site' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ description: 'Search in login and name', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'new.consultant@demo.sitedesk', maxLength: 200 })
  @IsEmail({}, { message: 'login must be an e-mail address' })
  @MaxLength(200)
  login: string;

  @ApiProperty({ example: '张顾问', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], default: 'zh-CN' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';

  @ApiPropertyOptional({ format: 'uuid', description: 'For partner agents: their agency' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiProperty({ type: [RoleGrantDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles: RoleGrantDto[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ description: 'false disables sign-in and every API key of the user' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class RevokeDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'demo-sales' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['sales_office', 'service_centre'] }) kind: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
}

export class AgencyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'North Channel' }) name: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ format: 'uuid', description: 'The partner user the key acts as' })
  @IsUUID()
  userId: string;

  @ApiProperty({ example: 'North Channel CRM', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'sdk_AbCdEfGhIjKl', description: 'The visible start of the key' }) prefix: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown once: store it now.', example: 'sdk_AbCdEfGhIjKl_…' }) key: string;
}

export class CreateSiteDto {
  @ApiProperty({ example: 'riverside-sales', description: 'Unique; 2–40 lower-case letters, digits and -' })
  @Matches(/^[a-z0-9-]{2,40}$/)
  code: string;

  @ApiProperty({ example: '滨江售楼处', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ['sales_office', 'service_centre'] })
  @IsIn(['sales_office', 'service_centre'])
  kind: 'sales_office' | 'service_centre';

  @ApiPropertyOptional({ example: 'Asia/Shanghai', default: 'Asia/Shanghai', description: 'IANA time zone; rules are evaluated in it (GEN-4)' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateSiteDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class CreateAgencyDto {
  @ApiProperty({ example: 'East Channel', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}
