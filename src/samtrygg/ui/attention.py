"""What an app offers the start page. Each app that has anything to say keeps it in its own `start.py`:

- `personal_items(access) -> list[Item]`: the user's own work (their tasks, meetings, reports, follow-ups due,
  drafts awaiting them), shown first under "Your work";
- `membership_items(access, membership) -> list[Item]`: what needs attention in one of the user's organisations.

The shell (`web/start.py`) asks each app in turn and only lays the items out."""

from dataclasses import dataclass


@dataclass
class Item:
    text: str
    url: str
    urgent: bool = False
