from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("scenes", "0003_one_open_scene_per_room"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="scenemessage",
            index=models.Index(fields=["scene", "created", "id"], name="scenemessage_log_order"),
        ),
    ]
