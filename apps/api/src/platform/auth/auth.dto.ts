import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@sitedesk/domain';

export class LoginDto {
  @ApiProperty({ example: 'manager@demo.sitedesk', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  login: string;

  @ApiProperty({ example: 'sitedesk-demo', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from login or the previous refresh', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …`' }) accessToken: string;
  @ApiProperty({ description: 'Single-use; exchange it at /auth/refresh' }) refreshToken: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
}

export class SiteRoleDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'demo-sales' }) code: string;
  @ApiProperty({ example: '演示售楼处' }) name: string;
  @ApiProperty({ enum: ['sales_office', 'service_centre'] }) kind: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'manager@demo.sitedesk' }) login: string;
  @ApiProperty({ example: '王经理' }) displayName: string;
  @ApiProperty({ example: 'zh-CN', enum: ['zh-CN', 'en'] }) locale: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ example: 'Demo Realty' }) organizationName: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'North Channel' }) agencyName: string | null;
  @ApiProperty({ type: [SiteRoleDto] }) sites: SiteRoleDto[];
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Roles held on every site of the organization' }) organizationRoles: Role[];
}

export class UpdateMeDto {
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}
