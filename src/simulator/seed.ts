/**
 * Deterministic randomness and vocabulary for the simulator's seed data.
 *
 * Every record is generated from its own small PRNG stream, seeded from (store seed, kind, id).
 * So any record can be built on demand, in any order, without generating the ones before it:
 * a 100,000-product store costs nothing until a page is asked for, and the same seed always
 * yields the same record.
 */

/** mulberry32: tiny, fast, and good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit mix of a few integers (murmur3 finaliser), so nearby ids get unrelated streams. */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Salts that separate the streams of different record kinds built from the same id. */
export const KIND = {
  productBasics: 1,
  product: 2,
  productChildren: 3,
  customer: 4,
  order: 5,
  orderItems: 6,
  catalog: 7,
  orderStatus: 8,
} as const;

/** A random source with the helpers the generators need. */
export class Rng {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  static for(storeSeed: number, kind: number, id: number): Rng {
    return new Rng(hash32(storeSeed, kind, id));
  }
  float(): number {
    return this.#next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)];
  }
  /** Picks by relative weight: weighted([['a', 3], ['b', 1]]) gives 'a' three times as often. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    // Index loops: this runs dozens of times per record, and destructuring iterators is slow.
    let total = 0;
    for (let i = 0; i < items.length; i++) total += items[i][1];
    let r = this.#next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= items[i][1];
      if (r < 0) return items[i][0];
    }
    return items[items.length - 1][0];
  }
  hex(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += Math.floor(this.#next() * 16).toString(16);
    return s;
  }
  uuid(): string {
    const h = this.hex(32);
    const variant = '89ab'[Math.floor(this.#next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Time. Seed data spans two years ending at a fixed instant, never the wall clock, so a seed
// gives the same dates on every machine and every day.

/** The simulated store's "now": every generated date is at or before it. */
export const STORE_NOW_MS = Date.UTC(2026, 0, 31, 12, 0, 0);
export const HISTORY_MS = 730 * 24 * 3600 * 1000;
export const STORE_OPENED_MS = STORE_NOW_MS - HISTORY_MS;

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** v3 style, as the catalog spec's examples: 2018-08-15T14:48:46+00:00 */
export function isoDate(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}+00:00`
  );
}

/** v2 style (RFC 2822), as the orders spec's examples: Wed, 10 Jan 2018 21:05:30 +0000 */
export function rfc2822(ms: number): string {
  const d = new Date(ms);
  return (
    `${DAY_NAMES[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

/** customers.v2 customer groups' example style: 2023-07-17 06:30:41 (UTC). */
export function sqlDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Whole seconds: BigCommerce dates carry no milliseconds, and equal seconds make real ties. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

// ---------------------------------------------------------------------------------------------
// Money. Amounts are integers of cents while computing, so totals add up exactly.

/** v2 money: a decimal string with four places, as the spec's examples ("336.3200"). */
export function money4(cents: number): string {
  // Integer formatting: toFixed() is slow, and this runs ~40 times per order.
  const c = Math.round(cents);
  const abs = Math.abs(c);
  return `${c < 0 ? '-' : ''}${Math.floor(abs / 100)}.${pad2(abs % 100)}00`;
}

/** v3 money: a number with at most two decimals. */
export function money(cents: number): number {
  return Math.round(cents) / 100;
}

export function slugify(s: string): string {
  // normalize() is slow; most names are plain ASCII and need no accent stripping.
  const ascii = /^[\x20-\x7e]*$/.test(s) ? s : s.normalize('NFKD');
  return ascii
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

export const ADJECTIVES = [
  'Classic',
  'Vintage',
  'Modern',
  'Rustic',
  'Deluxe',
  'Compact',
  'Ergonomic',
  'Organic',
  'Handmade',
  'Portable',
  'Premium',
  'Essential',
  'Lightweight',
  'Heavy-Duty',
  'Minimalist',
  'Cozy',
  'Sleek',
  'Waterproof',
  'Recycled',
  'Artisan',
  'Smart',
  'Wireless',
  'Bamboo',
  'Ceramic',
  'Copper',
  'Linen',
  'Merino',
  'Nordic',
  'Urban',
  'Coastal',
] as const;

export const MATERIALS = [
  'Oak',
  'Walnut',
  'Steel',
  'Leather',
  'Cotton',
  'Wool',
  'Glass',
  'Marble',
  'Canvas',
  'Denim',
  'Silk',
  'Cork',
  'Slate',
  'Brass',
  'Felt',
] as const;

export const NOUNS = [
  'Mug',
  'Lamp',
  'Backpack',
  'Notebook',
  'Chair',
  'Desk',
  'Blanket',
  'Teapot',
  'Candle',
  'Vase',
  'Wallet',
  'Scarf',
  'Bottle',
  'Planter',
  'Clock',
  'Cutting Board',
  'Headphones',
  'Speaker',
  'Jacket',
  'Sneakers',
  'Watch',
  'Sunglasses',
  'Tote Bag',
  'Pillow',
  'Rug',
  'Frame',
  'Kettle',
  'Skillet',
  'Bowl',
  'Journal',
  'Pen Set',
  'Umbrella',
  'Hat',
  'Gloves',
  'Apron',
  'Tray',
] as const;

export const BRAND_NAMES = [
  'Acme',
  'Northwind',
  'Contoso',
  'Globex',
  'Initech',
  'Umbrella Goods',
  'Stark & Sons',
  'Wayne Home',
  'Hooli',
  'Vandelay Industries',
  'Soylent',
  'Wonka',
  "O'Reilly Outfitters",
  'Müller GmbH',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
  'Black Mesa',
  'Monarch',
  'Massive Dynamic',
  'Oscorp',
  'Pied Piper',
  '100% Natural Co',
  'under_score Labs',
  'Zoë & Ñandú',
  'Blue Sun',
  'Gringotts',
  'Dunder Mifflin',
  'Prestige Worldwide',
  'Sterling Cooper',
] as const;

export const FIRST_NAMES = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Carlos',
  'Karen',
  'Aisha',
  'Wei',
  'Yuki',
  'Olga',
  'Zoë',
  'José',
  'Siobhán',
  'Mateo',
  'Priya',
  'Chloé',
  'Björn',
  'Fatima',
  'Liam',
  'Noah',
  'Emma',
  'Olivia',
  'Ava',
  'Sophia',
  'Lucas',
  'Mia',
] as const;

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  "O'Brien",
  "D'Angelo",
  'Núñez',
  'Müller',
  'Nguyen',
  'Kim',
  'Patel',
  'Chen',
  'Kowalski',
  'Ivanova',
  'Van der Berg',
  'Smith-Jones',
  'Okafor',
  'Haddad',
  'Rossi',
  'Dubois',
] as const;

export const COMPANIES = [
  'Acme Corp',
  'Bluth Company',
  'Globex',
  'Initech',
  'Soylent Corp',
  "Bob's Burgers",
  'Los Pollos Hermanos',
  'Kwik-E-Mart',
  'Paper Street Soap Co',
  'Duff Brewing',
  'Gekko & Co',
  'Cheers',
  'Nakatomi Trading',
  'Virtucon',
  '50% Solutions',
  'Big_Kahuna Burger',
] as const;

export interface Place {
  city: string;
  state: string;
  zip: string;
  country: string;
  iso2: string;
}

export const PLACES: readonly Place[] = [
  { city: 'Austin', state: 'Texas', zip: '78751', country: 'United States', iso2: 'US' },
  { city: 'New York', state: 'New York', zip: '10001', country: 'United States', iso2: 'US' },
  { city: 'San Francisco', state: 'California', zip: '94103', country: 'United States', iso2: 'US' },
  { city: 'Chicago', state: 'Illinois', zip: '60601', country: 'United States', iso2: 'US' },
  { city: 'Seattle', state: 'Washington', zip: '98101', country: 'United States', iso2: 'US' },
  { city: 'Miami', state: 'Florida', zip: '33101', country: 'United States', iso2: 'US' },
  { city: 'Denver', state: 'Colorado', zip: '80202', country: 'United States', iso2: 'US' },
  { city: 'Boston', state: 'Massachusetts', zip: '02108', country: 'United States', iso2: 'US' },
  { city: 'Toronto', state: 'Ontario', zip: 'M5H 2N2', country: 'Canada', iso2: 'CA' },
  { city: 'Montréal', state: 'Quebec', zip: 'H2Y 1C6', country: 'Canada', iso2: 'CA' },
  { city: 'London', state: 'England', zip: 'SW1A 1AA', country: 'United Kingdom', iso2: 'GB' },
  { city: 'Manchester', state: 'England', zip: 'M1 1AE', country: 'United Kingdom', iso2: 'GB' },
  { city: 'Berlin', state: 'Berlin', zip: '10115', country: 'Germany', iso2: 'DE' },
  { city: 'München', state: 'Bayern', zip: '80331', country: 'Germany', iso2: 'DE' },
  { city: 'Paris', state: 'Île-de-France', zip: '75001', country: 'France', iso2: 'FR' },
  { city: 'Sydney', state: 'New South Wales', zip: '2000', country: 'Australia', iso2: 'AU' },
];

export const STREETS = [
  'Main Street',
  'Oak Avenue',
  'Maple Drive',
  'Cedar Lane',
  'Elm Street',
  'Pine Road',
  'Lakeview Blvd',
  'Sunset Boulevard',
  'High Street',
  'King Street',
  'Queen Street',
  'Church Road',
  'Station Road',
  'Rue de Rivoli',
  'Hauptstraße',
] as const;

export const COLORS = ['Red', 'Blue', 'Green', 'Black', 'White', 'Navy', 'Sage', 'Mustard'] as const;
export const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const;
