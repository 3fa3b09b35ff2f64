"""What Python programs send through psycopg 3 (server-side binding: the extended protocol), run
against bcsql serve.

Usage: /usr/bin/python3 psycopg3Probe.py <port>. Prints one JSON object: each check's result, or
{"error": "<SQLSTATE> <message>"} when it failed, so one failure does not hide the others.
"""
import json
import sys

import psycopg

PORT = int(sys.argv[1])
DSN = f"host=127.0.0.1 port={PORT} dbname=bigcommerce user=analyst"
results = {}


def check(name):
    def run(fn):
        try:
            results[name] = fn()
        except Exception as e:  # reported to the test, which names the check that failed
            results[name] = {"error": f"{getattr(e, 'sqlstate', None)} {e}".strip()}
        return fn
    return run


conn = psycopg.connect(DSN, autocommit=True)


@check("plain")
def plain():
    return [list(r) for r in conn.execute('SELECT "Id", "Name" FROM "Products" ORDER BY "Id" LIMIT 3').fetchall()]


@check("parameterised")
def parameterised():
    rows = conn.execute('SELECT "Id" FROM "Products" WHERE "Price" > %s AND "IsVisible" = %s ORDER BY "Id"', (50, True))
    return [r[0] for r in rows.fetchall()]


@check("anyList")
def any_list():
    rows = conn.execute('SELECT "Id", "Name" FROM "Products" WHERE "Id" = ANY(%s) ORDER BY "Id"', ([3, 1, 2],))
    return [list(r) for r in rows.fetchall()]


@check("namedCursor")
def named_cursor():
    with psycopg.connect(DSN) as tx:
        with tx.cursor(name="products_cursor") as cur:
            cur.itersize = 4
            cur.execute('SELECT "Id", "Name" FROM "Products" WHERE "Id" > %s ORDER BY "Id"', (2,))
            first = cur.fetchmany(3)
            rest = cur.fetchall()
            names = [d.name for d in cur.description]
        return {"names": names, "first": [r[0] for r in first], "ids": [r[0] for r in first + rest]}


@check("copy")
def copy():
    chunks = []
    with conn.cursor() as cur:
        with cur.copy('COPY (SELECT "Id", "Name" FROM "Products" WHERE "Id" <= 3 ORDER BY "Id") TO STDOUT (FORMAT csv, HEADER)') as cp:
            for data in cp:
                chunks.append(bytes(data))
    return b"".join(chunks).decode()


@check("copyRows")
def copy_rows():
    with conn.cursor() as cur:
        with cur.copy('COPY (SELECT "Id", "Name" FROM "Brands" ORDER BY "Id" LIMIT 3) TO STDOUT') as cp:
            return [list(r) for r in cp.rows()]


@check("procedure")
def procedure():
    rows = conn.execute('SELECT "State" FROM "GetOAuthAuthorizationURL"(%s, "State" => %s)', ("http://cb.example/p", "s3"))
    return [r[0] for r in rows.fetchall()]


@check("limitCast")
def limit_cast():
    # What SQLAlchemy 2's psycopg dialect sends for .limit()/.offset(): bound and cast.
    rows = conn.execute('SELECT "Id" FROM "Products" ORDER BY "Id" LIMIT %s::INTEGER OFFSET %s::INTEGER', (3, 2))
    return [r[0] for r in rows.fetchall()]


@check("pandasReadSql")
def pandas_read_sql():
    import warnings

    import pandas

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas names SQLAlchemy as the tested way; a DBAPI connection works
        frame = pandas.read_sql('SELECT "Id" FROM "Products" WHERE "Id" = ANY(%s) ORDER BY "Id"', conn, params=([4, 2],))
    return [int(v) for v in frame["Id"]]


conn.close()
print(json.dumps(results))
