"""The plans app's models: the method bank, action plans with their problems, goals, measures, follow-ups and
goal conflicts, collaboration agreements, and medborgarlöften."""

from .agreements import Agreement, Commitment
from .methods import Evidence, MethodEntry, MethodKind, Strategy
from .plans import (
    REVISION_YEARS,
    ActionPlan,
    Addresses,
    ConflictStatus,
    FollowUp,
    Goal,
    GoalConflict,
    GoalSource,
    GoalValue,
    Measure,
    Problem,
    Rag,
)
from .promises import CitizenPromise, PromiseActivity, PromiseStatus

__all__ = [
    "REVISION_YEARS", "ActionPlan", "Addresses", "Agreement", "CitizenPromise", "Commitment", "ConflictStatus",
    "Evidence", "FollowUp", "Goal", "GoalConflict", "GoalSource", "GoalValue", "Measure", "MethodEntry",
    "MethodKind", "Problem", "PromiseActivity", "PromiseStatus", "Rag", "Strategy",
]
