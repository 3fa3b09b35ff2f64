import { readErrorBody, errorForStatus, badResponseError } from '../../src/rest/apiErrors';
import { extractRecords } from '../../src/rest/extractRecords';

const same = (t: string) => t;
const req = { method: 'GET', path: '/v3/catalog/products' };

describe('readErrorBody', () => {
  it('reads the title and field errors of a v3 body', () => {
    expect(
      readErrorBody(
        {
          status: 422,
          title: 'Invalid input',
          type: 't',
          errors: { sku: 'taken', price: ['too low', 'not a number'] },
        },
        '',
      ),
    ).toEqual({ title: 'Invalid input', details: ['sku: taken', 'price: too low, not a number'] });
  });

  it('joins the messages of a v2 error array', () => {
    expect(
      readErrorBody(
        [
          { status: 400, message: 'A' },
          { status: 400, message: 'B' },
        ],
        '',
      ),
    ).toEqual({
      title: 'A; B',
      details: [],
    });
  });

  it('describes an HTML page instead of quoting it', () => {
    expect(readErrorBody(undefined, '<html><body>Bad gateway</body></html>').title).toBe(
      'an HTML error page (probably from a proxy)',
    );
  });
});

describe('errorForStatus', () => {
  it('says the scope is unknown but needed when a 403 comes with no scope on the request', () => {
    const err = errorForStatus(req, 403, { title: 'Forbidden' }, '', same);
    expect(err.message).toContain('the access token lacks a scope this request needs');
  });

  it('passes server text through the scrubber', () => {
    const err = errorForStatus(req, 500, { title: 'token abc-secret leaked' }, '', (t) =>
      t.replace('abc-secret', '[REDACTED]'),
    );
    expect(err.message).toBe(
      'GET /v3/catalog/products failed with 500 Internal Server Error: token [REDACTED] leaked',
    );
    expect(err).toMatchObject({ code: 'ERR_API', title: 'token [REDACTED] leaked' });
  });
});

describe('badResponseError', () => {
  it('names an HTML page from a proxy', () => {
    expect(badResponseError(req, 200, '<!DOCTYPE html>', false).message).toContain(
      'the response from GET /v3/catalog/products was not JSON: it looks like an HTML error page from a proxy',
    );
  });
});

describe('extractRecords', () => {
  it('takes the records property, bare arrays and single objects', () => {
    expect(extractRecords({ data: [{ id: 1 }] }, 'data', req)).toEqual([{ id: 1 }]);
    expect(extractRecords([{ id: 2 }], undefined, req)).toEqual([{ id: 2 }]);
    expect(extractRecords({ id: 3 }, undefined, req)).toEqual([{ id: 3 }]);
    expect(extractRecords(undefined, undefined, req)).toEqual([]);
  });

  it('rejects a v3 body without its records property as ERR_API_BAD_RESPONSE', () => {
    expect(() => extractRecords({ meta: {} }, 'data', req)).toThrow(
      expect.objectContaining({ code: 'ERR_API_BAD_RESPONSE' }),
    );
  });
});
