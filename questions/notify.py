"""Tell a site's answerers of a new question (after the transaction commits, never blocking)."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse

from articles import roles
from benluc.mail import send_in_background


def answerer_emails(site_id):
    """Addresses of the active "Trả lời hỏi đáp" members of the site."""
    members = get_user_model().objects.filter(
        is_active=True, memberships__role__name=roles.ANSWERER, memberships__site_id=site_id,
    ).exclude(email="")
    return sorted(set(members.values_list("email", flat=True)))


def new_question_notice(question):
    """The e-mail about a new question, or None when the site has no answerer with an e-mail.

    It carries no contact details of the citizen: those stay in the admin.
    """
    recipients = answerer_emails(question.site_id)
    if not recipients:
        return None
    site = question.site
    link = site.absolute(reverse("admin:questions_question_change", args=[question.pk]))
    queue = site.absolute(reverse("admin:questions_question_changelist") + "?han=con-han")
    body = "\n".join([
        f"Lĩnh vực: {question.get_field_display()}",
        f"Người hỏi: {question.name}",
        f"Hạn trả lời: {question.due_on:%d/%m/%Y} (15 ngày làm việc)",
        "",
        question.body,
        "",
        *(["Lý do cần xem: " + "; ".join(question.flags), ""] if question.flags else []),
        f"Xử lý câu hỏi: {link}",
        f"Các câu hỏi đang chờ: {queue}",
    ])
    return EmailMessage(
        subject=f"[{site.name}] Câu hỏi mới ({question.display_code}): {question.display_title}"[:200],
        body=body, to=recipients,
    )


def notify_answerers(question):
    message = new_question_notice(question)
    if message is not None:
        send_in_background(message)
