"""The indexes the incremental cluster update reads (``QuoteWord``: the words of quotes in no
cluster; ``QuoteClusterWord``: the words of each cluster's representative) and the clusters'
``stale`` mark. Every article is marked unclustered, so the next load (or re-cluster) fills
the indexes from the quotes stored before; their clusters keep their keys."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

NEW_MODELS = ("quoteword", "quoteclusterword")


def editors_view(apps, schema_editor):
    """Editors read everything, derived data included (see 0003_editors_group)."""
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=[f"view_{model}" for model in NEW_MODELS],
            )
        )


def editors_unview(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="articles", codename__in=[f"view_{m}" for m in NEW_MODELS]
    ).delete()


def mark_unclustered(apps, schema_editor):
    apps.get_model("articles", "ArticleDerivedState").objects.update(quotes_clustered=False)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0019_entity_totals'),
    ]

    operations = [
        migrations.CreateModel(
            name='QuoteClusterWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=64)),
            ],
            options={
                'ordering': ['cluster', 'word'],
            },
        ),
        migrations.CreateModel(
            name='QuoteWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=64)),
            ],
            options={
                'ordering': ['quote', 'word'],
            },
        ),
        migrations.AddField(
            model_name='quotecluster',
            name='stale',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddIndex(
            model_name='quotecluster',
            index=models.Index(condition=models.Q(('stale', True)), fields=['stale'], name='quotecluster_stale_idx'),
        ),
        migrations.AddField(
            model_name='quoteclusterword',
            name='cluster',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='words', to='articles.quotecluster'),
        ),
        migrations.AddField(
            model_name='quoteword',
            name='quote',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='index_words', to='articles.quote'),
        ),
        migrations.AddIndex(
            model_name='quoteclusterword',
            index=models.Index(fields=['word', 'cluster'], name='quoteclusterword_word_idx'),
        ),
        migrations.AddConstraint(
            model_name='quoteclusterword',
            constraint=models.UniqueConstraint(fields=('cluster', 'word'), name='quoteclusterword_unique_cluster_word'),
        ),
        migrations.AddIndex(
            model_name='quoteword',
            index=models.Index(fields=['word', 'quote'], name='quoteword_word_quote_idx'),
        ),
        migrations.AddConstraint(
            model_name='quoteword',
            constraint=models.UniqueConstraint(fields=('quote', 'word'), name='quoteword_unique_quote_word'),
        ),
        migrations.RunPython(mark_unclustered, migrations.RunPython.noop),
        migrations.RunPython(editors_view, editors_unview),
    ]
