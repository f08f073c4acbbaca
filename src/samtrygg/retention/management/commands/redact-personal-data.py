from django.core.management.base import BaseCommand, CommandError

from samtrygg.accounts.models import Organisation
from samtrygg.lib import privacy
from samtrygg.retention.redaction import redact_stored


class Command(BaseCommand):
    help = (
        "Clean text already stored: every free-text field (incidents, status notes, police events, areas, "
        "lägesbilder, plans, meetings, duties ...) is screened again under its owner's privacy policy as it is now, "
        'and what the policy refuses or masks is replaced by a marker such as "[telefonnummer]". With --kinds, '
        "those kinds are masked whatever the policy. One audit entry per changed record names the fields and "
        "kinds, never the old text. Prints counts per kind and per kind of record."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kinds", help=f"comma-separated kinds to mask everywhere ({','.join(privacy.KINDS)})")
        parser.add_argument("--organisation", type=int, help="only text this organisation (id) owns")
        parser.add_argument("--dry-run", action="store_true", help="only count, change nothing")

    def handle(self, *args, kinds, organisation, dry_run, **options):
        chosen = None
        if kinds is not None:
            chosen = {k.strip() for k in kinds.split(",") if k.strip()}
            if not chosen or chosen - set(privacy.KINDS):
                raise CommandError(f"Unknown kinds: {', '.join(sorted(chosen - set(privacy.KINDS))) or '(none)'}; "
                                   f"choose among {', '.join(privacy.KINDS)}.")
        org = None
        if organisation is not None:
            org = Organisation.objects.filter(pk=organisation).first()
            if org is None:
                raise CommandError(f"No organisation with id {organisation}.")
        result = redact_stored(kinds=chosen, dry_run=dry_run, organisation=org)
        self.stdout.write(f"{'Would change' if dry_run else 'Changed'} {sum(result.rows.values())} record(s).")
        for label, count in sorted(result.rows.items()):
            self.stdout.write(f"  {label}: {count}")
        for kind in privacy.KINDS:
            if result.kinds[kind]:
                self.stdout.write(f"  {kind}: {result.kinds[kind]}")
