/**
 * Customer writes (customers.v3.yml): POST and PUT batches of up to 10 customers, DELETE by
 * `id:in`; addresses POST/PUT in batches and DELETE by `id:in`. These endpoints document no 207:
 * a batch is saved whole or not at all, and a refused one answers 422 naming each row at fault
 * (`<index>.<field>`). A password sent on create is accepted and never served back.
 */
import { buildCustomer, customerAddresses, MAX_ADDRESSES } from '../api/records/customers';
import type { ApiRecord } from '../api/records/context';
import type { RouteCall } from '../api/route';
import { editClock } from '../edits';
import { isoDate } from '../seed';
import type { SimStore } from '../store';
import type { ApiReply } from '../types';
import { blankLike, idsParam, knownFields, rows } from './newRecord';
import { v3Fail } from './replies';
import { reindex, takenBy } from './uniqueIndex';

export const CUSTOMER_BATCH = 10;
const READ_ONLY = [
  'registration_ip_address',
  'date_created',
  'date_modified',
  'origin_channel_id',
  'address_count',
  'attribute_count',
  'authentication',
];

const ok = (data: ApiRecord[]): ApiReply => ({ status: 200, body: { data, meta: {} } });

function refused(errors: Record<string, string>, what: string): ApiReply {
  return v3Fail(422, `${what} failed; nothing was saved.`, errors);
}

/** Emails must be unique in the store and within the batch. */
function emailErrors(store: SimStore, batch: ApiRecord[], updating: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  batch.forEach((row, i) => {
    if (updating && !store.has('customers', row.id as number)) {
      errors[`${i}.id`] = `Customer ${String(row.id)} was not found.`;
    }
    if (typeof row.email !== 'string') return;
    const email = row.email.toLowerCase();
    const owner = takenBy(store, 'customers', 'email', email, updating ? (row.id as number) : undefined);
    if (owner !== undefined)
      errors[`${i}.email`] = `The email ${row.email} is already in use by customer ${owner}.`;
    else if (seen.has(email))
      errors[`${i}.email`] = `The email ${row.email} is also in row ${seen.get(email)}.`;
    seen.set(email, i);
  });
  return errors;
}

function addressShape(store: SimStore): ApiRecord {
  for (let cid = 1; cid <= 100; cid++) {
    const found = customerAddresses(store.context, cid)[0];
    if (found) return blankLike(found);
  }
  throw new Error('no seeded address to shape a new one on');
}

function addAddress(store: SimStore, cid: number, body: ApiRecord): ApiRecord {
  const shape = addressShape(store);
  const made = store.overlay.addChild('addresses', cid, (id) => ({
    ...shape,
    address_type: 'residential',
    ...knownFields(body, shape, ['customer_id']),
    id,
    customer_id: cid,
  }));
  store.overlay.write('customers', cid, { address_count: store.customerAddresses(cid).length });
  return made;
}

function createCustomer(store: SimStore, row: ApiRecord): ApiRecord {
  const shape = buildCustomer(store.context, 1);
  const now = isoDate(editClock());
  const auth = row.authentication as ApiRecord | undefined;
  const made = store.add('customers', (id) => ({
    ...blankLike(shape),
    channel_ids: [1],
    origin_channel_id: 1,
    ...knownFields(row, shape, READ_ONLY),
    id,
    date_created: now,
    date_modified: now,
    authentication: { force_password_reset: auth?.force_password_reset === true },
  }));
  const id = made.id as number;
  reindex(store, 'customers', 'email', id, undefined, row.email);
  for (const address of rows(row.addresses)) addAddress(store, id, address);
  return store.customer(id)!;
}

function updateCustomer(store: SimStore, row: ApiRecord): ApiRecord {
  const id = row.id as number;
  const before = store.customer(id)!;
  const fields = knownFields(row, before, READ_ONLY);
  store.overlay.write('customers', id, { ...fields, date_modified: isoDate(editClock()) });
  if (fields.email !== undefined) reindex(store, 'customers', 'email', id, before.email, fields.email);
  return store.customer(id)!;
}

export function postCustomers({ store, req }: RouteCall): ApiReply {
  const batch = rows(req.body);
  const errors = emailErrors(store, batch, false);
  if (Object.keys(errors).length > 0) return refused(errors, 'Create customers');
  return ok(batch.map((row) => createCustomer(store, row)));
}

export function putCustomers({ store, req }: RouteCall): ApiReply {
  const batch = rows(req.body);
  const errors = emailErrors(store, batch, true);
  if (Object.keys(errors).length > 0) return refused(errors, 'Update customers');
  return ok(batch.map((row) => updateCustomer(store, row)));
}

/** Without `id:in` nothing is deleted and the answer is still 204, as the spec says. */
export function deleteCustomers({ store, req }: RouteCall): ApiReply {
  for (const id of idsParam(req.query) ?? []) {
    const email = store.customer(id)?.email;
    if (store.remove('customers', id)) reindex(store, 'customers', 'email', id, email, undefined);
  }
  return { status: 204 };
}

/** The customer an address belongs to: created ones are looked up, seeded ids encode it. */
function addressParent(store: SimStore, aid: number): number | undefined {
  const cid = store.overlay.parentOf('addresses', aid) ?? Math.floor((aid - 1) / MAX_ADDRESSES) + 1;
  return store.has('customers', cid) && store.customerAddresses(cid).some((a) => a.id === aid)
    ? cid
    : undefined;
}

export function postAddresses({ store, req }: RouteCall): ApiReply {
  const batch = rows(req.body);
  const errors: Record<string, string> = {};
  batch.forEach((row, i) => {
    if (!store.has('customers', row.customer_id as number)) {
      errors[`${i}.customer_id`] = `Customer ${String(row.customer_id)} was not found.`;
    }
  });
  if (Object.keys(errors).length > 0) return refused(errors, 'Create addresses');
  return ok(batch.map((row) => addAddress(store, row.customer_id as number, row)));
}

export function putAddresses({ store, req }: RouteCall): ApiReply {
  const batch = rows(req.body);
  const parents = batch.map((row) => addressParent(store, row.id as number));
  const errors: Record<string, string> = {};
  parents.forEach((cid, i) => {
    if (cid === undefined) errors[`${i}.id`] = `Address ${String(batch[i].id)} was not found.`;
  });
  if (Object.keys(errors).length > 0) return refused(errors, 'Update addresses');
  const shape = addressShape(store);
  return ok(
    batch.map((row, i) => {
      const cid = parents[i]!;
      store.overlay.writeChild('addresses', cid, row.id as number, knownFields(row, shape, ['customer_id']));
      return store.customerAddresses(cid).find((a) => a.id === row.id)!;
    }),
  );
}

export function deleteAddresses({ store, req }: RouteCall): ApiReply {
  for (const id of idsParam(req.query) ?? []) {
    const cid = addressParent(store, id);
    if (cid === undefined) continue;
    store.overlay.deleteChild('addresses', cid, id);
    store.overlay.write('customers', cid, { address_count: store.customerAddresses(cid).length });
  }
  return { status: 204 };
}
