import { parseStatement } from '../../src/sql/parseStatement';
import type { WriteStatement } from '../../src/sql/types';
import { lit, named, param, parseError } from './helpers';

function write(sql: string): WriteStatement {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'write') throw new Error(`expected a write statement from ${sql}`);
  return stmt;
}

describe('parseStatement with INSERT', () => {
  it('reads the table, the column list and each row of VALUES', () => {
    const s = write("INSERT INTO Brands (Name, PageTitle) VALUES ('Acme', 'A'), ('Beta', NULL)");
    expect(s.command).toBe('INSERT');
    expect(s.table).toEqual({ name: 'Brands', alias: null });
    expect(s.columns).toEqual(['Name', 'PageTitle']);
    expect(s.values!.map((r) => r.map((f) => f.operand))).toEqual([
      [lit('Acme'), lit('A')],
      [lit('Beta'), lit(null)],
    ]);
    expect(s.returning).toBeNull();
  });

  it('numbers ? placeholders across rows and keeps @names', () => {
    const s = write('INSERT INTO Products ([Name], "Price") VALUES (?, ?), (@n, -2.5)');
    expect(s.values!.map((r) => r.map((f) => f.operand))).toEqual([
      [param(0), param(1)],
      [named('n'), lit(-2.5)],
    ]);
    expect(s.positionalParams).toBe(2);
    expect(s.namedParams).toEqual(['n']);
  });

  it('keeps an expression as text for SQLite, with the placeholders in it', () => {
    const s = write('INSERT INTO Products (Name, Price) VALUES (upper(?), ? * 2)');
    expect(s.values![0][0]).toEqual({ text: 'upper(?)', params: [0], named: [] });
    expect(s.values![0][1]).toEqual({ text: '? * 2', params: [1], named: [] });
  });

  it('takes a SELECT instead of VALUES, and drops a schema qualifier from the table', () => {
    const s = write(
      "INSERT INTO BigCommerce.Brands (Name) SELECT Name || ' 2' FROM Brands WHERE Id < ? RETURNING Id, Name",
    );
    expect(s.table).toEqual({ name: 'Brands', alias: null, schema: 'BigCommerce' });
    expect(s.select!.text).toBe("SELECT Name || ' 2' FROM Brands WHERE Id < ?");
    expect(s.select!.params).toEqual([0]);
    expect(s.returning).toEqual(['Id', 'Name']);
  });

  it('reads UPSERT like INSERT', () => {
    const s = write("UPSERT INTO Brands (Id, Name) VALUES (3, 'x') RETURNING *;");
    expect(s.command).toBe('UPSERT');
    expect(s.returning).toEqual(['*']);
  });
});

describe('parseStatement with UPDATE and DELETE', () => {
  it('reads SET expressions that use the current values, and the WHERE as written', () => {
    const s = write(
      "UPDATE Products p SET Price = Price * 1.1, IsVisible = TRUE WHERE p.BrandId = ? AND (Name LIKE '%a%' OR Sku = @s)",
    );
    expect(s.command).toBe('UPDATE');
    expect(s.table).toEqual({ name: 'Products', alias: 'p' });
    expect(s.columns).toEqual(['Price', 'IsVisible']);
    expect(s.set!.map((f) => f.text)).toEqual(['Price * 1.1', 'TRUE']);
    expect(s.where!.text).toBe("p.BrandId = ? AND (Name LIKE '%a%' OR Sku = @s)");
    expect(s.where!.params).toEqual([0]);
    expect(s.where!.named).toEqual(['s']);
  });

  it('drops the table or alias qualifier of a SET column, and refuses another', () => {
    const s = write('UPDATE Products AS p SET p.Price = p.Price + 1, Products.Name = ? WHERE p.Id = 1');
    expect(s.columns).toEqual(['Price', 'Name']);
    expect(s.set!.map((f) => f.text)).toEqual(['p.Price + 1', '?']);
    expect(parseError('UPDATE Products p SET q.Price = 1').message).toContain(
      'SET can only set columns of Products',
    );
  });

  it('reads an UPDATE without WHERE as one on every row', () => {
    const s = write("update Brands set Name = Name || '!'");
    expect(s.where).toBeUndefined();
  });

  it('reads DELETE with WHERE and RETURNING', () => {
    const s = write("DELETE FROM Customers WHERE Email LIKE '%@test.example' RETURNING Id, Email");
    expect(s.command).toBe('DELETE');
    expect(s.where!.text).toBe("Email LIKE '%@test.example'");
    expect(s.returning).toEqual(['Id', 'Email']);
  });

  it("does not take a WHERE inside a subquery for the statement's own", () => {
    const s = write(
      'UPDATE Products SET Price = (SELECT max(Price) FROM Products WHERE Id < 3) WHERE Id = 9',
    );
    expect(s.set![0].text).toBe('(SELECT max(Price) FROM Products WHERE Id < 3)');
    expect(s.where!.text).toBe('Id = 9');
  });
});

describe('parseStatement with malformed writes', () => {
  const cases: [sql: string, position: number, message: string][] = [
    ["INSERT INTO Brands VALUES ('x')", 20, 'expected the column list in parentheses'],
    ["INSERT INTO Brands (Name, Name) VALUES ('x', 'y')", 27, 'column Name is listed twice'],
    ["INSERT INTO Brands (Name) VALUES ('x', 'y')", 34, 'this row has 2 values but the column list names 1'],
    ['INSERT INTO Brands (Name) VALUES', 33, 'expected ( to start a row of VALUES'],
    ["INSERT Brands (Name) VALUES ('x')", 8, 'expected INTO'],
    ["UPDATE Brands Name = 'x'", 20, 'expected SET'],
    ["UPDATE Brands SET Name = 'x', Name = 'y'", 31, 'column Name is set twice'],
    ['UPDATE Brands SET Name WHERE Id = 1', 19, 'expected Column = value in SET'],
    ["UPDATE Brands SET Name = 'x' WHERE", 30, 'expected a condition after WHERE'],
    ['DELETE Brands WHERE Id = 1', 8, 'expected FROM'],
    ['DELETE FROM Brands RETURNING', 29, 'expected column names or * after RETURNING'],
    ['DELETE FROM Brands RETURNING Id + 1', 33, 'expected , between RETURNING columns'],
  ];
  it.each(cases)('rejects %s at the right place', (sql, position, message) => {
    const err = parseError(sql);
    expect(err.code).toBe('ERR_SQL_SYNTAX');
    expect(err.message).toContain(message);
    expect(err.position).toBe(position);
  });

  it('still refuses MERGE and a write inside WITH', () => {
    expect(parseError('MERGE INTO t USING u ON 1 = 1').code).toBe('ERR_NOT_SUPPORTED');
    expect(parseError('WITH c AS (SELECT 1) DELETE FROM Products').code).toBe('ERR_NOT_SUPPORTED');
  });
});
