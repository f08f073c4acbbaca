"""Forms of the plans app."""

from .agreements import AgreementForm, CommitmentForm
from .library import ActivityForm, MethodFilterForm, MethodForm, PromiseForm
from .plans import (
    ConflictForm,
    EffectForm,
    FollowUpForm,
    GoalForm,
    MeasureForm,
    PlanAdoptForm,
    PlanForm,
    ProblemForm,
    ReportForm,
)

__all__ = [
    "ActivityForm", "AgreementForm", "CommitmentForm", "ConflictForm", "EffectForm", "FollowUpForm", "GoalForm",
    "MeasureForm", "MethodFilterForm", "MethodForm", "PlanAdoptForm", "PlanForm", "ProblemForm", "PromiseForm",
    "ReportForm",
]
