/**
 * JSON lines: one object per row, keys in column order, values with their JSON types.
 *
 * An object cannot hold two values under one key, so when columns share a name (SELECT p.Id, v.Id
 * …) the first keeps it and later ones get a suffix: Id, Id_2, Id_3 (skipping a suffix that is
 * already another column's name). Table and CSV output show the names as they are.
 */
import { toJson, type ValueRow } from './cellText';

/** Column names made unique for JSON keys: a repeated name gets _2, _3, … */
export function jsonKeys(names: readonly string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let n = 2;
    while (taken.has(`${name}_${n}`) || seen.has(`${name}_${n}`)) n++;
    const key = `${name}_${n}`;
    seen.add(key);
    return key;
  });
}

export function renderJsonRows(names: readonly string[], rows: readonly ValueRow[]): string {
  const keys = jsonKeys(names);
  return rows
    .map((row) => {
      const obj: Record<string, unknown> = {};
      keys.forEach((key, i) => (obj[key] = row[i] === undefined ? null : row[i]));
      return `${toJson(obj)}\n`;
    })
    .join('');
}
