"""The indexes the incremental cluster update reads (``QuoteWord``: the words of quotes in no
cluster; ``QuoteClusterWord``: the words of each cluster's representative) and the clusters'
``stale`` mark. Every article is marked unclustered, so the next load (or re-cluster) fills
the indexes from the quotes stored before; their clusters keep their keys."""

import django.db.models.deletion
from django.db import migrations, models


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
    ]
