from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_source_records"),
    ]

    operations = [
        migrations.AddField(
            model_name="personcandidate",
            name="role",
            field=models.CharField(
                blank=True, help_text='The role the text gives ("political analyst").', max_length=200
            ),
        ),
        migrations.AddField(
            model_name="fact",
            name="subject",
            field=models.CharField(
                blank=True, help_text="What the figure is about, from its sentence.", max_length=200
            ),
        ),
    ]
