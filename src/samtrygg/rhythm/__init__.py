"""The year's duties and the law at a glance: the årshjul (recurring duties of the law and of practice per
municipality, with due dates, owners, evidence and reminders) and the compliance view (is there a current
lägesbild, an adopted and followed-up åtgärdsplan, a current samverkansöverenskommelse, a strategic forum that
has met, a named samordningsfunktion?)."""
