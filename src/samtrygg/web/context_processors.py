from samtrygg.access import Action, for_request
from samtrygg.accounts.models import OrgType


def navigation(request):
    """What the main menu shows: only the sections the user may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = for_request(request)
    return {
        "nav_audit": bool(access.orgs_for(Action.VIEW_AUDIT)),
        "nav_report": bool(access.orgs_for(Action.REPORT)),
        "nav_sharing": bool(access.roles),
        "nav_tips": bool(access.of_type(access.orgs_for(Action.CHANGE), OrgType.KOMMUN)),
    }
