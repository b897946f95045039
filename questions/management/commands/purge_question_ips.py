"""Erase the IP addresses and browser strings of questions once the retention period is over
(the same period as comments': COMMENTS['IP_RETENTION_DAYS'])."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from comments.moderation import conf
from questions.models import Question


class Command(BaseCommand):
    help = (
        "Xóa địa chỉ IP và thông tin trình duyệt của câu hỏi cũ hơn số ngày lưu trữ "
        "(mặc định COMMENTS['IP_RETENTION_DAYS']). Nên chạy hằng ngày cùng purge_comment_ips."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="Giữ IP của câu hỏi trong chừng này ngày (mặc định theo cấu hình).")

    def handle(self, *args, days=None, **options):
        days = conf("IP_RETENTION_DAYS") if days is None else days
        if days < 0:
            raise CommandError("Số ngày phải lớn hơn hoặc bằng 0.")
        cutoff = timezone.now() - timedelta(days=days)
        count = (
            Question.objects.filter(received_at__lt=cutoff)
            .filter(Q(ip__isnull=False) | ~Q(user_agent=""))
            .update(ip=None, user_agent="")
        )
        self.stdout.write(f"Đã xóa địa chỉ IP của {count} câu hỏi gửi trước {days} ngày.")
