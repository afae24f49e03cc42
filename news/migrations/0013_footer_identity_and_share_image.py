import news.images
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0012_search_terms_for_corrections'),
    ]

    operations = [
        migrations.AddField(
            model_name='sitesettings',
            name='permit',
            field=models.CharField(blank=True, help_text='Number, date and issuer, e.g. "Giấy phép số 12/GP-TTĐT ngày 01/02/2026".', max_length=300, verbose_name='licence to run the portal'),
        ),
        migrations.AddField(
            model_name='sitesettings',
            name='responsible_person',
            field=models.CharField(blank=True, help_text='Shown in the footer, e.g. "Nguyễn Văn A, Giám đốc Đài".', max_length=200, verbose_name='person responsible'),
        ),
        migrations.AddField(
            model_name='sitesettings',
            name='share_image',
            field=models.ImageField(blank=True, help_text='Shown when a page without a photo of its own is shared on Zalo or Facebook (1200×630 pixels is best). Without it, the logo; without a logo, a plain image.', upload_to='site/', validators=[news.images.validate_image], verbose_name='share image'),
        ),
    ]
