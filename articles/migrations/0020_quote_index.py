"""The index of quotes' distinctive words (``QuoteWord``) and the clusters' ``stale`` mark
that the incremental cluster update reads. Every article is marked unclustered, so the next
load (or re-cluster) indexes the quotes stored before; their clusters keep their keys."""

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
            model_name='quoteword',
            name='quote',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='index_words', to='articles.quote'),
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
