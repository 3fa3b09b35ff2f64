import { parseStatement } from '../../src/sql/parseStatement';

describe('parseStatement: REPLICATE', () => {
  it('reads one table, a TABLES list or ALL, with an optional INTO target', () => {
    expect(parseStatement('REPLICATE Products')).toMatchObject({
      kind: 'replicate',
      tables: ['Products'],
      excludeColumns: [],
    });
    expect(parseStatement('replicate into \'my store.db\' tables ([Orders], "OrderItems");')).toMatchObject({
      target: 'my store.db',
      tables: ['Orders', 'OrderItems'],
    });
    expect(parseStatement("REPLICATE INTO 'postgres://u@h/db' ALL")).toMatchObject({
      target: 'postgres://u@h/db',
      tables: 'ALL',
    });
  });

  it('reads EXCLUDE COLUMNS with bare and table-qualified names, dropping schema qualifiers of tables', () => {
    expect(
      parseStatement('REPLICATE BigCommerce.Products EXCLUDE COLUMNS (Description, Products.Sku)'),
    ).toMatchObject({
      tables: ['Products'],
      excludeColumns: ['Description', 'Sku'],
    });
  });

  it('names what was expected and where when the statement is malformed', () => {
    expect(() => parseStatement('REPLICATE')).toThrow(/expected a table name, TABLES \(…\) or ALL/);
    expect(() => parseStatement('REPLICATE INTO bigcommerce.db ALL')).toThrow(/target in quotes after INTO/);
    expect(() => parseStatement('REPLICATE TABLES (Products Orders)')).toThrow(/expected , or \)/);
    expect(() => parseStatement('REPLICATE Products EXCLUDE (Name)')).toThrow(/COLUMNS after EXCLUDE/);
    expect(() => parseStatement('REPLICATE Products extra')).toThrow(/end of the REPLICATE statement/);
    try {
      parseStatement('REPLICATE Products extra');
    } catch (err) {
      expect(err).toMatchObject({ code: 'ERR_SQL_SYNTAX', position: 20 });
    }
  });
});
