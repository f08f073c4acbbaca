"""Scoped reads of the plans app: the method bank and medborgarlöften (library), action plans and agreements
(plans)."""

from .effect import EffectView, ValueEffectView, control_areas, measure_effect, measure_value_effect
from .library import method_get, methods, municipality, promise_get, promises, public_promises
from .plans import (
    FollowUpState,
    agreement_get,
    agreements,
    conflicts,
    follow_up_state,
    goals,
    measure_get,
    measures,
    next_follow_up,
    plan_get,
    plans,
    problems,
    with_last_follow_up,
)

__all__ = [
    "EffectView", "FollowUpState", "ValueEffectView", "control_areas", "measure_effect", "measure_value_effect",
    "agreement_get", "agreements", "conflicts", "follow_up_state", "goals", "measure_get", "measures",
    "method_get", "methods", "municipality", "next_follow_up", "plan_get", "plans", "problems", "promise_get",
    "promises", "public_promises", "with_last_follow_up",
]
