import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NAME_RULE } from '../auth/me.dto.js';

export class StaffFields {
  @ApiProperty({ example: 'Sam Lee' })
  @IsString()
  @Matches(NAME_RULE, { message: 'Name may contain only letters, spaces, hyphens and apostrophes' })
  @MinLength(2, { message: 'Name must have at least 2 letters' })
  @MaxLength(200, { message: 'Name must be at most 200 characters' })
  name: string;

  @ApiProperty({ example: 'sam@acme-cpa.com' })
  @IsEmail({}, { message: 'E-mail must be a valid address, such as sam@example.com' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: ['admin', 'staff'] })
  @IsIn(['admin', 'staff'], { message: 'Role must be admin or staff' })
  role: 'admin' | 'staff';

  @ApiPropertyOptional({ enum: ['all', 'assigned'], default: 'all', description: 'all: every engagement not restricted; assigned: only engagements that list this member' })
  @IsOptional()
  @IsIn(['all', 'assigned'], { message: 'Engagement access must be all or assigned' })
  engagementAccess?: 'all' | 'assigned';
}

export class UpdateStaffDto {
  @ApiPropertyOptional() @IsOptional() @IsString()
  @Matches(NAME_RULE, { message: 'Name may contain only letters, spaces, hyphens and apostrophes' })
  @MinLength(2, { message: 'Name must have at least 2 letters' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional() @IsOptional()
  @IsEmail({}, { message: 'E-mail must be a valid address, such as sam@example.com' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ enum: ['admin', 'staff'] }) @IsOptional()
  @IsIn(['admin', 'staff'], { message: 'Role must be admin or staff' })
  role?: 'admin' | 'staff';

  @ApiPropertyOptional({ enum: ['all', 'assigned'] }) @IsOptional()
  @IsIn(['all', 'assigned'], { message: 'Engagement access must be all or assigned' })
  engagementAccess?: 'all' | 'assigned';

  @ApiPropertyOptional({ description: 'Portal access of this staff member' }) @IsOptional()
  @IsBoolean({ message: 'Enabled must be true or false' })
  enabled?: boolean;
}

export class StaffMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['admin', 'staff'] }) role: 'admin' | 'staff';
  @ApiProperty({ enum: ['all', 'assigned'] }) engagementAccess: 'all' | 'assigned';
  @ApiProperty() enabled: boolean;
  @ApiProperty({ enum: ['active', 'pending', 'disabled'], description: 'pending: has not set a password yet' }) status: 'active' | 'pending' | 'disabled';
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty({ type: String, nullable: true }) lastSignInAt: string | null;
  @ApiProperty() createdAt: string;
}
