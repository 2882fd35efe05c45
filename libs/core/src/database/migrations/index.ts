import { Foundation1763880000000 } from './1763880000000-foundation.js';

/** Every migration, in order. One set for SQLite and MySQL/MariaDB. */
export const migrations = [Foundation1763880000000];
