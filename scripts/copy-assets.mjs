// tsc compiles TypeScript only; copy the files the server reads at run time.
import { cpSync } from 'node:fs';
cpSync('libs/core/src/mail/templates', 'dist/libs/core/src/mail/templates', { recursive: true });
