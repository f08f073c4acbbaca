"""What each kind of job does. A domain app registers its runner when it starts (its AppConfig.ready):

    runners.register("incidents.export", run_export)

A runner is called in the worker as `runner(job, out, progress)`: it writes the result to the binary file `out`,
calls `progress(done)` now and then (done of job.total), and returns (file name, content type) for the download.
It reads with the access of `job.user` as it is when the job runs."""

from collections.abc import Callable

Runner = Callable[..., tuple[str, str]]
RUNNERS: dict[str, Runner] = {}


def register(kind: str, runner: Runner) -> None:
    RUNNERS[kind] = runner
