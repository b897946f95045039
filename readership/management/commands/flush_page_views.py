from django.core.management.base import BaseCommand
from django.utils import timezone

from readership.counter import flush_day


class Command(BaseCommand):
    help = "Ghi ngay các lượt xem đang đếm trong bộ nhớ đệm vào cơ sở dữ liệu (hôm nay và hôm qua)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        moved = flush_day(today - timezone.timedelta(days=1)) + flush_day(today)
        self.stdout.write(f"Đã ghi {moved} lượt xem vào cơ sở dữ liệu.")
