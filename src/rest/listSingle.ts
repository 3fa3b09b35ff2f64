/** Endpoints without paging ('none'): one GET, and the whole body is the record (or records). */
import { extractRecords } from './extractRecords';
import type { PageScan } from './PageScan';

export async function listSingle(scan: PageScan, signal?: AbortSignal): Promise<void> {
  const { spec } = scan;
  const res = await scan.get(spec.path, { ...spec.query }, signal, true);
  if (res.status === 404) return;
  const records = extractRecords(res.json, spec.records, { method: 'GET', path: spec.path });
  scan.plan(1, records.length);
  scan.add(1, records);
}
