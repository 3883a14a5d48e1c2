"""Indexes of the stored entities and of the figures led by the article, holding every column
the counts over a scope's keys read, in place of the plain indexes on the article."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0027_every_article_has_state"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="articleentity",
            index=models.Index(
                fields=["article", "kind", "person", "country", "mentions", "id"],
                name="article_entity_article_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="fact",
            index=models.Index(
                fields=["article", "kind", "value", "start", "id"], name="fact_article_idx"
            ),
        ),
        migrations.AlterField(
            model_name="fact",
            name="article",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="facts",
                to="articles.article",
            ),
        ),
        migrations.AlterField(
            model_name="articleentity",
            name="article",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="entities",
                to="articles.article",
            ),
        ),
    ]
