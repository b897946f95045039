"""Public pages of the citizens' questions: published answers, the form, the status lookup."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from search.query import parse_query
from benluc.network import client_ip
from benluc.text import positive_int
from comments import moderation
from sites.cache import public_page

from .forms import QuestionForm, TrackForm, token_target
from .models import BODY_MAX_LENGTH, Field, Question, normalise_code
from .notify import notify_answerers

PER_PAGE = 10
FIELD_PARAM = "linh-vuc"


def _page(request, queryset):
    paginator = Paginator(queryset, PER_PAGE)
    number = positive_int(request.GET.get("trang", "1"))
    if number is None or number > max(paginator.num_pages, 1):
        raise Http404("Không có trang này.")
    return paginator.page(number)


def _answers(request, query=None, field=""):
    questions = Question.objects.published().for_site(request.site)
    if field:
        questions = questions.filter(field=field)
    if query is not None and query.words:
        questions = questions.matching(query.words)
    page = _page(request, questions.newest_answers_first().defer("search_text", "ip", "user_agent"))
    return render(request, "questions/list.html", {
        "page": page, "query": query.text if query else "", "notices": query.notices if query else [],
        "field": field, "fields": Field.choices, "searching": bool(query and query.text) or bool(field),
        "search_params": _search_params(query, field),
    })


def _search_params(query, field):
    params = {}
    if query and query.text:
        params["q"] = query.text
    if field:
        params[FIELD_PARAM] = field
    return urlencode(params)


@public_page
def _cached_answers(request):
    return _answers(request)


@require_safe
def question_list(request):
    """Published answers, newest first; `?q=` searches them, `?linh-vuc=` filters by field.

    The plain list is cached whole; a search is not (the page cache keys only the page number).
    """
    raw_query = request.GET.get("q", "")
    field = request.GET.get(FIELD_PARAM, "")
    if field and field not in Field.values:
        field = ""
    if not raw_query.strip() and not field:
        return _cached_answers(request)
    response = _answers(request, parse_query(raw_query), field)
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
@public_page
def detail(request, pk):
    question = get_object_or_404(Question.objects.published().for_site(request.site), pk=pk)
    return render(request, "questions/detail.html", {"question": question})


# --- Asking ---------------------------------------------------------------------------------

def _duplicate(site, body, email, phone, ip):
    """The same text from the same sender (e-mail, phone or address) on this site."""
    sender = Q()
    if email:
        sender |= Q(email__iexact=email)
    if phone:
        sender |= Q(phone=phone)
    if ip:
        sender |= Q(ip=ip)
    if not sender:
        return False
    normal = " ".join(body.casefold().split())
    earlier = Question.objects.filter(sender, site=site).values_list("body", flat=True)[:200]
    return any(" ".join(text.casefold().split()) == normal for text in earlier)


def _submit(request):
    """Take a posted question: (form, question or None, refusal or None)."""
    site = request.site
    form = QuestionForm(request.POST, site=site)
    ip = client_ip(request)
    try:
        moderation.take_slot(ip)  # the comments' per-address allowance, counted in the database
    except moderation.Refused as refusal:
        return form, None, refusal
    try:
        if not form.is_valid():
            raise moderation.Refused("Câu hỏi chưa được gửi. Vui lòng xem lại các ô được đánh dấu.")
        data = form.cleaned_data
        question = Question(
            site=site, name=data["name"], email=data["email"], phone=data["phone"],
            address=data["address"], field=data["field"], body=data["body"], ip=ip,
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        elapsed = moderation.seconds_since_issued(data["issued"], token_target(site))
        if elapsed is not None and elapsed > moderation.TOKEN_MAX_AGE:
            form.data = form.data.copy()
            form.data["issued"] = moderation.issue_token(token_target(site))
            raise moderation.Refused(
                "Trang đã mở quá lâu nên câu hỏi chưa được gửi. Nội dung vẫn còn nguyên, "
                "vui lòng bấm “Gửi câu hỏi” lần nữa."
            )
        verdict = moderation.screen(question, honeypot=data["website"], elapsed=elapsed)
        spam = verdict.status == "spam"
        if not spam and _duplicate(site, question.body, question.email, question.phone, ip):
            raise moderation.Refused(
                "Bạn đã gửi câu hỏi này rồi. Vui lòng dùng mã tra cứu đã nhận để theo dõi."
            )
    except moderation.Refused as refusal:
        moderation.release_slot(ip)  # not stored: correcting the form costs nothing
        return form, None, refusal
    question.status = Question.Status.SPAM if spam else Question.Status.RECEIVED
    question.flags = verdict.flags if verdict.status != "approved" else []
    with transaction.atomic():
        question.save()
        if not spam:
            transaction.on_commit(lambda: notify_answerers(question))
    return form, question, None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    """The question form (GET) and a sent question (POST → the lookup page with the code)."""
    if request.method != "POST":
        form, refusal, status = QuestionForm(site=request.site), None, 200
    else:
        form, question, refusal = _submit(request)
        if question is not None:
            # A bot's question (saved as spam) gets the same answer: it learns nothing.
            return redirect(question.tracking_url() + "&da-gui=1")
        status = refusal.status
    return render(request, "questions/ask.html", {
        "form": form, "refusal": refusal, "max_length": BODY_MAX_LENGTH,
    }, status=status)


# --- Following a question -------------------------------------------------------------------

LOOKUP_LIMIT = 30  # lookups per client address …
LOOKUP_WINDOW = 600  # … in this many seconds


def _too_many_lookups(ip):
    """Count one lookup; True once the address has made LOOKUP_LIMIT in the window.

    Codes cannot be guessed in any case (5 × 10^11 of them); this keeps anyone from trying.
    """
    if not ip:
        return False
    key = f"questions:lookup:{ip}"
    if cache.add(key, 1, LOOKUP_WINDOW):
        return False
    try:
        return cache.incr(key) > LOOKUP_LIMIT
    except ValueError:
        cache.set(key, 1, LOOKUP_WINDOW)
        return False


@never_cache
@require_safe
def track(request):
    """Status of a question by its tracking code. A wrong code gets a polite "not found"."""
    context = {"form": TrackForm(), "question": None, "not_found": False,
               "just_sent": request.GET.get("da-gui") == "1"}
    status = 200
    if "ma" in request.GET:
        form = TrackForm(request.GET)
        context["form"] = form
        if form.is_valid():
            if _too_many_lookups(client_ip(request)):
                minutes = LOOKUP_WINDOW // 60
                context["refusal"] = (f"Bạn tra cứu quá nhiều lần. Vui lòng chờ khoảng {minutes} phút rồi thử lại.")
                return render(request, "questions/track.html", context, status=429)
            code = normalise_code(form.cleaned_data["ma"])
            question = (
                Question.objects.for_site(request.site).filter(code=code).first() if code else None
            )
            if question is None:
                context["not_found"] = True
                status = 404
            else:
                context["question"] = question
                context["shown_status"] = (
                    Question.Status.RECEIVED.label if question.status == Question.Status.SPAM
                    else question.get_status_display()
                )
        else:
            status = 400
    return render(request, "questions/track.html", context, status=status)
