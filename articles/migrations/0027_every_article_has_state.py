"""Every article gets its derived state: those stored without one are marked never linked, so
that a load finds them through the state's version index instead of a pass over every
article (the loader no longer looks for articles with no state)."""

from django.db import migrations

BATCH = 5000


def states_for_every_article(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleDerivedState = apps.get_model("articles", "ArticleDerivedState")
    missing = Article.objects.filter(derived_state__isnull=True).order_by().values_list(
        "pk", flat=True
    )
    pks = list(missing)
    for start in range(0, len(pks), BATCH):
        ArticleDerivedState.objects.bulk_create(
            ArticleDerivedState(article_id=pk, linked_with="", quotes_clustered=False)
            for pk in pks[start : start + BATCH]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0026_outlet_counts"),
    ]

    operations = [
        migrations.RunPython(states_for_every_article, migrations.RunPython.noop, elidable=True),
    ]
