"""The working rhythm: groups across organisations, their meetings (EST weekly meetings, the strategic council),
agendas with a generated part, decisions that hand tasks to functions, protocols justerade by two members, and
the calendar (invitations as .ics, a subscribable feed)."""
