"""
Queries compiled to SQL once per process.

Compiling a queryset to SQL costs the comparison page far more than the database takes to
run it. The SQL of each selector query depends only on how many role ids it is given, never on
the content, so each is compiled once per process and number of ids, with stand-in ids, and
then run with the real ids as its parameters: every request still reads fresh content. The
rows come back as the models' fields, made into objects as the ORM makes loaded ones.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet

_STAND_IN_ID = -(2**62)  # no row has a negative primary key


@dataclass(frozen=True)
class _CompiledQuery:
    sql: str
    params: tuple
    id_slots: tuple  # for each parameter: the position of the role id it stands for, or None
    converters: list  # [(column, [converter, ...], expression)], as the ORM applies them
    using: str


@functools.cache
def _compiled(query: Callable[..., QuerySet], id_count: int) -> _CompiledQuery | None:
    """The query's SQL for `id_count` role ids; None when it can match nothing (no ids)."""
    stand_ins = [_STAND_IN_ID - n for n in range(id_count)]
    queryset = query(role_ids=stand_ins)
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    id_slots = tuple(
        stand_ins.index(p) if type(p) is int and p in stand_ins else None for p in params
    )
    # A backend that passed the ids as one array parameter would be run with the stand-ins.
    if set(id_slots) - {None} != set(range(id_count)):
        raise RuntimeError(f"Not every role id is a parameter of its own in: {sql}")
    columns = [expression for expression, _, _ in compiler.select[: compiler.col_count]]
    return _CompiledQuery(
        sql=sql,
        params=tuple(params),
        id_slots=id_slots,
        converters=[
            (column, converters, expression)
            for column, (converters, expression) in compiler.get_converters(columns).items()
        ],
        using=queryset.db,
    )


def run_compiled(query: Callable[..., QuerySet], *, role_ids: list[int]) -> list[list]:
    """The rows of `query(role_ids=role_ids)`, converted to Python values as the ORM would."""
    compiled = _compiled(query, len(role_ids))
    if compiled is None:
        return []
    params = [
        value if slot is None else role_ids[slot]
        for value, slot in zip(compiled.params, compiled.id_slots, strict=True)
    ]
    connection = connections[compiled.using]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = [list(row) for row in cursor.fetchall()]
    for column, converters, expression in compiled.converters:
        for row in rows:
            value = row[column]
            for converter in converters:
                value = converter(value, expression, connection)
            row[column] = value
    return rows


@functools.cache
def fields_of(model: type[Model], *, prefix: str = "") -> tuple[str, ...]:
    """The columns to select for whole objects of the model, in `Model.from_db` order."""
    return tuple(prefix + f.attname for f in model._meta.concrete_fields)


def loaded_instance(model: type[Model], values: Sequence) -> Model:
    return model.from_db(DEFAULT_DB_ALIAS, fields_of(model), values)


def loaded(model: type[Model], **values) -> Model:
    """
    An object of `model` as loaded from the database, every field given by name: several
    times cheaper than `model(**values)`, which matters for the hundreds on a comparison.
    """
    return loaded_instance(model, [values[name] for name in fields_of(model)])


def with_related(model: type[Model], name: str, related: type[Model], rows) -> list:
    """Objects of `model` with their `name` object attached, from rows of both models' fields."""
    split = len(fields_of(model))
    objects = []
    for row in rows:
        obj = loaded_instance(model, row[:split])
        setattr(obj, name, loaded_instance(related, row[split:]))
        objects.append(obj)
    return objects
