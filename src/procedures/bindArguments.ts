/**
 * Turns the arguments of an EXEC statement into an object keyed by the procedure's canonical
 * parameter names: named arguments match by src/sql/parameters' rule, positional ones take the
 * schema's property order, and `?` / `@name` placeholders are filled from the query's params.
 */
import type { ProcedureDef } from '../catalog/types';
import { didYouMean, SqlError } from '../errors';
import { findName, lookupNamed } from '../sql/parameters';
import type { Operand, ProcArg } from '../sql/types';
import type { QueryParams } from '../types';

export function bindArguments(
  def: ProcedureDef,
  args: ProcArg[],
  params?: QueryParams,
): Record<string, unknown> {
  const names = Object.keys(def.parameters.properties);
  const bound: Record<string, unknown> = {};
  let positional = 0;
  for (const arg of args) {
    let name: string;
    if (arg.name === null) {
      if (positional >= names.length) {
        throw new SqlError(
          'ERR_UNKNOWN_PARAMETER',
          `${def.name} takes at most ${names.length} parameter${names.length === 1 ? '' : 's'} ` +
            `(${names.join(', ')}), but argument ${positional + 1} was given; remove it or name the parameters`,
          { position: arg.position },
        );
      }
      name = names[positional++];
    } else {
      const written = arg.name.replace(/^@/, '');
      const found = findName(names, written, `${def.name}'s parameters`);
      if (!found) {
        throw new SqlError(
          'ERR_UNKNOWN_PARAMETER',
          `${def.name} has no parameter "${written}"${didYouMean(written, names) || '.'} ` +
            `Its parameters are: ${names.join(', ') || '(none)'}.`,
          { property: written, position: arg.position },
        );
      }
      name = found;
    }
    if (Object.prototype.hasOwnProperty.call(bound, name)) {
      throw new SqlError(
        'ERR_DUPLICATE_PARAMETER',
        `${def.name} was given parameter ${name} more than once; pass each parameter once`,
        { property: name, position: arg.position },
      );
    }
    bound[name] = resolveOperand(arg.value, name, arg.position, params);
  }
  return bound;
}

function resolveOperand(op: Operand, parameter: string, position: number, params?: QueryParams): unknown {
  if (op.kind === 'literal') return op.value;
  if (op.kind === 'param') {
    if (!Array.isArray(params) || op.index >= params.length) {
      const given = Array.isArray(params)
        ? `${params.length} value${params.length === 1 ? '' : 's'}`
        : 'no array';
      throw new SqlError(
        'ERR_MISSING_PARAMETER',
        `Placeholder ? number ${op.index + 1} (for ${parameter}) has no value: the query params have ${given}; ` +
          'pass an array with one value per ?',
        { property: parameter, position, placeholder: '?' },
      );
    }
    return params[op.index];
  }
  const hit = lookupNamed(params, op.name);
  if (!hit.found) {
    throw new SqlError(
      'ERR_MISSING_PARAMETER',
      `Placeholder @${op.name} (for ${parameter}) has no value; pass an object such as { ${op.name}: … } as the query params`,
      { property: parameter, position, placeholder: `@${op.name}` },
    );
  }
  return hit.value;
}
