"""Sites, and the one site an existing installation's content moves into."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def create_default_site(apps, schema_editor):
    """The site of an installation upgraded from one portal: no host, so it answers every
    allowed host as before, under the name it had (SITE_NAME)."""
    Site = apps.get_model("sites", "Site")
    if Site.objects.exists():
        return
    name = settings.SITE_NAME
    short = name
    for prefix in ("Cổng thông tin điện tử ", "Trang thông tin điện tử "):
        short = short.removeprefix(prefix)
    Site.objects.create(name=name, short_name=short[:80], slug="mac-dinh", is_default=True)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Site',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Ví dụ: Trang thông tin điện tử xã Bến Lức', max_length=150, verbose_name='tên trang')),
                ('short_name', models.CharField(help_text='Ví dụ: Bến Lức', max_length=80, verbose_name='tên ngắn')),
                ('slug', models.SlugField(help_text='Chữ thường không dấu, ví dụ: benluc. Dùng cho địa chỉ <mã>.localhost khi chạy thử.', max_length=60, unique=True, verbose_name='mã trang')),
                ('kind', models.CharField(choices=[('tinh', 'Cổng thông tin tỉnh'), ('xa', 'Xã'), ('phuong', 'Phường')], default='xa', max_length=10, verbose_name='cấp')),
                ('host', models.CharField(blank=True, help_text='Ví dụ: benluc.tayninh.gov.vn. Để trống khi cài đặt chỉ có một trang: trang đó trả lời mọi tên miền được phép.', max_length=253, verbose_name='tên miền')),
                ('aliases', models.CharField(blank=True, help_text='Các tên miền khác cũng mở trang này, cách nhau bằng dấu cách.', max_length=500, verbose_name='tên miền khác')),
                ('is_default', models.BooleanField(default=False, help_text='Trang nhận nội dung khi không chọn trang nào (chỉ một trang).', verbose_name='trang mặc định')),
                ('tagline', models.CharField(blank=True, max_length=150, verbose_name='dòng giới thiệu')),
                ('logo', models.ImageField(blank=True, upload_to='sites/', verbose_name='biểu trưng')),
                ('agency', models.CharField(blank=True, max_length=200, verbose_name='cơ quan chủ quản')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='địa chỉ')),
                ('phone', models.CharField(blank=True, max_length=60, verbose_name='điện thoại')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='thư điện tử')),
                ('responsible_person', models.CharField(blank=True, max_length=120, verbose_name='người chịu trách nhiệm')),
                ('responsible_title', models.CharField(blank=True, max_length=200, verbose_name='chức vụ người chịu trách nhiệm')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='thứ tự')),
                ('content_version', models.PositiveBigIntegerField(default=1, editable=False)),
                ('next_due', models.BigIntegerField(blank=True, editable=False, null=True)),
                ('revision', models.PositiveIntegerField(default=1, editable=False)),
                ('parent', models.ForeignKey(blank=True, limit_choices_to={'kind': 'tinh'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='sites.site', verbose_name='thuộc cổng')),
            ],
            options={
                'verbose_name': 'trang',
                'verbose_name_plural': 'các trang (cổng tỉnh, xã, phường)',
                'ordering': ['position', 'name'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('host', ''), _negated=True), fields=('host',), name='site_host_once'), models.UniqueConstraint(condition=models.Q(('is_default', True)), fields=('is_default',), name='site_one_default')],
            },
        ),
        migrations.RunPython(create_default_site, migrations.RunPython.noop),
    ]
