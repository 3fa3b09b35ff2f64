/** What every tool handler works with: one connection shared by all sessions, and the server's rules. */
import type { Catalog } from '../catalog/types';
import type { Connection } from '../connection/Connection';
import type { Secrets } from './Secrets';

export interface McpSettings {
  /** Without it, INSERT/UPDATE/DELETE … are refused before they reach the provider. */
  readWrite: boolean;
  /** API requests one tool call may spend; a query estimated above it does not run. */
  budget: number;
}

export interface McpContext {
  conn: Connection;
  catalog: Catalog;
  settings: McpSettings;
  secrets: Secrets;
  /** One line on the server's log (stderr); already free of secrets when it gets here. */
  log(line: string): void;
}

export const DEFAULT_BUDGET = 500;
