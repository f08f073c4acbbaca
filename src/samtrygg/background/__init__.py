"""Work a user waits for but no request should: a `Job` with progress and a result file, run by Django's tasks
framework (django.tasks, with django-tasks-db's database backend and its `samtrygg db_worker`). Domain apps
register what a kind of job does (`runners.register`); this app starts it, runs it, shows its progress and hands
out the file, to the user who started it only."""
