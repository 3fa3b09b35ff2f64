"""What Python programs send through psycopg2, SQLAlchemy 1.4 and pandas, run against bcsql serve.

Usage: /usr/bin/python3 psycopg2Probe.py <port>. Prints one JSON object: each check's result, or
{"error": "<SQLSTATE> <message>"} when it failed, so one failure does not hide the others.
"""
import io
import json
import sys
import warnings

import pandas
import psycopg2
import sqlalchemy

PORT = int(sys.argv[1])
DSN = f"host=127.0.0.1 port={PORT} dbname=bigcommerce user=analyst"
results = {}


def check(name):
    def run(fn):
        try:
            results[name] = fn()
        except Exception as e:  # reported to the test, which names the check that failed
            results[name] = {"error": f"{getattr(e, 'pgcode', None)} {e}".strip()}
        return fn
    return run


conn = psycopg2.connect(DSN)
conn.autocommit = True


@check("plain")
def plain():
    with conn.cursor() as cur:
        cur.execute('SELECT "Id", "Name" FROM "Products" ORDER BY "Id" LIMIT 3')
        return [list(r) for r in cur.fetchall()]


@check("parameterised")
def parameterised():
    with conn.cursor() as cur:
        cur.execute('SELECT "Id" FROM "Products" WHERE "Price" > %s AND "IsVisible" = %s ORDER BY "Id"', (50, True))
        return [r[0] for r in cur.fetchall()]


@check("anyList")
def any_list():
    with conn.cursor() as cur:
        cur.execute('SELECT "Id", "Name" FROM "Products" WHERE "Id" = ANY(%s) ORDER BY "Id"', ([3, 1, 2],))
        return [list(r) for r in cur.fetchall()]


@check("namedCursor")
def named_cursor():
    tx = psycopg2.connect(DSN)
    try:
        with tx.cursor(name="products_cursor") as cur:
            cur.itersize = 4
            cur.execute('SELECT "Id", "Name" FROM "Products" ORDER BY "Id"')
            first = cur.fetchmany(3)
            rest = cur.fetchall()
        tx.commit()
        return {"first": [r[0] for r in first], "ids": [r[0] for r in first + rest]}
    finally:
        tx.close()


@check("copy")
def copy():
    buf = io.StringIO()
    with conn.cursor() as cur:
        cur.copy_expert('COPY (SELECT "Id", "Name" FROM "Products" WHERE "Id" <= 3 ORDER BY "Id") TO STDOUT WITH CSV HEADER', buf)
    return buf.getvalue()


engine = sqlalchemy.create_engine(f"postgresql+psycopg2://analyst@127.0.0.1:{PORT}/bigcommerce")


@check("streamResults")
def stream_results():
    with engine.connect() as c:
        result = c.execution_options(stream_results=True, max_row_buffer=5).execute(
            sqlalchemy.text('SELECT "Id" FROM "Customers" ORDER BY "Id"'))
        return [r[0] for r in result]


@check("readSql")
def read_sql():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = pandas.read_sql('SELECT "Id", "Name", "Price" FROM "Products" ORDER BY "Id" LIMIT 5', engine)
    return {"columns": list(frame.columns), "ids": frame["Id"].tolist(), "dtypes": [str(d) for d in frame.dtypes]}


@check("readSqlParams")
def read_sql_params():
    frame = pandas.read_sql(sqlalchemy.text('SELECT "Id" FROM "Products" WHERE "Id" <= :n ORDER BY "Id"'), engine, params={"n": 4})
    return frame["Id"].tolist()


conn.close()
engine.dispose()
print(json.dumps(results))
