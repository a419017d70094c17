"""The read statements a public page runs on every request, as PostgreSQL prepared statements.

Planning a join over Wagtail's page tables costs PostgreSQL several times more than running it: a policy page's
related-pages statement takes 0.6 ms of server CPU each time, 0.1 ms once prepared. Django's cursors bind
parameters on the client, so PostgreSQL never sees the same statement twice. The statements passed to `instances` go
through a server-binding cursor instead, and psycopg prepares each one once per connection.

Other databases run them as usual, and so does PostgreSQL with prepared statements switched off
(`DB_PREPARED_STATEMENTS=0`, for a transaction-pooling PgBouncer older than 1.21). A prepared statement names its
columns, so a migration that adds columns does not break it; one that drops or retypes a column it reads needs the
web workers restarted, as any deploy does.
"""

from django.db import DEFAULT_DB_ALIAS, connections

try:
    from django.db.backends.postgresql.base import ServerBindingCursor
except ImportError:  # psycopg 2, or no PostgreSQL driver at all (the embedded SQLite default)
    ServerBindingCursor = None

if ServerBindingCursor is not None:

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    class LoggedPreparingCursor(PreparingCursor):
        """For query logging (DEBUG, assertNumQueries): psycopg keeps no query text for a prepared execution, and
        Django's log reads it from there."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            result = super().execute(query, params, binary=binary)
            if self._query is None:
                self._query = self._convert_query(query, params)
            return result


def cursor(using=DEFAULT_DB_ALIAS):
    """A Django cursor (query logging and execute wrappers included) that prepares what it runs on PostgreSQL."""
    connection = connections[using]
    if connection.vendor != "postgresql" or ServerBindingCursor is None:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        kind = LoggedPreparingCursor if connection.queries_logged else PreparingCursor
        return connection._prepare_cursor(kind(connection.connection))


_READERS = {}


def rows(sql, params, using=DEFAULT_DB_ALIAS):
    with cursor(using) as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def instances(model, sql, params, using=DEFAULT_DB_ALIAS):
    """Model instances from sql, like `model.objects.raw(sql, params)`: columns named after the model's fields fill
    them (the others stay deferred), any other column becomes an attribute."""
    read = _READERS.get((model, sql, using))
    with cursor(using) as cur:
        cur.execute(sql, params)
        if read is None:  # a statement's columns never change, and describing them costs more than reading a row
            read = _READERS[(model, sql, using)] = reader(model, tuple(column[0] for column in cur.description), using)
        return [read(row) for row in cur.fetchall()]


def reader(model, names, using=DEFAULT_DB_ALIAS):
    """A function from a row whose columns are `names` to a model instance (see `instances`)."""
    key = (model, names, using)
    read = _READERS.get(key)
    if read is None:
        read = _READERS[key] = _reader(model, names, connections[using])
    return read


def _reader(model, names, connection):
    by_column = {field.column: field for field in model._meta.concrete_fields}
    position = {name: index for index, name in enumerate(names)}
    fields = [field for field in model._meta.concrete_fields if field.column in position]
    if model._meta.pk not in fields:
        raise ValueError(f"{model.__name__}: the statement must select the primary key ({model._meta.pk.column})")
    field_positions = [position[field.column] for field in fields]
    field_names = [field.attname for field in fields]
    extras = [(index, name) for index, name in enumerate(names) if name not in by_column]
    converters = []
    for slot, field in enumerate(fields):
        column = field.get_col(field.model._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((slot, column, found))
    db = connection.alias

    def read(row):
        values = [row[index] for index in field_positions]
        for slot, column, functions in converters:
            for convert in functions:
                values[slot] = convert(values[slot], column, connection)
        obj = model.from_db(db, field_names, values)
        for index, name in extras:
            setattr(obj, name, row[index])
        return obj

    return read
