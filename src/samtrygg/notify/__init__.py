"""Messages to people, each sent once: `services.send_once(key=…)` records the message under its key and e-mails it
after the transaction commits; a key already recorded sends nothing. The background jobs (reminders of meetings,
tasks, weekly reporting, the årshjul's duties) send through it, so running them twice sends each reminder once."""
