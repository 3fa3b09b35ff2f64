/**
 * The login user as PostgreSQL's current_user. The embedded engine has one superuser; each
 * statement creates a role named for the client's user inside its own transaction (rolled back
 * with it), with read access to every table (pg_read_all_data), and runs as that role. So
 * `current_user` and `pg_has_role` answer for the user who logged in, and a statement cannot use
 * what only a superuser may (reading server files, changing the catalog).
 */
import { quoteIdent } from './engine/catalogDdl';

/** SQL that makes `user` the current role, for an engine transaction; '' for the engine's own user. */
export function sessionRole(user: string | undefined): string {
  // pg_* names are reserved for PostgreSQL's own roles.
  if (!user || user === 'postgres' || /^pg_/i.test(user)) return '';
  const role = quoteIdent(user);
  return `CREATE ROLE ${role} IN ROLE pg_read_all_data; SET LOCAL ROLE ${role}`;
}
