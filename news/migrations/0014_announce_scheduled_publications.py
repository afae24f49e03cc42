from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0013_footer_identity_and_share_image'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='announced',
            field=models.BooleanField(default=True, editable=False),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('announced', False), ('status', 'published')), fields=['published_at'], name='article_unannounced_idx'),
        ),
    ]
