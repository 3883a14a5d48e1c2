"""The Editors group, with exactly the permissions editors need.

Editors read everything, tag and cross-link articles, correct article and
outlet metadata, add people and name variants, review person candidates and
read the audit trail. They cannot delete articles, people, countries or
outlets, and cannot change derived data (mentions, quotes, facts).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"

VIEW_ALL = [
    ("articles", model)
    for model in (
        "article",
        "articletag",
        "country",
        "countryname",
        "editoriallink",
        "fact",
        "mention",
        "person",
        "personcandidate",
        "personname",
        "quote",
        "quotecluster",
        "source",
        "tag",
    )
]

# (app label, codename) of every permission the group holds besides viewing.
EDITOR_PERMISSIONS = [
    *(("articles", f"{verb}_{model}") for model in ("articletag", "tag", "editoriallink")
      for verb in ("add", "change", "delete")),
    ("articles", "change_article"),
    ("articles", "add_source"),
    ("articles", "change_source"),
    *(("articles", f"{verb}_{model}") for model in ("personname", "countryname")
      for verb in ("add", "change", "delete")),
    ("articles", "add_person"),
    ("articles", "change_person"),
    ("articles", "change_personcandidate"),
    ("admin", "view_logentry"),
]


def permission_keys():
    return [(app, f"view_{model}") for app, model in VIEW_ALL] + EDITOR_PERMISSIONS


def create_group(apps, schema_editor):
    # On a fresh database permissions are created after migrate (post_migrate);
    # create them now so the group can be given them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(
            app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias
        )
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in permission_keys()
        ]
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_search"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
