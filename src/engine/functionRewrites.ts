/**
 * Rewrites of SQL functions whose SQLite meaning differs from what users mean (see
 * typeComparisons.ts, which applies them): CAST(x AS DATE/DATETIME/TIMESTAMP) reads x as a date,
 * and SUM/AVG/TOTAL of a decimal column sum exactly (decimalAggregates.ts).
 */
import type { Edit } from '../sql/edits';
import { isOp, isWord, type Token } from '../sql/lexer';
import { matchingClose } from './comparisonSites';
import type { ColumnTypeOf } from './typeComparisons';

const DATE_TYPES: Record<string, 'bcsql_date' | 'bcsql_datetime'> = {
  DATE: 'bcsql_date',
  DATETIME: 'bcsql_datetime',
  DATETIME2: 'bcsql_datetime',
  SMALLDATETIME: 'bcsql_datetime',
  DATETIMEOFFSET: 'bcsql_datetime',
  TIMESTAMP: 'bcsql_datetime',
};

const DECIMAL_AGGREGATES: Record<string, string> = {
  SUM: 'bcsql_decimal_sum',
  AVG: 'bcsql_decimal_avg',
  TOTAL: 'bcsql_decimal_total',
};

/** SUM/AVG/TOTAL of a decimal column sum exactly (see decimalAggregates.ts). */
export function decimalAggregateEdits(toks: Token[], columnType: ColumnTypeOf): Edit[] {
  const edits: Edit[] = [];
  for (let k = 0; k < toks.length; k++) {
    const fn = toks[k].kind === 'ident' ? DECIMAL_AGGREGATES[toks[k].text.toUpperCase()] : undefined;
    if (!fn || !isOp(toks[k + 1], '(') || isOp(toks[k - 1], '.')) continue;
    const close = matchingClose(toks, k + 1);
    const n = close - k - 2;
    const ref =
      n === 1
        ? { qualifier: null, name: String(toks[k + 2].value), ok: isColumnToken(toks[k + 2]) }
        : { qualifier: String(toks[k + 2]?.value), name: String(toks[k + 4]?.value), ok: n === 3 && isOp(toks[k + 3], '.') }; // prettier-ignore
    if (ref.ok && columnType(ref) === 'decimal')
      edits.push({ start: toks[k].start, end: toks[k].end, text: fn });
  }
  return edits;
}

function isColumnToken(t: Token): boolean {
  return t.kind === 'quoted' || (t.kind === 'ident' && !isWord(t, 'DISTINCT', 'ALL'));
}

/** CAST(x AS DATE) reads x as a date ('YYYY-MM-DD'); AS DATETIME/TIMESTAMP as a staged date-time. */
export function castEdits(toks: Token[]): Edit[] {
  const edits: Edit[] = [];
  for (let k = 0; k < toks.length; k++) {
    if (!isWord(toks[k], 'CAST') || !isOp(toks[k + 1], '(')) continue;
    const close = matchingClose(toks, k + 1);
    let as = -1;
    for (let depth = 0, j = k + 2; j < close; j++) {
      if (isOp(toks[j], '(')) depth++;
      else if (isOp(toks[j], ')')) depth--;
      else if (depth === 0 && isWord(toks[j], 'AS')) as = j;
    }
    const fn = as > 0 ? DATE_TYPES[String(toks[as + 1]?.text).toUpperCase()] : undefined;
    if (!fn || close !== as + 2) continue;
    edits.push({ start: toks[k].start, end: toks[k].end, text: fn });
    edits.push({ start: toks[as - 1].end, end: toks[close].start, text: '' });
  }
  return edits;
}
