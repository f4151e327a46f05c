"""Create or update the "curator" group, and optionally make a user a curator.

Idempotent: running it again sets the group's permissions to exactly CURATOR_PERMISSIONS.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

GROUP_NAME = "curator"

# Curators view, add and change every record type. They may delete citations, an event's actor links
# and roles (parts of a record they edit inline), and draft reactions, statements and events (the
# admin refuses to delete a reviewed one: return it to draft first, which the history records).
# Sources and actors are never deleted by curators: other records cite and name them.
# Curators import articles and decide the intake's proposals (accepting marks a draft reviewed,
# rejecting deletes it: both through intake/services.py); imports and proposals are never deleted, as
# they are the record of what was proposed and who decided.
# No permission on users, groups or the seed bookkeeping.
CURATOR_PERMISSIONS = {
    "actors.actor": ["view", "add", "change"],
    "actors.role": ["view", "add", "change", "delete"],
    "events.event": ["view", "add", "change", "delete"],
    "events.eventactor": ["view", "add", "change", "delete"],
    "events.statement": ["view", "add", "change", "delete"],
    "events.reaction": ["view", "add", "change", "delete"],
    "sources.source": ["view", "add", "change"],
    "sources.citation": ["view", "add", "change", "delete"],
    "intake.articleimport": ["view", "add", "change"],
    "intake.proposal": ["view", "change"],
}


def curator_permissions():
    perms = []
    for label, actions in CURATOR_PERMISSIONS.items():
        model = apps.get_model(label)
        for action in actions:
            codename = f"{action}_{model._meta.model_name}"
            perms.append(Permission.objects.get(content_type__app_label=model._meta.app_label,
                                                codename=codename))
    return perms


class Command(BaseCommand):
    help = ('Create or update the "curator" group with exactly the permissions curators need; '
            "with --user NAME, also make NAME a staff member of the group (creating the account "
            "without a password when it does not exist).")

    def add_arguments(self, parser):
        parser.add_argument("--user", metavar="NAME", help="Username to make a curator.")
        parser.add_argument("--email", default="", help="E-mail for a user this command creates.")

    @transaction.atomic
    def handle(self, *args, user=None, email="", **options):
        # Permissions normally appear after migrate (post_migrate); make sure they exist.
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        group, created = Group.objects.get_or_create(name=GROUP_NAME)
        group.permissions.set(curator_permissions())
        self.stdout.write(f'{"Created" if created else "Updated"} group "{GROUP_NAME}" with '
                          f"{group.permissions.count()} permissions.")
        if user:
            self._make_curator(user, email, group)

    def _make_curator(self, username, email, group):
        User = get_user_model()
        account, created = User.objects.get_or_create(**{User.USERNAME_FIELD: username},
                                                      defaults={"email": email})
        if created:
            account.set_unusable_password()
        account.is_staff = True
        account.save()
        account.groups.add(group)
        self.stdout.write(f"{'Created' if created else 'Updated'} staff user {username} in group "
                          f'"{GROUP_NAME}".')
        if created or not account.has_usable_password():
            self.stdout.write(f"Set a password with: manage.py changepassword {username}")
