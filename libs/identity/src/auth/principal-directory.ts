import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@portico/core';
import { Contact, Credential, StaffUser, type PrincipalKind, type StaffRole } from '../entities/index.js';

export interface PersonSummary {
  kind: PrincipalKind;
  subjectId: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  role: StaffRole | null;
}

/** Names and addresses of the people behind credentials (staff members or contacts). */
@Injectable()
export class PrincipalDirectory {
  async describe(ctx: RequestContext, credential: Credential): Promise<PersonSummary> {
    if (credential.kind === 'staff') {
      const s = await ctx.manager.getRepository(StaffUser).findOneOrFail({ where: { id: credential.subjectId } });
      const [firstName, ...rest] = s.name.split(' ');
      return { kind: 'staff', subjectId: s.id, name: s.name, firstName, lastName: rest.join(' '), email: credential.loginEmail, role: s.role };
    }
    const c = await ctx.manager.getRepository(Contact).findOneOrFail({ where: { id: credential.subjectId } });
    return {
      kind: 'client', subjectId: c.id, name: `${c.firstName} ${c.lastName}`.trim(), firstName: c.firstName, lastName: c.lastName,
      email: credential.loginEmail, role: null,
    };
  }

  /** Words a password must not contain: the e-mail's local part and the names. */
  passwordContext(p: PersonSummary): string[] {
    return [p.email.split('@')[0], p.firstName, p.lastName].filter((w) => w && w.length >= 4);
  }
}
