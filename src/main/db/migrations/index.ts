import { migration0001 } from './0001-foundation';
import { migration0002 } from './0002-model-inputs';
import { migration0003 } from './0003-imports';
import { migration0004 } from './0004-snapshots';
import { migration0005 } from './0005-organisation-shares';
import { migration0006 } from './0006-input-ranges';
import { migration0007 } from './0007-edit-indexes';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Versions are 1..N without gaps (a test checks). */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];
export const LATEST_VERSION = MIGRATIONS.length;
