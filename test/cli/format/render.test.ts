import { parse as parseCsv } from 'csv-parse/sync';
import { renderCsvHeader, renderCsvRows } from '../../../src/cli/format/renderCsv';
import { renderJsonRows } from '../../../src/cli/format/renderJson';
import { renderResult } from '../../../src/cli/format/renderResult';
import { fitWidths, renderTable } from '../../../src/cli/format/renderTable';

const columns = [
  { name: 'Id', dataType: 'integer' as const },
  { name: 'Name', dataType: 'string' as const },
  { name: 'Note', dataType: 'string' as const },
];

describe('renderTable', () => {
  it('aligns columns, right-aligns numbers and shows NULL for null', () => {
    const out = renderTable(
      columns,
      [
        [7, 'Mug', null],
        [1234, 'Teapot', 'x'],
      ],
      { color: false },
    );
    expect(out).toBe(
      [
        ' Id   | Name   | Note',
        '------+--------+------',
        '    7 | Mug    | NULL',
        ' 1234 | Teapot | x',
        '',
      ].join('\n'),
    );
  });

  it('shows NULL dim on a colour terminal and never an empty string that way', () => {
    const out = renderTable(columns, [[1, '', null]], { color: true });
    expect(out).toContain('\x1b[2mNULL\x1b[22m');
    expect(out.split('\n')[2]).toBe('  1 |      | \x1b[2mNULL\x1b[22m');
  });

  it('cuts long values with an ellipsis so every line fits the width, keeping narrow columns whole', () => {
    const rows = [
      [1, 'A'.repeat(80), 'B'.repeat(80)],
      [2, 'short', 'C'.repeat(10)],
    ];
    const out = renderTable(columns, rows, { maxWidth: 60, color: false });
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(60);
    expect(lines[2]).toMatch(/^ +1 \| A+… \| B+…$/);
    expect(lines[3]).toMatch(/^ +2 \| short +\| C{10}$/);
  });

  it('shows a single row that does not fit as one line per column, uncut', () => {
    const url = `http://127.0.0.1/oauth2/authorize?client_id=${'x'.repeat(120)}`;
    const out = renderTable([{ name: 'URL' }, { name: 'State' }], [[url, 'abc']], {
      maxWidth: 80,
      color: false,
    });
    expect(out).toBe(`-[ RECORD 1 ]--------\nURL   | ${url}\nState | abc\n`);
  });

  it('shows each value of two columns with the same name', () => {
    const out = renderTable([{ name: 'Id' }, { name: 'Id' }], [[2, 5]], { color: false });
    expect(out.split('\n')[2]).toBe(' 2  | 5');
  });

  it('replaces line breaks and control characters so a value cannot break the grid', () => {
    const out = renderTable([{ name: 'v' }], [['a\nb\r\nc\x1b[31m']], { color: false });
    expect(out.split('\n')[2]).toBe(' a↵b↵c\ufffd[31m');
  });

  it('prints objects as JSON, booleans as true/false and dates as ISO 8601', () => {
    const out = renderTable(
      [{ name: 'o' }, { name: 'b' }, { name: 'd' }],
      [[{ a: [1] }, false, new Date('2024-01-02T03:04:05Z')]],
      { color: false },
    );
    expect(out.split('\n')[2]).toBe(' {"a":[1]} | false | 2024-01-02T03:04:05.000Z');
  });
});

describe('fitWidths', () => {
  it('leaves widths alone when they fit and shrinks the widest first when they do not', () => {
    expect(fitWidths([2, 10, 30], 50)).toEqual([2, 10, 30]);
    const fitted = fitWidths([2, 10, 30, 40], 40);
    expect(fitted.reduce((a, b) => a + b, 0)).toBe(40);
    expect(fitted[0]).toBe(2);
    expect(fitted[1]).toBe(10);
  });
});

describe('renderResult', () => {
  it('adds a (N rows) footer to tables only', () => {
    const rows = [[1, 'a', 'b']];
    expect(renderResult('table', columns, rows, { color: false })).toMatch(/\n\(1 row\)\n\n$/);
    expect(renderResult('table', columns, [], { color: false })).toMatch(/\n\(0 rows\)\n\n$/);
    expect(renderResult('csv', columns, rows, { color: false })).not.toContain('row)');
    expect(renderResult('json', columns, rows, { color: false })).toBe('{"Id":1,"Name":"a","Note":"b"}\n');
  });
});

describe('CSV output', () => {
  it('quotes fields holding commas, quotes, CR or LF, doubles quotes and ends records with CRLF', () => {
    const names = ['a', 'b'];
    const text =
      renderCsvHeader(names) +
      renderCsvRows([
        ['x,y', 'say "hi"'],
        ['line\nbreak', 'cr\rhere'],
        [null, ''],
      ]);
    expect(text).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak","cr\rhere"\r\n,""\r\n');
    expect(parseCsv(text, { columns: true })).toEqual([
      { a: 'x,y', b: 'say "hi"' },
      { a: 'line\nbreak', b: 'cr\rhere' },
      { a: '', b: '' },
    ]);
  });
});

describe('JSON lines output', () => {
  it('writes one object per row with keys in column order, nulls for missing values and bigints as strings', () => {
    expect(renderJsonRows(['b', 'a', 'c'], [[2n, 1]])).toBe('{"b":"2","a":1,"c":null}\n');
  });

  it('keeps both values of two columns with the same name, the second under a suffixed key', () => {
    expect(renderJsonRows(['Id', 'Id', 'Id_2', 'Id'], [[1, 2, 3, 4]])).toBe(
      '{"Id":1,"Id_3":2,"Id_2":3,"Id_4":4}\n',
    );
  });
});
