"""Per person and country totals over the stored article rows (``article_count``,
``mention_count``), filled here from the rows of the articles linked before, and an index
for the most named first."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def fill_totals(apps, schema_editor):
    ArticleEntity = apps.get_model("articles", "ArticleEntity")
    for kind, model_name in (("person", "Person"), ("country", "Country")):
        rows = ArticleEntity.objects.filter(**{kind: OuterRef("pk")}).order_by().values(kind)
        apps.get_model("articles", model_name).objects.update(
            article_count=Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0),
            mention_count=Coalesce(Subquery(rows.annotate(n=Sum("mentions")).values("n")), 0),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="country",
            name="article_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="country",
            name="mention_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="person",
            name="article_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="person",
            name="mention_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="country",
            index=models.Index(
                fields=["-article_count", "-mention_count", "name"], name="country_most_named_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["-article_count", "-mention_count", "name"], name="person_most_named_idx"
            ),
        ),
        migrations.RunPython(fill_totals, migrations.RunPython.noop),
    ]
