from django.core.management.base import BaseCommand, CommandError

from readiness.reports import fonts


class Command(BaseCommand):
    help = (
        "Cut the report's own copy of the CJK font (the characters reports print) from the "
        "system's Noto Sans CJK TC into REPORT_FONTS_DIR; does nothing when it is up to date."
    )
    # The check this command answers (reports.W002) would only repeat what it is about to fix.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Build even if up to date.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Build nothing; exit with status 1 if the fonts are missing or out of date.",
        )

    def handle(self, *args, force=False, check=False, **options):
        directory = fonts.fonts_dir()
        if check:
            reason = fonts.status(directory)
            if reason:
                raise CommandError(f"Report fonts are not ready: {reason}.", returncode=1)
            self.stdout.write(f"Report fonts are up to date in {directory}.")
            return
        try:
            built = fonts.build(directory, force=force)
        except fonts.FontsUnavailable as error:
            raise CommandError(str(error)) from None
        if not built:
            self.stdout.write(f"Report fonts are up to date in {directory}.")
            return
        for item in built:
            size_mb = item.path.stat().st_size / 1e6
            self.stdout.write(
                f"Built {item.path} ({item.glyphs:,} glyphs, {size_mb:.1f} MB) "
                f"in {item.seconds:.1f} s."
            )
