"""Writes of the plans app (see each module): the method bank and medborgarlöften (library), action plans and
their follow-up (plans), collaboration agreements (agreements)."""

from .agreements import agreement_delete, agreement_save, commitment_delete, commitment_save
from .library import (
    activity_add,
    activity_set_status,
    method_create,
    promise_create,
    promise_delete,
    promise_update,
)
from .plans import (
    conflict_delete,
    conflict_save,
    follow_up_add,
    goal_delete,
    goal_save,
    goal_value_add,
    measure_delete,
    measure_save,
    plan_adopt,
    plan_create,
    plan_new_version,
    plan_reopen,
    plan_submit,
    plan_update,
    problem_delete,
    problem_from_lagesbild,
    problem_save,
    revision_date,
)

__all__ = [
    "activity_add", "activity_set_status", "agreement_delete", "agreement_save", "commitment_delete", "commitment_save",
    "conflict_delete", "conflict_save", "follow_up_add", "goal_delete", "goal_save", "goal_value_add", "measure_delete",
    "measure_save", "method_create", "plan_adopt", "plan_create", "plan_new_version", "plan_reopen", "plan_submit",
    "plan_update", "problem_delete", "problem_from_lagesbild", "problem_save", "promise_create", "promise_delete",
    "promise_update", "revision_date",
]
