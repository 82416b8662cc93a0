import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "demo"


class Command(BaseCommand):
    help = (
        "On a laptop only (DEBUG on): create the superuser 'demo' with a random password, "
        "printed once. Nothing ships with a default password."
    )

    def handle(self, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo superuser with DEBUG off.")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"The superuser '{USERNAME}' already exists; its password is unchanged. "
                f"Set a new one with: manage.py changepassword {USERNAME}"
            )
            return
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(username=USERNAME, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Created superuser '{USERNAME}' with password: {password}")
        )
        self.stdout.write("It is shown only this once. Keep it, or change it with changepassword.")
