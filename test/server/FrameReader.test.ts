import fc from 'fast-check';
import { FrameReader } from '../../src/server/protocol/FrameReader';

function msg(type: string, body: string): Buffer {
  const b = Buffer.from(body);
  const out = Buffer.alloc(5 + b.length);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + b.length, 1);
  b.copy(out, 5);
  return out;
}

function startup(): Buffer {
  const body = Buffer.concat([Buffer.from([0, 3, 0, 0]), Buffer.from('user\0u\0\0')]);
  const len = Buffer.alloc(4);
  len.writeInt32BE(body.length + 4);
  return Buffer.concat([len, body]);
}

describe('FrameReader', () => {
  it('cuts a stream into the same messages however it is chunked', () => {
    const stream = Buffer.concat([
      startup(),
      msg('Q', 'SELECT 1\0'),
      msg('S', ''),
      msg('P', 'x'.repeat(300)),
    ]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 20 }), (cuts) => {
        const r = new FrameReader(1024);
        const frames: Array<string | null> = [];
        let at = 0;
        for (const end of [...cuts.sort((a, b) => a - b), stream.length]) {
          r.push(stream.subarray(at, Math.max(at, end)));
          at = Math.max(at, end);
          for (let f = r.next(); f; f = r.next()) {
            frames.push(f.type === null ? `startup:${f.body.length}` : `${f.type}:${f.body.length}`);
            if (f.type === null) r.startupDone();
          }
        }
        expect(frames).toEqual(['startup:12', 'Q:9', 'S:0', 'P:300']);
        expect(r.buffered).toBe(0);
      }),
    );
  });

  it('refuses lengths no client would send, before buffering the body', () => {
    const r = new FrameReader(1024);
    r.push(Buffer.from([0, 0, 0, 3]));
    expect(() => r.next()).toThrow(
      expect.objectContaining({ sqlState: '08P01', message: 'invalid startup packet length 3' }),
    );
    const big = new FrameReader(1024);
    big.startupDone();
    big.push(Buffer.from([0x51, 0, 0, 0x10, 0]));
    expect(() => big.next()).toThrow(/invalid message length 4096 for message type "Q" \(limit 1024 bytes\)/);
  });
});
