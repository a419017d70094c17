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

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import DEFERRED, Model

try:
    from django.db.backends.postgresql.base import ServerBindingCursor
except ImportError:  # psycopg 2, or no PostgreSQL driver at all (the embedded SQLite default)
    ServerBindingCursor = None

if ServerBindingCursor is not None:

    class PreparingCursor(ServerBindingCursor):
        log_queries = False

        def execute(self, query, params=None, *, prepare=None, binary=None):
            result = super().execute(query, params, prepare=True, binary=binary)
            if self.log_queries and self._query is None:
                # psycopg keeps no query text for a prepared execution, and Django's query log
                # (DEBUG, assertNumQueries) reads it from there
                self._query = self._convert_query(query, params)
            return result


@contextmanager
def cursor(using=DEFAULT_DB_ALIAS):
    """A Django cursor (query logging and execute wrappers included) that prepares what it runs on PostgreSQL.

    One psycopg cursor is kept per connection: a fresh one would build its value loaders again for every result."""
    connection = connections[using]
    if connection.vendor != "postgresql" or ServerBindingCursor is None:
        with connection.cursor() as cur:
            yield cur
        return
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = getattr(connection, "_prepared_statements_cursor", None)
    if raw is None or raw.closed or raw.connection is not connection.connection:
        with connection.wrap_database_errors:
            raw = connection._prepared_statements_cursor = PreparingCursor(connection.connection)
    raw.log_queries = connection.queries_logged
    yield connection._prepare_cursor(raw)


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
    concrete = model._meta.concrete_fields
    by_column = {field.column: field for field in concrete}
    position = {name: index for index, name in enumerate(names)}
    if model._meta.pk.column not in position:
        raise ValueError(f"{model.__name__}: the statement must select the primary key ({model._meta.pk.column})")
    # (slot among the model's concrete fields, row index, converters): the others stay deferred, as from_db does
    filled = []
    for slot, field in enumerate(concrete):
        if field.column in position:
            column = field.get_col(field.model._meta.db_table)
            converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            filled.append((slot, position[field.column], column, converters))
    extras = [(index, name) for index, name in enumerate(names) if name not in by_column]
    blank = [DEFERRED] * len(concrete)
    construct = model if _needs_its_init(model) else _model_init_only(model)
    db = connection.alias

    def read(row):
        values = blank.copy()
        for slot, index, column, converters in filled:
            value = row[index]
            for convert in converters:
                value = convert(value, column, connection)
            values[slot] = value
        obj = construct(*values)
        obj._state.adding = False
        obj._state.db = db
        for index, name in extras:
            setattr(obj, name, row[index])
        return obj

    return read


def _inits_for_new_objects_only():
    """Constructors that do nothing for a row read from the database (it has a primary key) beyond Model's own.
    modelcluster's lists a page type's child relations on every call: most of the cost of building a page from a
    row."""
    from modelcluster.models import ClusterableModel
    from wagtail.models import Page
    from wagtail.models.pages import ShowInMenusMixin

    return {object.__init__, Model.__init__, ClusterableModel.__init__, Page.__init__, ShowInMenusMixin.__init__}


def _needs_its_init(model):
    skippable = _inits_for_new_objects_only()
    return any(klass.__dict__.get("__init__", Model.__init__) not in skippable for klass in model.__mro__)


def _model_init_only(model):
    def construct(*values):
        obj = model.__new__(model)
        Model.__init__(obj, *values)
        return obj

    return construct
