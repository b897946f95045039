"""Erase commenters' IP addresses and browser strings once the retention period is over."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from comments.models import Comment
from comments.moderation import conf

# Every model holding readers' comments with `created_at`, `ip` and `user_agent`: other apps
# whose comments follow these rules add theirs in their AppConfig.ready() (drafts' comments).
COMMENT_MODELS = [Comment]


class Command(BaseCommand):
    help = (
        "Xóa địa chỉ IP và thông tin trình duyệt của ý kiến cũ hơn số ngày lưu trữ "
        "(mặc định COMMENTS['IP_RETENTION_DAYS']). Nên chạy hằng ngày (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help="Giữ IP của ý kiến trong chừng này ngày (mặc định theo cấu hình).",
        )

    def handle(self, *args, days=None, **options):
        days = conf("IP_RETENTION_DAYS") if days is None else days
        if days < 0:
            raise CommandError("Số ngày phải lớn hơn hoặc bằng 0.")
        cutoff = timezone.now() - timedelta(days=days)
        count = sum(
            model.objects.filter(created_at__lt=cutoff)
            .filter(Q(ip__isnull=False) | ~Q(user_agent=""))
            .update(ip=None, user_agent="")
            for model in COMMENT_MODELS
        )
        self.stdout.write(f"Đã xóa địa chỉ IP của {count} ý kiến gửi trước {days} ngày.")
