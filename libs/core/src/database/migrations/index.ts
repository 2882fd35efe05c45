import { Foundation1763880000000 } from './1763880000000-foundation.js';
import { Identity1763960000000 } from './1763960000000-identity.js';
import { RateLimit1763970000000 } from './1763970000000-rate-limit.js';
import { Engagements1764000000000 } from './1764000000000-engagements.js';
import { Documents1764100000000 } from './1764100000000-documents.js';

/** Every migration, in order. One set for SQLite and MySQL/MariaDB. */
export const migrations = [Foundation1763880000000, Identity1763960000000, RateLimit1763970000000, Engagements1764000000000, Documents1764100000000];
