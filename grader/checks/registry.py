"""Which check serves which kind: ``KINDS`` maps each kind's typed model in
``grader.kata_schema`` to its check class, and ``build_checks`` turns a kata's ``checks`` list
into planned checks, one per entry, in the kata's order.
"""

from __future__ import annotations

from grader import kata_schema as schema
from grader.checks.apis import Forbidden, Operators
from grader.checks.base import Check
from grader.checks.context import Context
from grader.checks.custom import Custom
from grader.checks.statistics import Statistics
from grader.checks.structure import Structure
from grader.checks.values import DeviceAgnostic, DtypeFollows, Gradients, Mutation, Outputs, Raises

#: The check of each kind's model in ``grader.kata_schema``.
KINDS: dict[type, type[Check]] = {
    schema.OutputsCheck: Outputs, schema.GradientsCheck: Gradients, schema.MutationCheck: Mutation,
    schema.DtypeCheck: DtypeFollows, schema.DeviceCheck: DeviceAgnostic,
    schema.StructureCheck: Structure, schema.StatisticsCheck: Statistics, schema.RaisesCheck: Raises,
    schema.OperatorsCheck: Operators, schema.ForbiddenCheck: Forbidden, schema.CustomCheck: Custom,
}


def build_checks(ctx: Context) -> list[Check]:
    """One Check per entry of ``kata.yaml``'s ``checks``, each with its tasks planned."""
    checks = [KINDS[type(spec)](spec, ctx) for spec in ctx.spec.checks]
    for check in checks:
        check.plan()
    return checks
