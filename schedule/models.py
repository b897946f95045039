"""The leaders' work schedule (lịch công tác), published week by week on each site."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import site_field

from .weeks import Week


class ScheduleEntryQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def in_week(self, week):
        """Entries from the week's Monday to its Sunday, in the order of the day."""
        return self.filter(date__range=(week.monday, week.sunday)).in_order()

    def in_order(self):
        # Entries without a time ("cả ngày") open their day.
        return self.order_by("date", models.F("starts_at").asc(nulls_first=True), "position", "pk")


class ScheduleEntry(models.Model):
    """One item of a leader's week: a meeting, a visit, a reception of citizens…"""

    site = site_field("schedule_entries")
    date = models.DateField(_("ngày"))
    starts_at = models.TimeField(
        _("giờ bắt đầu"), null=True, blank=True, help_text=_("Để trống nếu cả ngày."),
    )
    ends_at = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    content = models.TextField(_("nội dung"), max_length=2000)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.CharField(
        _("chủ trì"), max_length=255, blank=True,
        help_text=_("Ví dụ: Đồng chí Nguyễn Văn A – Chủ tịch UBND xã"),
    )
    attendees = models.TextField(_("thành phần tham dự"), max_length=2000, blank=True)
    preparer = models.CharField(
        _("chuẩn bị"), max_length=255, blank=True,
        help_text=_("Đơn vị hoặc người chuẩn bị nội dung, ví dụ: Văn phòng HĐND và UBND"),
    )
    note = models.CharField(
        _("ghi chú"), max_length=255, blank=True, help_text=_("Ví dụ: Hoãn, chuyển sang chiều thứ Năm"),
    )
    event = models.ForeignKey(
        "articles.Event", verbose_name=_("sự kiện"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="schedule_entries",
        help_text=_("Sự kiện trên trang mà hoạt động này tạo ra (để bạn đọc xem tin bài về nó)."),
    )
    position = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Xếp các mục cùng giờ."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScheduleEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục lịch công tác")
        verbose_name_plural = _("lịch công tác")
        ordering = ["-date", "starts_at", "position"]
        indexes = [models.Index(fields=["site", "date"], name="schedule_site_date_idx")]

    def __str__(self):
        when = f"{self.date:%d/%m/%Y}" + (f" {self.starts_at:%H:%M}" if self.starts_at else "")
        return f"{when} – {self.content[:60]}"

    @property
    def week(self):
        return Week.of(self.date)

    def get_absolute_url(self):
        """The entry on its week's page."""
        return f"{reverse('schedule:week')}?tuan={self.week}#muc-{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Giờ kết thúc phải sau giờ bắt đầu.")
        if self.ends_at and not self.starts_at:
            errors["starts_at"] = _("Nhập giờ bắt đầu khi đã có giờ kết thúc.")
        if self.event_id and self.site_id and self.event.site_id != self.site_id:
            errors["event"] = _("Sự kiện này thuộc trang khác; chọn một sự kiện của cùng trang.")
        if self.date and Week.parse(str(Week.of(self.date))) is None:
            errors["date"] = _("Ngày phải trong khoảng năm 2000 đến 2100.")
        if errors:
            raise ValidationError(errors)
