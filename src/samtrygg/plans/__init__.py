"""From problem to measured effect: the method bank (metodbank) and medborgarlöften, with more of the action
plan (orsaksanalys, goals, measures, follow-up) to come (issue 5)."""
