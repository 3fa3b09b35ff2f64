/**
 * One session's run-time parameters (SET/RESET/SHOW). The embedded catalog engine is shared, so
 * settings live here, per session, and SHOW answers from them. The parameters PostgreSQL reports
 * with ParameterStatus are reported again when they change, as clients (JDBC, libpq) rely on.
 */
import { SqlError } from '../errors';

const REPORTED = [
  'application_name',
  'client_encoding',
  'DateStyle',
  'default_transaction_read_only',
  'in_hot_standby',
  'integer_datetimes',
  'IntervalStyle',
  'is_superuser',
  'scram_iterations',
  'server_encoding',
  'server_version',
  'session_authorization',
  'standard_conforming_strings',
  'TimeZone',
];
const CANONICAL = new Map(REPORTED.map((n) => [n.toLowerCase(), n]));
/** Settings a client may not change here: the endpoint stays read-only and its formats fixed. */
const FIXED = new Set([
  'default_transaction_read_only',
  'transaction_read_only',
  'in_hot_standby',
  'integer_datetimes',
  'is_superuser',
  'server_encoding',
  'server_version',
  'session_authorization',
  'standard_conforming_strings',
  'scram_iterations',
]);

export class SessionSettings {
  readonly #defaults = new Map<string, string>();
  readonly #values = new Map<string, string>();

  /** `defaults`: parameter name → value for the reported parameters. */
  constructor(defaults: Iterable<[string, string]>) {
    for (const [name, value] of defaults) this.#defaults.set(canonical(name), value);
  }

  /** Every reported parameter and its value, for the startup sequence. */
  reported(): Array<[string, string]> {
    return REPORTED.filter((n) => this.get(n) !== undefined).map((n) => [n, this.get(n)!]);
  }

  get(name: string): string | undefined {
    const key = canonical(name);
    return this.#values.get(key) ?? this.#defaults.get(key);
  }

  /** True when SET on this name is accepted but has no effect here. */
  static isFixed(name: string): boolean {
    return FIXED.has(name.toLowerCase());
  }

  /**
   * Stores a value the engine has already validated and normalised. Returns the ParameterStatus
   * to send (name, value) when the parameter is a reported one. Refuses formats the endpoint
   * does not produce.
   */
  set(name: string, value: string): [string, string] | null {
    const key = canonical(name);
    if (key === 'DateStyle' && !/^ISO\b/i.test(value)) {
      throw notSupported(
        `DateStyle "${value}": this endpoint writes dates in ISO format only (SET DateStyle = ISO)`,
      );
    }
    if (key === 'client_encoding' && !/^(UTF8|SQL_ASCII)$/i.test(value)) {
      throw notSupported(`client_encoding "${value}": this endpoint speaks UTF8 only`);
    }
    this.#values.set(key, value);
    return CANONICAL.has(key.toLowerCase()) ? [key, value] : null;
  }

  /** RESET name, or RESET ALL (name null); returns the ParameterStatus messages to send. */
  reset(name: string | null): Array<[string, string]> {
    const keys = name === null ? [...this.#values.keys()] : [canonical(name)];
    const report: Array<[string, string]> = [];
    for (const key of keys) {
      if (!this.#values.delete(key)) continue;
      const back = this.#defaults.get(key);
      if (CANONICAL.has(key.toLowerCase()) && back !== undefined) report.push([key, back]);
    }
    return report;
  }

  /** Values a client chose at startup become its defaults, so RESET returns to them. */
  setDefault(name: string, value: string): void {
    this.#defaults.set(canonical(name), value);
  }
}

function canonical(name: string): string {
  return CANONICAL.get(name.toLowerCase()) ?? name.toLowerCase();
}

function notSupported(what: string): SqlError {
  return new SqlError('ERR_NOT_SUPPORTED', `${what}`, { sqlState: '0A000' });
}
