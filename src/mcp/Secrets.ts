/**
 * The secrets an MCP client must never see: the connection's (client secret, tokens) and any token
 * a procedure hands back while the server runs. Text leaving the server passes through redact();
 * result cells pass through maskCell().
 */
import { redactSecrets } from '../log';
import { isSecretProperty, SECRET_MASK } from '../options/properties';

export class Secrets {
  readonly #values = new Set<string>();

  constructor(values: Iterable<string | undefined> = []) {
    for (const v of values) this.add(v);
  }

  add(value: unknown): void {
    // Very short values would mask ordinary text; real tokens and secrets are long.
    if (typeof value === 'string' && value.length >= 6 && value !== SECRET_MASK) this.#values.add(value);
  }

  redact(text: string): string {
    return redactSecrets(text, this.#values);
  }

  /**
   * A result cell: masked whole in a column named like a secret property (OAuthAccessToken …),
   * redacted elsewhere. The provider already masks procedures' secret columns (maskSecrets); this
   * also covers a known secret that reaches a result some other way.
   */
  maskCell(column: string, value: unknown): unknown {
    if (value === null || value === undefined || value === '') return value;
    if (isSecretProperty(column)) {
      // A token a procedure hands back is a secret from now on, wherever else it might show up.
      this.add(value);
      return SECRET_MASK;
    }
    return typeof value === 'string' ? this.redact(value) : value;
  }
}
