/**
 * Gift certificates (marketing.v2.yml) and accepted payment methods (methods_payments.v2.yml).
 * Certificates are the ones bought in orders that have an email consignment (every 11th order,
 * see orderExtras.ts) plus a few the merchant issued; v2 money is a four-place decimal string and
 * the dates are Unix seconds as strings, as the spec's examples show.
 */
import { money4, Rng, toSecond } from '../../seed';
import type { ApiRecord, SeedContext } from './context';
import { orderModel } from './orders';

const YEAR = 365 * 86_400_000;
const TEMPLATES = ['birthday.html', 'celebration.html', 'christmas.html', 'general.html'] as const;
const unix = (ms: number) => String(Math.floor(toSecond(ms) / 1000));

export function buildGiftCertificates(ctx: SeedContext): ApiRecord[] {
  const out: ApiRecord[] = [];
  const add = (orderId: number, customerId: number, from: [string, string], to: string, created: number) => {
    const id = out.length + 1;
    const rng = Rng.for(ctx.seed, 103, id);
    const amountCents = rng.pick([2500, 5000, 10000, 15000]);
    const spent = rng.chance(0.4) ? rng.int(0, amountCents) : 0;
    const expires = created + YEAR;
    out.push({
      id,
      code: `GC-${rng.hex(4).toUpperCase()}-${rng.hex(4).toUpperCase()}`,
      amount: money4(amountCents),
      balance: money4(amountCents - spent),
      status: expires < Date.UTC(2026, 0, 31) ? 'expired' : spent === amountCents ? 'disabled' : 'active',
      currency_code: 'USD',
      to_name: to.split('@')[0],
      to_email: to,
      from_name: from[0],
      from_email: from[1],
      customer_id: customerId,
      order_id: orderId,
      purchase_date: unix(created),
      expiry_date: unix(expires),
      template: rng.pick(TEMPLATES),
      message: rng.pick(['Happy birthday!', 'Enjoy!', 'Congratulations.', '']),
    });
  };
  for (let oid = 5; oid <= ctx.orders; oid += 11) {
    const o = orderModel(ctx, oid);
    const b = o.billing;
    add(oid, o.customerId, [`${b.first_name} ${b.last_name}`, b.email], `gift${oid}@example.com`, o.created);
  }
  const issued = Date.UTC(2025, 10, 28, 9, 0, 0);
  for (const to of ['winner@example.com', 'press@example.com', 'vip@example.com']) {
    add(0, 0, ['Store owner', 'owner@example.com'], to, issued);
  }
  return out;
}

export function buildPaymentMethods(): ApiRecord[] {
  return [
    { code: 'braintree.card', name: 'Braintree (Credit Card)', test_mode: false },
    { code: 'braintree.paypal', name: 'PayPal powered by Braintree', test_mode: false },
    { code: 'braintree.applepay', name: 'Apple Pay', test_mode: false },
    { code: 'cod', name: 'Cash on Delivery', test_mode: false },
    { code: 'testgateway', name: 'Test Payment Gateway', test_mode: true },
  ];
}
