"""The background jobs as one management command, `samtrygg run-jobs`, for cron or a systemd timer: reminders of
meetings, tasks, weekly reporting and the årshjul's duties, and the police's events feed when configured. Each
job is idempotent: running the command twice sends each reminder once and imports nothing twice."""
