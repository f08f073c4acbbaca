"""What an app offers the start page: items that need the user's attention. Each app that has any keeps them in
its own `start.py` (`membership_items(access, membership) -> list[Item]`, for one of the user's memberships); the
shell (`web/start.py`) asks each app in turn and only lays the items out."""

from dataclasses import dataclass


@dataclass
class Item:
    text: str
    url: str
    urgent: bool = False
