"""What each kind of job does. A domain app registers its runner when it starts (its AppConfig.ready):

    runners.register("incidents.export", run_export)

A runner is called in the worker as `runner(job, out, progress)`, with the access of `job.user` as it is when the
job runs. It writes a file to the binary file `out` (or leaves it empty), calls `progress(done)` now and then (done
of job.total; a job with total 0 shows an indeterminate bar), and returns an `Outcome`: the file's name and type
for the download, and/or a message and a link for the user. It raises `Refused` with a message for the user when
the work cannot be done as asked (the job fails with that message, not a traceback)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    file_name: str = ""  # empty: no file to download
    content_type: str = ""
    message: str = ""  # what the user reads when it is done, in the job's language
    url: str = ""  # where to see the result (a page of this site)


class Refused(Exception):
    """The work cannot be done as asked; str(exception) is shown to the user."""


Runner = Callable[..., Outcome]
RUNNERS: dict[str, Runner] = {}


def register(kind: str, runner: Runner) -> None:
    RUNNERS[kind] = runner
