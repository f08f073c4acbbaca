"""The one permission resolver. Every "may this user do X to Y" and every scoped read goes through
`Access(user)`; see docs/architecture.md ("Who may see what")."""

from .resolver import Access, Action, CommonAccess, OrganisationAccess, for_request

__all__ = ["Access", "Action", "CommonAccess", "OrganisationAccess", "for_request"]
